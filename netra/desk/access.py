"""Which case, evidence file and queue a staff member gets; the desk's one place for that question.

Visibility itself is the shared rule in `netra.cases.access` (the API uses it too); this module
turns it into lookups that answer 404 for a case the user may not see, so a PPK officer of another
government cannot even learn that a case code exists.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from netra.cases.access import QUEUES, cases_visible_to
from netra.cases.models import OPEN_STATUSES, Case, CaseStatus, Evidence
from netra.core.permissions import SEALED_ORIGINAL_READERS
from netra.core.roles import Role, has_role, roles_of


def visible_cases(user) -> QuerySet[Case]:
    return cases_visible_to(user)


def case_for_user(user, code: str) -> Case:
    """The case with this code if the user may see it, else 404."""
    qs = visible_cases(user).select_related("contest", "proposed_sanction", "recommended_sanction",
                                            "decided_sanction", "authority", "assigned_to", "merged_into")
    return get_object_or_404(qs, code=(code or "").strip().upper())


def evidence_for_user(user, uid) -> Evidence:
    """An evidence item is visible exactly when the case its report belongs to is visible."""
    evidence = get_object_or_404(Evidence.objects.select_related("report"), uid=uid)
    case_id = evidence.report.case_id
    if case_id is None or not visible_cases(user).filter(pk=case_id).exists():
        raise Http404
    return evidence


def can_open_sealed_original(user) -> bool:
    """The byte-exact original (with EXIF/GPS) is for the people who verify or keep the record."""
    return has_role(user, *SEALED_ORIGINAL_READERS)


ALL_OPEN = tuple(OPEN_STATUSES)


def queue_statuses(user) -> list[str]:
    """Statuses of the user's working queue(s), in workflow order, without repeats.

    Supervisors and admins watch every open case; the other roles their stage of the workflow.
    """
    wanted: set[str] = set()
    roles = roles_of(user)
    if roles & {Role.SUPERVISOR.value, Role.ADMIN.value}:
        wanted.update(ALL_OPEN)
    for role, statuses in QUEUES.items():
        if role.value in roles:
            wanted.update(statuses)
    return [s for s in CaseStatus.values if s in wanted]


def queues_for(user) -> list[dict]:
    """One queue per status, oldest deadline first."""
    visible = visible_cases(user)
    labels = dict(CaseStatus.choices)
    return [
        {"status": status, "label": labels[status],
         "cases": list(visible.filter(status=status).order_by("due_date", "opened_at")[:200])}
        for status in queue_statuses(user)
    ]
