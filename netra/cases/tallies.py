"""Running tallies of cases (`CaseTally`) for the dashboards and the transparency page.

Why: counting a million cases fourteen ways on every dashboard view took seconds (issue 14). The
tallies hold, per dimension (region, agency, violation, decided sanction, information-only, late
decision), status, government (the agency's region, for a PPK officer's scope) and PPK visibility,
how many cases there are; reading them is a SUM over a table whose size depends on the reference
data, not on the number of cases.

How they stay right:

- A case remembers the tracked fields it was loaded with (`post_init`); after each save
  (`post_save`) the rows of its old state are subtracted and those of its new state added, as
  signed rows appended in the same transaction as the change. Every case service saves through
  `Case.save()`, so intake, transitions, merges, agency changes and escalation are all covered,
  and no writer ever updates a shared counter row (no contention, no lost update).
- `compact()` (Celery beat, `compact-case-tallies`, every minute) folds those rows into one per
  group. On PostgreSQL the rows it removes are exactly the rows it sums (DELETE ... RETURNING),
  so concurrent writers lose nothing.
- Writes that bypass `save()` (raw SQL, `QuerySet.update`, `loaddata`, a restore) are not seen:
  run `rebuild()` / `netra rebuild_tallies` after them (`netra restore` does).
- An agency moved to another government (a registry correction) makes its cases count for the
  other PPK: saving it schedules a `rebuild()` at commit when its tallies name the old one.
"""

from collections import Counter
from typing import Any

from django.db import connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Sum
from django.db.models.signals import post_delete, post_init, post_save, pre_save

from netra.core.permissions import Scope

from .models import OPEN_STATUSES, Case, CaseStatus, CaseTally
from .models import TallyDimension as D

# The case fields the tallies depend on (attribute names, so no related object is loaded).
TRACKED = ("status", "region_id", "agency_id", "violation_id", "decided_sanction_id", "information_only",
           "decision_date", "due_date", "recommended_on")
DECIDED = (CaseStatus.PPK_DECIDED, CaseStatus.CLOSED)
PPK_STAGES = (CaseStatus.RECOMMENDED, CaseStatus.PPK_DECIDED)
GROUP = ("dimension", "key_id", "status", "government_id", "ppk_visible", "due_date")

Row = tuple[str, int | None, str, int | None, bool, Any]


def ppk_visible(status: str, recommended_on) -> bool:
    """The PPK visibility rule of `netra.cases.access.cases_visible_to`, on one case's values."""
    return recommended_on is not None or status in PPK_STAGES


def government_of(agency_id: int | None, case: Case | None = None) -> int | None:
    """The region whose PPK an agency answers to: from the case's loaded agency, else this worker's
    copy of the registry (netra.registry.refcache, no query), else the database (inactive agency)."""
    if agency_id is None:
        return None
    loaded = case._state.fields_cache.get("agency") if case is not None else None
    if loaded is not None and loaded.pk == agency_id:
        return loaded.region_id
    from netra.registry import refcache
    from netra.registry.models import Agency

    agency = refcache.agency_by_pk(agency_id)
    if agency is not None:
        return agency.region_id
    return Agency.objects.filter(pk=agency_id).values_list("region_id", flat=True).first()


def rows_for(state: dict[str, Any] | None, government_id: int | None = None) -> Counter[Row]:
    """The tally rows one case in this state contributes (each with weight 1)."""
    rows: Counter[Row] = Counter()
    if state is None:
        return rows
    status = state["status"]
    visible = ppk_visible(status, state["recommended_on"])

    def add(dimension: str, key: int | None = None, due_date=None):
        rows[(dimension, key, status, government_id, visible, due_date)] += 1

    add(D.REGION, state["region_id"])
    add(D.AGENCY, state["agency_id"])
    if state["violation_id"] is not None:
        add(D.VIOLATION, state["violation_id"])
    if state["decided_sanction_id"] is not None:
        add(D.SANCTION, state["decided_sanction_id"])
    if state["information_only"]:
        add(D.INFORMATION_ONLY)
    decided_on, due = state["decision_date"], state["due_date"]
    if status in DECIDED and decided_on is not None and due is not None and decided_on > due:
        add(D.LATE_DECISION)
    if status in OPEN_STATUSES and due is not None:
        add(D.WITH_DEADLINE, state["agency_id"], due)
    return rows


def _state(case: Case) -> dict[str, Any] | None:
    """The tracked values as loaded, or None when some were deferred (`only()`/`defer()`)."""
    values = case.__dict__
    if any(name not in values for name in TRACKED):
        return None
    return {name: values[name] for name in TRACKED}


