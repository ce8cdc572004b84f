"""Duplicate suggestions for the merge form.

Several people often report the same post or event. A case is suggested as a duplicate when it
names the same employee (linked record or NIP typed by a reporter), or when the reported names
are close (rapidfuzz token-sort ratio ≥ 85, so "Budi Santoso, S.Pd" matches "santoso budi") and
the conducts are at most 7 days apart. Only suggestions: the verifier decides.
"""

import datetime as dt

from django.db.models import Q
from rapidfuzz import fuzz, utils

from netra.cases.models import Case, CaseStatus, Report

NAME_THRESHOLD = 85
DATE_WINDOW = dt.timedelta(days=7)
MERGEABLE = (CaseStatus.RECEIVED, CaseStatus.VERIFICATION)


def _nips(case: Case) -> set[str]:
    nips = set(Report.objects.filter(case=case).exclude(subject_nip="").values_list("subject_nip", flat=True))
    if case.employee_id:
        nips.add(case.employee.nip)
    return nips


def name_score(a: str, b: str) -> float:
    return fuzz.token_sort_ratio(a, b, processor=utils.default_process)


def suggestions(case: Case, candidates) -> list[dict]:
    """Mergeable cases among `candidates` (already limited to what the user may see), best first."""
    if case.status not in MERGEABLE:
        return []
    nips = _nips(case)
    near = Q(conduct_date__range=(case.conduct_date - DATE_WINDOW, case.conduct_date + DATE_WINDOW))
    if case.employee_id:
        near |= Q(employee_id=case.employee_id)
    if nips:
        near |= Q(reports__subject_nip__in=nips) | Q(employee__nip__in=nips)
    pool = (candidates.filter(near, status__in=MERGEABLE).exclude(pk=case.pk).distinct()
            .select_related("employee", "agency").prefetch_related("reports"))
    found = []
    for other in pool:
        other_nips = {r.subject_nip for r in other.reports.all() if r.subject_nip}
        if other.employee_id:
            other_nips.add(other.employee.nip)
        same_person = (case.employee_id and case.employee_id == other.employee_id) or bool(nips & other_nips)
        score = name_score(case.subject_name, other.subject_name)
        close_in_time = abs(case.conduct_date - other.conduct_date) <= DATE_WINDOW
        if same_person:
            found.append({"case": other, "score": 100.0, "reason": "same_employee"})
        elif score >= NAME_THRESHOLD and close_in_time:
            found.append({"case": other, "score": round(score, 1), "reason": "similar_name"})
    found.sort(key=lambda s: (-s["score"], s["case"].opened_at))
    return found
