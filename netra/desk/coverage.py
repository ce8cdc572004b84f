"""The dashboard's training-coverage panel comes from `netra.learning`.

The learning app owns the numbers and their presentation (`learning/coverage_panel.html`, built
on `netra.learning.stats`); the dashboard only leaves a slot for it: the template block
`coverage`, which includes the template named by the context variable `coverage_panel`. While
the learning app has no such template the slot stays empty, so neither app breaks the other.
"""

from django.template import TemplateDoesNotExist
from django.template.loader import get_template

PANEL = "learning/coverage_panel.html"


def coverage_panel(template_name: str = PANEL) -> str | None:
    try:
        get_template(template_name)
    except TemplateDoesNotExist:
        return None
    return template_name