def _append(delta: Counter[Row], using: str) -> None:
    changes = [CaseTally(dimension=d, key_id=k, status=s, government_id=g, ppk_visible=v, due_date=due, n=n)
               for (d, k, s, g, v, due), n in sorted(delta.items(), key=repr) if n]
    if changes:
        CaseTally.objects.using(using).bulk_create(changes)


def _difference(old: Counter[Row], new: Counter[Row]) -> Counter[Row]:
    delta: Counter[Row] = Counter(new)
    delta.subtract(old)
    return delta


# ---------------------------------------------------------------- signal receivers (cases/apps.py)


def remember(sender, instance: Case, **kwargs) -> None:
    instance._tally_state = _state(instance)


def load_missing(sender, instance: Case, raw=False, using=None, **kwargs) -> None:
    """A case loaded with deferred fields: read its stored values before they are overwritten."""
    if raw or instance._state.adding or instance.pk is None or getattr(instance, "_tally_state", None):
        return
    stored = Case.objects.using(using).filter(pk=instance.pk).values(*TRACKED).first()
    instance._tally_state = stored


def record_save(sender, instance: Case, created=False, raw=False, using="default", update_fields=None,
                **kwargs) -> None:
    if raw:  # loaddata: rebuild() afterwards
        return
    old = None if created else getattr(instance, "_tally_state", None)
    new = _state(instance)
    if old is not None and update_fields is not None:
        # save(update_fields=...): only those columns were written, whatever else changed in memory
        written = {Case._meta.get_field(name).attname for name in update_fields}
        new = {name: (instance.__dict__.get(name) if name in written else old[name]) for name in TRACKED}
    elif new is None:  # saved with deferred fields: those kept their stored values
        new = {name: instance.__dict__.get(name, (old or {}).get(name)) for name in TRACKED}
    instance._tally_state = new
    if old == new:
        return
    new_government = government_of(new["agency_id"], instance)
    old_government = None
    if old is not None:
        same = old["agency_id"] == new["agency_id"]
        old_government = new_government if same else government_of(old["agency_id"])
    _append(_difference(rows_for(old, old_government), rows_for(new, new_government)), using)


def record_delete(sender, instance: Case, using="default", **kwargs) -> None:
    old = getattr(instance, "_tally_state", None) or _state(instance)
    if old is not None:
        _append(_difference(rows_for(old, government_of(old["agency_id"])), Counter()), using)


def agency_saved(sender, instance, raw=False, **kwargs) -> None:
    """An agency now under another government: its cases' tallies must follow (rare; recount)."""
    if raw or instance.pk is None:
        return
    moved = (CaseTally.objects.filter(dimension=D.AGENCY, key_id=instance.pk)
             .exclude(government_id=instance.region_id).exists())
    if moved:
        transaction.on_commit(rebuild)


def connect() -> None:
    """Wire the receivers; called once from `CasesConfig.ready()`."""
    post_init.connect(remember, sender=Case, dispatch_uid="cases.tallies.remember")
    pre_save.connect(load_missing, sender=Case, dispatch_uid="cases.tallies.load_missing")
    post_save.connect(record_save, sender=Case, dispatch_uid="cases.tallies.record_save")
    post_delete.connect(record_delete, sender=Case, dispatch_uid="cases.tallies.record_delete")
    post_save.connect(agency_saved, sender="registry.Agency", dispatch_uid="cases.tallies.agency_saved")


# ---------------------------------------------------------------- maintenance


