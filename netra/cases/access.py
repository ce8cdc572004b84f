"""Which cases a staff member may see. Views and the API both use this one rule."""

from django.db.models import Q, QuerySet

from netra.core.permissions import government_scope

from . import workflow
from .models import Case, CaseStatus

# Each role's working queue, generated from the workflow table; supervisors and admins see every
# case but have no queue of their own.
QUEUES = workflow.queues()


def cases_visible_to(user) -> QuerySet[Case]:
    """Verifiers, Bawaslu reviewers, supervisors and admins see all cases; a PPK officer only the
    cases of employees of the government they act for (none while no government is set), and only
    from the recommendation on: the PPK is the accused's employer, so an unverified report is not
    theirs to read; everyone else none. The government rule is `netra.core.permissions.government_scope`,
    shared with duty letters, imports and exports."""
    base = Case.objects.select_related("agency", "region", "violation", "employee")
    scope = government_scope(user)
    visible = scope.filter(base, "agency__region_id")
    if not scope.everything:
        visible = visible.filter(Q(recommended_on__isnull=False)
                                 | Q(status__in=(CaseStatus.RECOMMENDED, CaseStatus.PPK_DECIDED)))
    return visible

