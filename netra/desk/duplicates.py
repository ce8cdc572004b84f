"""Duplicate suggestions for the merge form.

Several people often report the same post or event. A case is suggested as a duplicate when it
names the same employee (linked record or NIP typed by a reporter), or when the reported names
are close (rapidfuzz ratio ≥ 85 of the sorted name tokens without honorifics and degrees, so
"Budi Santoso, S.Pd" matches "santoso budi") and the conducts are at most 7 days apart.
Only suggestions: the verifier decides.

The pool to score is found through indexed blocking keys (`cases.CaseMatchKey`), not by scanning
every case in the date window: cases sharing a NIP or employee (any date), the normalised whole
name, or a name token that is not common within ±7 days. A token held by more than COMMON_TOKEN
cases in the window ("muhammad") would pull in unrelated people and blocks nothing, so it is left
out; the whole-name key still matches such names.
"""

import contextlib
import datetime as dt
import functools
from collections import defaultdict, deque

from django.db import connection, transaction
from django.db.models import Count, Q
from rapidfuzz import fuzz

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


@functools.lru_cache(maxsize=65536)
def _name_key(name: str) -> str:
    return match_keys.name_key(name)


def name_score(a: str, b: str) -> float:
    """Similarity of two reported names with honorifics and degrees removed and tokens sorted, so
    "Budi Santoso, S.Pd" and "santoso budi" score 100 ("IBU SITI AMINAH" and "Siti Aminah" too;
    compared raw they scored 83 and 85 and a title could hide a duplicate). A name of titles alone
    names nobody and scores 0."""
    key_a, key_b = _name_key(a), _name_key(b)
    if not key_a or not key_b:
        return 0.0
    return fuzz.ratio(key_a, key_b)


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


# ------------------------------------------------------------------------------------------ sweep

SWEEP_BLOCK = 500
POOL_FIELDS = (*match_keys.CASE_FIELDS, "code", "opened_at")


class _Window:
    """The date-bound keys (name tokens, name keys) of every case within ±DATE_WINDOW of the case
    being swept, fed from one stream of key rows in conduct-date order. Each row enters and leaves
    once, so the sweep reads the key table once however many cases it holds."""

    def __init__(self, rows):
        self.rows = iter(rows)
        self.pending = next(self.rows, None)
        self.order: deque = deque()  # (conduct date, key) of every row held, oldest first
        self.by_value: dict[tuple[str, str], deque] = defaultdict(deque)  # key -> case ids, oldest first

    def move_to(self, day: dt.date) -> None:
        """Hold exactly the rows dated within [day - DATE_WINDOW, day + DATE_WINDOW] (days ascend)."""
        horizon, floor = day + DATE_WINDOW, day - DATE_WINDOW
        while self.pending is not None and self.pending[0] <= horizon:
            conduct_date, kind, value, case_id = self.pending
            self.order.append((conduct_date, (kind, value)))
            self.by_value[(kind, value)].append(case_id)
            self.pending = next(self.rows, None)
        order, by_value = self.order, self.by_value
        while order and order[0][0] < floor:
            _, key = order.popleft()
            held = by_value[key]
            held.popleft()  # a key's oldest row is the oldest row held overall for that key
            if not held:
                del by_value[key]

    def cases(self, kind: str, value: str) -> deque:
        return self.by_value.get((kind, value), _EMPTY)


_EMPTY: deque = deque()


def _pool_ids(keys: set[tuple[str, str]], window: _Window, identity: dict) -> set[int]:
    """The same pool as `_blocked` for one case: NIP/employee at any date, the name key and the
    tokens held by at most COMMON_TOKEN rows within the window."""
    pool: set[int] = set()
    for kind, value in keys:
        if kind in (MatchKind.NIP, MatchKind.EMPLOYEE):
            pool.update(identity.get((kind, value), ()))
        elif kind == MatchKind.NAME_KEY:
            pool.update(window.cases(kind, value))
        else:
            held = window.cases(kind, value)
            if len(held) <= COMMON_TOKEN:
                pool.update(held)
    return pool


def _nips_of(row: dict, report_nips: dict[int, set[str]]) -> set[str]:
    nips = set(report_nips.get(row["id"], ()))
    if row["employee_id"]:
        nips.add(row["employee__nip"])
    return nips


class _NipSets(dict):
    """Each pool case's NIPs (reporters' and its employee's), computed once per sweep."""

    def __init__(self, report_nips: dict[int, set[str]]):
        super().__init__()
        self.report_nips = report_nips

    def of(self, row: dict) -> frozenset[str]:
        found = self.get(row["id"])
        if found is None:
            found = self[row["id"]] = frozenset(_nips_of(row, self.report_nips))
        return found


class _Cases:
    """The mergeable cases in conduct-date order, read once, with the ones within ±DATE_WINDOW of
    the block being swept kept in memory: those are the pool cases the date-bound keys find, so
    their fields need no query. Cases found by NIP/employee at another date are fetched."""

    def __init__(self, rows):
        self.rows = iter(rows)
        self.unswept: deque = deque()
        self.kept: dict[int, dict] = {}
        self.kept_order: deque = deque()
        self.last: dt.date | None = None
        self.done = False

    def _read(self) -> bool:
        row = next(self.rows, None)
        if row is None:
            self.done = True
            return False
        self.unswept.append(row)
        self.kept[row["id"]] = row
        self.kept_order.append(row)
        self.last = row["conduct_date"]
        return True

    def next_block(self, size: int) -> list[dict]:
        while len(self.unswept) < size and self._read():
            pass
        block = [self.unswept.popleft() for _ in range(min(size, len(self.unswept)))]
        if block:
            horizon = block[-1]["conduct_date"] + DATE_WINDOW
            while not self.done and self.last is not None and self.last <= horizon and self._read():
                pass
            floor = block[0]["conduct_date"] - DATE_WINDOW
            while self.kept_order and self.kept_order[0]["conduct_date"] < floor:
                self.kept.pop(self.kept_order.popleft()["id"], None)
        return block


