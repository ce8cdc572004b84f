"""Duplicate suggestions for the merge form.

Several people often report the same post or event. A case is suggested as a duplicate when it
names the same employee (linked record or NIP typed by a reporter), or when the reported names
are close (rapidfuzz token-sort ratio ≥ 85, so "Budi Santoso, S.Pd" matches "santoso budi") and
the conducts are at most 7 days apart. Only suggestions: the verifier decides.

The pool to score is found through indexed blocking keys (`cases.CaseMatchKey`), not by scanning
every case in the date window: cases sharing a NIP or employee (any date), the normalised whole
name, or a name token that is not common within ±7 days. A token held by more than COMMON_TOKEN
cases in the window ("muhammad") would pull in unrelated people and blocks nothing, so it is left
out; the whole-name key still matches such names.
"""

import datetime as dt

from django.db.models import Count, Q
from rapidfuzz import fuzz, utils

from netra.cases import match_keys
from netra.cases.models import Case, CaseMatchKey, CaseStatus, MatchKind, Report

NAME_THRESHOLD = 85
DATE_WINDOW = dt.timedelta(days=7)
MERGEABLE = (CaseStatus.RECEIVED, CaseStatus.VERIFICATION)
COMMON_TOKEN = 12


def _nips(case: Case) -> set[str]:
    nips = set(Report.objects.filter(case=case).exclude(subject_nip="").values_list("subject_nip", flat=True))
    if case.employee_id:
        nips.add(case.employee.nip)
    return nips


def _blocked(case: Case):
    """Ids of the cases sharing a blocking key with `case` (a subquery, not evaluated here)."""
    keys = match_keys.keys_for(case)
    window = (case.conduct_date - DATE_WINDOW, case.conduct_date + DATE_WINDOW)
    tokens = [v for k, v in keys if k == MatchKind.NAME_TOKEN]
    rare = [row["value"] for row in (
        CaseMatchKey.objects.filter(kind=MatchKind.NAME_TOKEN, value__in=tokens, conduct_date__range=window)
        .values("value").annotate(n=Count("id")).filter(n__lte=COMMON_TOKEN))] if tokens else []
    shared = Q(pk__in=[])
    for kind, value in keys:
        if kind in (MatchKind.NIP, MatchKind.EMPLOYEE):
            shared |= Q(kind=kind, value=value)
        elif kind == MatchKind.NAME_KEY:
            shared |= Q(kind=kind, value=value, conduct_date__range=window)
    if rare:
        shared |= Q(kind=MatchKind.NAME_TOKEN, value__in=rare, conduct_date__range=window)
    return CaseMatchKey.objects.filter(shared).values("case_id")


def name_score(a: str, b: str) -> float:
    return fuzz.token_sort_ratio(a, b, processor=utils.default_process)


def suggestions(case: Case, candidates) -> list[dict]:
    """Mergeable cases among `candidates` (already limited to what the user may see), best first."""
    if case.status not in MERGEABLE:
        return []
    nips = _nips(case)
    pool = (candidates.filter(pk__in=_blocked(case), status__in=MERGEABLE).exclude(pk=case.pk)
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
