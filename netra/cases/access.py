"""Which cases a staff member may see. Views and the API both use this one rule."""

from django.db.models import QuerySet

from netra.core.permissions import government_scope

from . import workflow
from .models import Case

# Each role's working queue, generated from the workflow table; supervisors and admins see every
# case but have no queue of their own.
QUEUES = workflow.queues()


def cases_visible_to(user) -> QuerySet[Case]:
    """Verifiers, Bawaslu reviewers, supervisors and admins see all cases; a PPK officer only the
    cases of employees of the government they act for (none while no government is set); everyone
    else none. The rule is `netra.core.permissions.government_scope`, shared with duty letters,
    imports and exports."""
    base = Case.objects.select_related("agency", "region", "violation", "employee")
    return government_scope(user).filter(base, "agency__region_id")

