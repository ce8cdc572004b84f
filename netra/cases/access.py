"""Which cases a staff member may see. Views and the API both use this one rule."""

from django.db.models import QuerySet

from netra.core.roles import Role, has_role

from . import workflow
from .models import Case

# Each role's working queue, generated from the workflow table; supervisors and admins see every
# case but have no queue of their own.
QUEUES = workflow.queues()


def cases_visible_to(user) -> QuerySet[Case]:
    """Verifiers, Bawaslu reviewers, supervisors and admins see all cases; a PPK officer only the
    cases of employees of the government they act for; everyone else none."""
    base = Case.objects.select_related("agency", "region", "violation", "employee")
    if has_role(user, Role.ADMIN, Role.SUPERVISOR, Role.VERIFIER, Role.BAWASLU):
        return base
    if has_role(user, Role.PPK):
        profile = getattr(user, "staff_profile", None)
        if profile is None or profile.government_id is None:
            return base.none()
        return base.filter(agency__region_id=profile.government_id)
    return base.none()

