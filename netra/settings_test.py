"""Settings for the test suite: test mode and a throw-away var dir, set before settings load.

pytest-django reads DJANGO_SETTINGS_MODULE before any conftest runs, so the environment defaults
belong here rather than in a conftest.
"""

import os
import tempfile

os.environ.setdefault("NETRA_TESTING", "1")
os.environ.setdefault("NETRA_VAR_DIR", tempfile.mkdtemp(prefix="netra-test-"))

from netra.settings import *  # noqa: E402,F403