def _mergeable_nips() -> dict[int, set[str]]:
    """NIPs typed by reporters, for every mergeable case: one query (a hash join), not one per block."""
    found: dict[int, set[str]] = defaultdict(set)
    rows = (Report.objects.filter(case__status__in=MERGEABLE).exclude(subject_nip="")
            .values_list("case_id", "subject_nip").iterator(chunk_size=5000))
    for case_id, nip in rows:
        found[case_id].add(nip)
    return found


def _sweep_block(block: list[dict], window: _Window, cases: _Cases, nip_sets: _NipSets) -> dict[int, list[dict]]:
    keys = match_keys.keys_of_rows(block, nip_sets.report_nips)
    wanted = {key for case_keys in keys.values() for key in case_keys
              if key[0] in (MatchKind.NIP, MatchKind.EMPLOYEE)}
    identity: dict[tuple[str, str], set[int]] = defaultdict(set)
    for kind in (MatchKind.NIP, MatchKind.EMPLOYEE):
        values = [v for k, v in wanted if k == kind]
        if values:
            rows = CaseMatchKey.objects.filter(kind=kind, value__in=values).values_list("value", "case_id")
            for value, case_id in rows:
                identity[(kind, value)].add(case_id)
    pools = {}
    for row in block:  # in conduct-date order, so the window only moves forward
        window.move_to(row["conduct_date"])
        pools[row["id"]] = _pool_ids(keys[row["id"]], window, identity) - {row["id"]}
    others = cases.kept
    missing = set().union(*pools.values()) - others.keys()
    if missing:  # other dates (NIP/employee), or stale keys of a case no longer mergeable
        fetched = Case.objects.filter(pk__in=missing, status__in=MERGEABLE).values(*POOL_FIELDS)
        others = {**others, **{row["id"]: row for row in fetched}}
    found = {}
    for row in block:
        nips = nip_sets.of(row)
        key = _name_key(row["subject_name"])
        result = []
        for other_id in pools[row["id"]]:
            other = others.get(other_id)
            if other is None:  # no longer mergeable (its keys are stale)
                continue
            same_person = (row["employee_id"] and row["employee_id"] == other["employee_id"]) or (
                nips and not nips.isdisjoint(nip_sets.of(other)))
            if same_person:
                result.append({"case": other, "score": 100.0, "reason": "same_employee"})
                continue
            if abs(row["conduct_date"] - other["conduct_date"]) > DATE_WINDOW:
                continue
            other_key = _name_key(other["subject_name"])
            # name_score with a cutoff: rapidfuzz stops early below it, same decision and score above.
            score = fuzz.ratio(key, other_key, score_cutoff=NAME_THRESHOLD) if key and other_key else 0.0
            if score >= NAME_THRESHOLD:
                result.append({"case": other, "score": round(score, 1), "reason": "similar_name"})
        if result:
            result.sort(key=lambda s: (-s["score"], s["case"]["opened_at"]))
            found[row["id"]] = result
    return found


def sweep(block_size: int = SWEEP_BLOCK) -> dict[int, list[dict]]:
    """Duplicate suggestions for every mergeable case: {case id: suggestions, best first}.

    The same pairs `suggestions(case, Case.objects.all())` gives case by case, in time near-linear
    in the number of cases: the mergeable cases, the date-bound keys and the reporters' NIPs are
    each read once (three streamed queries, the first two in conduct-date order), the cases within
    ±7 days of the block stay in memory as the pool, and per block of `block_size` cases one
    indexed query finds the NIP/employee keys (plus one for pool cases at other dates, if any).
    Only cases with at least one suggestion are in the result; each suggestion's "case" is a dict
    of POOL_FIELDS, not a model instance. Nothing is stored: the desk's case page already shows a
    case's suggestions live, and `netra suggest_duplicates` lists the sweep for review.
    """
    found: dict[int, list[dict]] = {}
    # PostgreSQL: one snapshot for the streams (server-side cursors). SQLite streams without a
    # transaction, which there would take the write lock (transaction_mode IMMEDIATE) for the sweep.
    snapshot = transaction.atomic() if connection.vendor == "postgresql" else contextlib.nullcontext()
    with snapshot:
        nip_sets = _NipSets(_mergeable_nips())
        cases = _Cases(Case.objects.filter(status__in=MERGEABLE).order_by("conduct_date", "id")
                       .values(*POOL_FIELDS).iterator(chunk_size=2000))
        window = _Window(CaseMatchKey.objects.filter(kind__in=(MatchKind.NAME_TOKEN, MatchKind.NAME_KEY))
                         .order_by("conduct_date", "id").values_list("conduct_date", "kind", "value", "case_id")
                         .iterator(chunk_size=5000))
        while block := cases.next_block(block_size):
            found.update(_sweep_block(block, window, cases, nip_sets))
    return found


def mergeable_count() -> int:
    return Case.objects.filter(status__in=MERGEABLE).count()
