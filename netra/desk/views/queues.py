"""The desk home page: the signed-in person's working queue(s)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from netra.core.permissions import CASE_DESK_ROLES
from netra.core.roles import has_role

from ..access import queues_for


@login_required
def home(request):
    """Every signed-in account lands here; roles without case access see no queue, only their links."""
    has_cases = has_role(request.user, *CASE_DESK_ROLES)
    return render(request, "desk/home.html", {
        "has_cases": has_cases,
        "queues": queues_for(request.user) if has_cases else [],
    })