@transaction.atomic
def rebuild(case_model=Case, tally_model=CaseTally) -> int:
    """Recount every tally from the cases; returns the number of tally rows written.

    For after writes that bypass `Case.save()` (raw SQL, loaddata, restore). On PostgreSQL the
    tally table is locked for the duration, so a case saved meanwhile adds its rows either before
    (and is recounted) or after (and applies to the new counts), never both. Migration 0008 passes
    its historical models.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {tally_model._meta.db_table} IN EXCLUSIVE MODE")
    tally_model.objects.all().delete()
    visible = ExpressionWrapper(Q(recommended_on__isnull=False) | Q(status__in=PPK_STAGES),
                                output_field=BooleanField())
    cases = case_model.objects.order_by().annotate(visible=visible)
    # The same rules as rows_for(), as GROUP BY queries (tests hold the two to each other).
    parts = [
        (D.REGION, cases, "region_id"),
        (D.AGENCY, cases, "agency_id"),
        (D.VIOLATION, cases.filter(violation__isnull=False), "violation_id"),
        (D.SANCTION, cases.filter(decided_sanction__isnull=False), "decided_sanction_id"),
        (D.INFORMATION_ONLY, cases.filter(information_only=True), None),
        (D.LATE_DECISION, cases.filter(status__in=DECIDED, decision_date__gt=F("due_date")), None),
        (D.WITH_DEADLINE, cases.filter(status__in=OPEN_STATUSES, due_date__isnull=False), "agency_id"),
    ]
    written = 0
    for dimension, qs, key in parts:
        dated = dimension == D.WITH_DEADLINE
        fields = ["status", "agency__region_id", "visible"] + ([key] if key else []) + (["due_date"] if dated else [])
        rows = [tally_model(dimension=dimension, key_id=row[key] if key else None, status=row["status"],
                            government_id=row["agency__region_id"], ppk_visible=row["visible"],
                            due_date=row["due_date"] if dated else None, n=row["total"])
                for row in qs.values(*fields).annotate(total=Count("id"))]
        tally_model.objects.bulk_create(rows, batch_size=2000)
        written += len(rows)
    return written


def compact() -> int:
    """Fold the appended rows into one row per group; returns the number of rows afterwards."""
    table = CaseTally._meta.db_table
    columns = ", ".join(GROUP)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The rows summed are exactly the rows deleted, whatever commits meanwhile.
            with connection.cursor() as cursor:
                cursor.execute(f"""
                    WITH gone AS (DELETE FROM {table} RETURNING {columns}, n)
                    INSERT INTO {table} ({columns}, n)
                    SELECT {columns}, SUM(n) FROM gone GROUP BY {columns} HAVING SUM(n) <> 0""")
        else:
            # SQLite: one writer at a time. A no-op UPDATE takes the write lock before the rows
            # are read, so none can be added between the sum and the delete.
            last = CaseTally.objects.order_by("-pk").values_list("pk", flat=True).first()
            if last is not None:
                CaseTally.objects.filter(pk__lte=last).update(n=F("n"))
                sums = list(CaseTally.objects.filter(pk__lte=last).values(*GROUP).annotate(total=Sum("n"))
                            .exclude(total=0).order_by())
                CaseTally.objects.filter(pk__lte=last).delete()
                CaseTally.objects.bulk_create(CaseTally(**{k: row[k] for k in GROUP}, n=row["total"])
                                              for row in sums)
    return CaseTally.objects.count()


# ---------------------------------------------------------------- reading


def scoped(scope: Scope):
    """Tally rows of the cases this scope may see (merged cases are never counted)."""
    rows = CaseTally.objects.exclude(status=CaseStatus.MERGED)
    if scope.everything:
        return rows
    if scope.government_id is None:
        return rows.none()
    return rows.filter(government_id=scope.government_id, ppk_visible=True)


def counts(scope: Scope, today) -> dict:
    """The dashboard's counts for a scope, in three GROUP BY queries over the small tally table:

    `by_status` {status: n}, `by_region` {region id or None: n}, `by_agency` {agency id or None: n},
    `violation` {id: n}, `sanction` {id: n}, `information_only` n, `late_decisions` n, and
    `overdue` {(status, agency id): n}: open cases whose stage deadline is before `today`.
    """
    rows = scoped(scope)
    base = rows.filter(dimension=D.REGION)
    out: dict = {"by_status": Counter(), "by_region": Counter(), "by_agency": Counter(), "violation": Counter(),
                 "sanction": Counter(), "information_only": 0, "late_decisions": 0, "overdue": Counter()}
    for row in base.values("key_id", "status").annotate(total=Sum("n")).order_by():
        out["by_status"][row["status"]] += row["total"]
        out["by_region"][row["key_id"]] += row["total"]
    overdue = rows.filter(dimension=D.WITH_DEADLINE, due_date__lt=today)
    for row in overdue.values("key_id", "status").annotate(total=Sum("n")).order_by():
        out["overdue"][(row["status"], row["key_id"])] += row["total"]
    others = rows.exclude(dimension__in=(D.REGION, D.WITH_DEADLINE))
    for row in others.values("dimension", "key_id").annotate(total=Sum("n")).order_by():
        if row["dimension"] == D.AGENCY:
            out["by_agency"][row["key_id"]] += row["total"]
        elif row["dimension"] == D.VIOLATION:
            out["violation"][row["key_id"]] += row["total"]
        elif row["dimension"] == D.SANCTION:
            out["sanction"][row["key_id"]] += row["total"]
        elif row["dimension"] == D.INFORMATION_ONLY:
            out["information_only"] += row["total"]
        elif row["dimension"] == D.LATE_DECISION:
            out["late_decisions"] += row["total"]
    for name in ("by_status", "by_region", "by_agency", "violation", "sanction", "overdue"):
        out[name] = {k: n for k, n in out[name].items() if n}
    return out
