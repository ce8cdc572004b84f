"""The desk home page: the signed-in person's working queue(s)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from netra.core.permissions import CASE_DESK_ROLES
from netra.core.roles import Role, has_role

from ..access import queues_for

# Where people without case work start their day (login lands on the desk home).
OWN_WORK_PAGES = ((Role.MONITOR, "monitoring:flags"), (Role.TRAINER, "learning:trainer"),
                  (Role.ASN, "learning:my_quizzes"))


@login_required
def home(request):
    """Every signed-in account lands here; roles without case access go on to their own work page."""
    has_cases = has_role(request.user, *CASE_DESK_ROLES)
    if not has_cases:
        for role, page in OWN_WORK_PAGES:
            if has_role(request.user, role):
                return redirect(page)
    return render(request, "desk/home.html", {
        "has_cases": has_cases,
        "queues": queues_for(request.user) if has_cases else [],
    })
