"""Test setup shared by every suite: a throw-away var dir and test-mode settings.

Environment is set here, before Django reads settings, so tests never touch ./var.
"""

import os
import tempfile

os.environ.setdefault("NETRA_TESTING", "1")
os.environ.setdefault("NETRA_VAR_DIR", tempfile.mkdtemp(prefix="netra-test-"))
