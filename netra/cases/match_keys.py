"""Blocking keys for duplicate suggestions.

A mergeable case (RECEIVED, VERIFICATION) gets one row per NIP, linked employee, name token and
sorted-token name key. Names are normalised first: Indonesian honorifics and academic degrees
("Bapak", "Hj.", "Dr.", "S.Pd", "M.Si", ...) and punctuation removed, lowercased, so
"Hj. Siti Aminah, S.Pd" and "siti aminah" share keys. Tokens shorter than 3 characters block
nothing useful and are skipped.
"""

import re

from django.db import transaction

from .models import Case, CaseMatchKey, MatchKind, Report
from .workflow import CaseStatus

MERGEABLE = (CaseStatus.RECEIVED, CaseStatus.VERIFICATION)
MIN_TOKEN = 3

# Compared after lowercasing and removing dots, so "S.Pd", "S.Pd." and "spd" are one entry.
TITLES = frozenset("""
bapak bpk pak ibu bu saudara sdr saudari sdri tuan nyonya ny nona
h hj haji hajjah kh ustadz ustaz drs dra dr ir prof
spd ssos msi sh mh se me st mt mm mpd ssi skom mkom sip mip skm mkes sag mag shi spdi
sth sked ak amd amdkep amkeb sstp mtp spt phd bsc msc
""".split())

_SPLIT = re.compile(r"[\s,;/()\-]+")


def name_tokens(name: str) -> list[str]:
    """Normalised tokens of a reported name, titles and degrees removed, in order."""
    tokens = []
    for raw in _SPLIT.split(name.lower()):
        # A dotted degree such as "s.pd" or an initial "h." is one token once the dots are gone.
        word = re.sub(r"[^\w]", "", raw.replace(".", ""))
        if not word or word in TITLES or word.isdigit():
            continue
        tokens.append(word)
    return tokens


def name_key(name: str) -> str:
    """Order-free key of the whole name: "Santoso Budi" and "Budi Santoso, S.Pd" are equal."""
    return " ".join(sorted(name_tokens(name)))


def keys_from(*, status: str, subject_name: str, employee_id: int | None, employee_nip: str | None,
              report_nips: set[str]) -> set[tuple[str, str]]:
    """The (kind, value) blocking keys of a case given as plain values; none unless it can still be merged.

    A pure function so the bulk paths (`rebuild_all`, the duplicate sweep) compute exactly the keys
    `keys_for` does without loading model instances.
    """
    if status not in MERGEABLE:
        return set()
    keys: set[tuple[str, str]] = set()
    nips = set(report_nips)
    if employee_id:
        keys.add((MatchKind.EMPLOYEE, str(employee_id)))
        nips.add(employee_nip or "")
    keys |= {(MatchKind.NIP, nip) for nip in nips if nip}
    tokens = name_tokens(subject_name)
    keys |= {(MatchKind.NAME_TOKEN, t) for t in tokens if len(t) >= MIN_TOKEN}
    if tokens:
        keys.add((MatchKind.NAME_KEY, " ".join(sorted(tokens))[:200]))
    return keys


def keys_for(case: Case, report_nips: set[str] | None = None) -> set[tuple[str, str]]:
    """The (kind, value) blocking keys of `case`; none unless it can still be merged.

    `report_nips`: the NIPs typed in the case's reports when the caller already knows them (intake
    of a new case), which saves a query on the busiest write path.
    """
    if case.status not in MERGEABLE:
        return set()
    if report_nips is None:
        report_nips = set(Report.objects.filter(case=case).exclude(subject_nip="")
                          .values_list("subject_nip", flat=True))
    return keys_from(status=case.status, subject_name=case.subject_name, employee_id=case.employee_id,
                     employee_nip=case.employee.nip if case.employee_id else None, report_nips=report_nips)


CASE_FIELDS = ("id", "status", "subject_name", "conduct_date", "employee_id", "employee__nip")


def report_nips_of(case_ids) -> dict[int, set[str]]:
    """NIPs typed by reporters, per case, for many cases in one query."""
    found: dict[int, set[str]] = {}
    rows = (Report.objects.filter(case_id__in=list(case_ids)).exclude(subject_nip="")
            .values_list("case_id", "subject_nip"))
    for case_id, nip in rows:
        found.setdefault(case_id, set()).add(nip)
    return found


def keys_of_rows(rows: list[dict], nips: dict[int, set[str]]) -> dict[int, set[tuple[str, str]]]:
    """Keys of cases fetched as `values(*CASE_FIELDS)` rows, with their reporters' NIPs."""
    return {row["id"]: keys_from(status=row["status"], subject_name=row["subject_name"],
                                 employee_id=row["employee_id"], employee_nip=row["employee__nip"],
                                 report_nips=nips.get(row["id"], set())) for row in rows}


REBUILD_BLOCK = 1000


def rebuild_all() -> dict[str, int]:
    """Recompute every case's keys from its current fields (after a restore from elsewhere, raw SQL
    or a bulk load). One transaction: suggestions never see a half-built table. Returns counts."""
    created = cases = 0
    with transaction.atomic():
        deleted, _ = CaseMatchKey.objects.all().delete()
        mergeable = Case.objects.filter(status__in=MERGEABLE).order_by("id").values(*CASE_FIELDS)
        last = 0
        while block := list(mergeable.filter(id__gt=last)[:REBUILD_BLOCK]):
            last = block[-1]["id"]
            keys = keys_of_rows(block, report_nips_of(row["id"] for row in block))
            rows = [CaseMatchKey(case_id=row["id"], kind=kind, value=value, conduct_date=row["conduct_date"])
                    for row in block for kind, value in sorted(keys[row["id"]])]
            CaseMatchKey.objects.bulk_create(rows, batch_size=REBUILD_BLOCK)
            created += len(rows)
            cases += len(block)
    return {"deleted": deleted, "created": created, "cases": cases}


def sync(case: Case) -> None:
    """Replace the keys of `case` with its current ones (delete + insert)."""
    with transaction.atomic():
        CaseMatchKey.objects.filter(case=case).delete()
        CaseMatchKey.objects.bulk_create(
            CaseMatchKey(case=case, kind=kind, value=value, conduct_date=case.conduct_date)
            for kind, value in sorted(keys_for(case))
        )


def add_for_new_case(case: Case, report: Report) -> None:
    """Keys of a case that intake has just opened with its first report (it has none yet).

    One INSERT and no savepoint: intake already holds the transaction, and this is the path every
    report takes.
    """
    nips = {report.subject_nip} if report.subject_nip else set()
    CaseMatchKey.objects.bulk_create(
        CaseMatchKey(case=case, kind=kind, value=value, conduct_date=case.conduct_date)
        for kind, value in sorted(keys_for(case, report_nips=nips))
    )
