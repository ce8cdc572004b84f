from django import template

from netra.desk.deadlines import badge_label, deadline_state
from netra.registry.validators import mask_nip

register = template.Library()


@register.inclusion_tag("desk/includes/deadline_badge.html")
def deadline_badge(case):
    state = deadline_state(case)
    return {"state": state, "label": badge_label(case, state), "due": case.due_date}


@register.filter
def nip_for(nip, may_see):
    """The full NIP for roles allowed to see it, otherwise a masked form."""
    return nip if may_see else mask_nip(nip)


@register.filter
def status_label(code):
    """The translated name of a status stored as a code (event rows keep codes, not labels)."""
    from netra.cases.models import CaseStatus

    return dict(CaseStatus.choices).get(code, code)
