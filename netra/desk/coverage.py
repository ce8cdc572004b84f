"""The hook for the dashboard's training-coverage panel, filled by `netra.learning`.

Contract: a callable `provider(user) -> list[dict]` whose dicts have the keys agency, region,
passed, total and share (0–1). The dashboard puts the list in the template context as `coverage`
and renders `desk/includes/coverage.html` only when it is non-empty. The provider's dotted path
is the setting NETRA_COVERAGE_PROVIDER (default `netra.learning.coverage.coverage_for`); while the
learning app has no such module the panel simply stays hidden.
"""

import importlib.util

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_PROVIDER = "netra.learning.coverage.coverage_for"


def coverage_for(user) -> list[dict]:
    path = getattr(settings, "NETRA_COVERAGE_PROVIDER", DEFAULT_PROVIDER)
    if not path:
        return []
    module_name = path.rsplit(".", 1)[0]
    if importlib.util.find_spec(module_name.rsplit(".", 1)[0]) is None or \
            importlib.util.find_spec(module_name) is None:
        return []  # not built yet; any error inside an existing provider is not hidden
    return list(import_string(path)(user) or [])
