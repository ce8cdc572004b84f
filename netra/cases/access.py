"""Which cases a staff member may see. Views and the API both use this one rule."""

from django.db.models import Q, QuerySet

from netra.core.roles import Role, has_role

from .models import Case, CaseStatus

# Each role's working queue; supervisors and admins see every case but have no queue of their own.
QUEUES = {
    Role.VERIFIER: (CaseStatus.RECEIVED, CaseStatus.VERIFICATION),
    Role.BAWASLU: (CaseStatus.BAWASLU_REVIEW,),
    Role.PPK: (CaseStatus.RECOMMENDED,),
}


def cases_visible_to(user) -> QuerySet[Case]:
    """Verifiers, Bawaslu reviewers, supervisors and admins see all cases; a PPK officer only the
    cases of employees of the government they act for, and only from the recommendation on (the PPK is
    the accused's employer: an unverified report is not theirs to read); everyone else none."""
    base = Case.objects.select_related("agency", "region", "violation", "employee")
    if has_role(user, Role.ADMIN, Role.SUPERVISOR, Role.VERIFIER, Role.BAWASLU):
        return base
    if has_role(user, Role.PPK):
        profile = getattr(user, "staff_profile", None)
        if profile is None or profile.government_id is None:
            return base.none()
        return base.filter(agency__region_id=profile.government_id).filter(
            Q(recommended_on__isnull=False) | Q(status__in=(CaseStatus.RECOMMENDED, CaseStatus.PPK_DECIDED)))
    return base.none()

