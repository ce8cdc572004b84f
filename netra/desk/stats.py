"""Aggregates for dashboards and the public transparency page.

Public figures are counts only, and any count from 1 to 4 is suppressed so that a small agency
or region cannot be used to single out a person.

Two ways to the same figures: `tallied_dashboard(scope)` reads the running tallies
(`netra.cases.tallies`) only; it serves the unfiltered dashboards and the transparency page whatever the number
of cases. `dashboard(qs)` counts a queryset of cases; it serves the period and contest filters,
which the tallies do not keep, and is the reference the tallies are tested against.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F
from django.utils import timezone

from netra.cases import tallies
from netra.cases.access import cases_visible_to
from netra.cases.models import OPEN_STATUSES, Case, CaseStatus, Report
from netra.core.permissions import Scope
from netra.registry.models import Agency, Region
from netra.rules.models import SanctionType, ViolationType

SUPPRESS_BELOW = 5
# Statuses in the order a case moves through them (CaseStatus is declared in that order).
WORKFLOW_ORDER = {status: i for i, status in enumerate(CaseStatus.values)}

DECIDED = (CaseStatus.PPK_DECIDED, CaseStatus.CLOSED)
REACHED_RECOMMENDATION = (CaseStatus.RECOMMENDED, CaseStatus.PPK_DECIDED, CaseStatus.CLOSED)


def suppress(value: int):
    """None stands for 'fewer than 5'; templates show it as '<5'."""
    return None if 0 < value < SUPPRESS_BELOW else value


def live_cases():
    return Case.objects.exclude(status=CaseStatus.MERGED)


def follow_up_rate(qs=None):
    qs = live_cases() if qs is None else qs
    recommended = qs.filter(status__in=REACHED_RECOMMENDATION).count()
    decided = qs.filter(status__in=DECIDED).count()
    return {"recommended": recommended, "decided": decided,
            "rate": round(decided / recommended, 3) if recommended else None}


def _by_count(rows: list[dict]) -> list[dict]:
    """Largest first; ties by label, so both ways of counting list rows in the same order."""
    return sorted(rows, key=lambda r: (-r["n"], str(r["label"] or ""), str(r["key"] or "")))


def counts_by(qs, field: str, label_field: str | None = None):
    label_field = label_field or field
    rows = qs.values(field, label_field).annotate(n=Count("id")).order_by("-n")
    return _by_count([{"key": r[field], "label": r[label_field], "n": r["n"]} for r in rows])


def overdue_by_agency(today=None, qs=None):
    """PPK follow-ups past their deadline, per agency: where escalation is needed."""
    today = today or timezone.localdate()
    qs = live_cases() if qs is None else qs
    counted = dict(qs.filter(status=CaseStatus.RECOMMENDED, due_date__lt=today).order_by()
                   .values_list("agency_id").annotate(n=Count("pk")).values_list("agency_id", "n"))
    return _name_agencies(counted)


def _name_agencies(counted: dict) -> list[dict]:
    """{agency id: n} as the dashboard's rows, named once per agency rather than joined per case."""
    names = {a.pk: (a.name, a.region.name)
             for a in Agency.objects.filter(pk__in=[k for k in counted if k]).select_related("region")}
    per_name: dict = {}
    for agency_id, n in counted.items():
        if n:
            key = names.get(agency_id, ("—", "—"))
            per_name[key] = per_name.get(key, 0) + n
    rows = [{"agency": agency, "region": region, "n": n} for (agency, region), n in per_name.items()]
    return sorted(rows, key=lambda r: (-r["n"], r["agency"], r["region"]))


def dashboard(qs=None, today=None):
    """Everything the leadership dashboard shows, for the cases the viewer may see."""
    qs = live_cases() if qs is None else qs
    today = today or timezone.localdate()
    status_labels = dict(CaseStatus.choices)
    by_status = [{"key": r["status"], "label": status_labels.get(r["status"], r["status"]), "n": r["n"]}
                 for r in qs.values("status").annotate(n=Count("id")).order_by("status")]
    by_status.sort(key=lambda row: WORKFLOW_ORDER.get(row["key"], len(WORKFLOW_ORDER)))  # workflow, not A-Z
    regions = {r.code: r for r in Region.objects.all()}
    by_region = counts_by(qs, "region__code", "region__name")
    return {
        "total": qs.count(),
        "open": qs.filter(status__in=OPEN_STATUSES).count(),
        "overdue": qs.filter(status__in=OPEN_STATUSES, due_date__lt=today).count(),
        "by_status": by_status,
        "by_region": by_region,
        "region_counts": {row["key"]: row["n"] for row in by_region if row["key"] in regions},
        "by_agency": counts_by(qs, "agency__name")[:20],
        "by_violation": counts_by(qs.filter(violation__isnull=False), "violation__code", "violation__title"),
        "by_sanction": counts_by(qs.filter(decided_sanction__isnull=False), "decided_sanction__code",
                                 "decided_sanction__name"),
        "follow_up": follow_up_rate(qs),
        "overdue_by_agency": overdue_by_agency(today, qs),
        "information_only": qs.filter(information_only=True).count(),
        "late_decisions": qs.filter(status__in=DECIDED, decision_date__gt=F("due_date")).count(),
    }


def scoped_live_cases(user):
    """The live (unmerged) cases a user may see, as one query: no `pk__in` semi-join."""
    return cases_visible_to(user).select_related(None).exclude(status=CaseStatus.MERGED)


def tallied_dashboard(scope: Scope, today=None) -> dict:
    """`dashboard()`'s figures from the tallies alone: no query reads the cases, so the cost does not
    depend on how many there are (overdue = open cases whose tallied deadline is before today)."""
    today = today or timezone.localdate()
    counts = tallies.counts(scope, today)
    overdue_per_agency: dict = {}
    for (status, agency_id), n in counts["overdue"].items():
        if status == CaseStatus.RECOMMENDED:
            overdue_per_agency[agency_id] = overdue_per_agency.get(agency_id, 0) + n
    status_labels = dict(CaseStatus.choices)
    by_status = [{"key": k, "label": status_labels.get(k, k), "n": n} for k, n in counts["by_status"].items()]
    by_status.sort(key=lambda row: WORKFLOW_ORDER.get(row["key"], len(WORKFLOW_ORDER)))
    regions = {r.pk: r for r in Region.objects.all()}
    by_region = _by_count([
        {"key": regions[k].code if k in regions else None, "label": regions[k].name if k in regions else None,
         "n": n} for k, n in counts["by_region"].items()])
    agency_names = dict(Agency.objects.filter(pk__in=[k for k in counts["by_agency"] if k])
                        .values_list("pk", "name"))
    per_name: dict = {}
    for k, n in counts["by_agency"].items():
        name = agency_names.get(k)
        per_name[name] = per_name.get(name, 0) + n
    violations = {v.pk: v for v in ViolationType.objects.filter(pk__in=list(counts["violation"]))}
    sanctions = {v.pk: v for v in SanctionType.objects.filter(pk__in=list(counts["sanction"]))}
    statuses = counts["by_status"]
    recommended = sum(statuses.get(s, 0) for s in REACHED_RECOMMENDATION)
    decided = sum(statuses.get(s, 0) for s in DECIDED)
    return {
        "total": sum(statuses.values()),
        "open": sum(statuses.get(s, 0) for s in OPEN_STATUSES),
        "overdue": sum(counts["overdue"].values()),
        "by_status": by_status,
        "by_region": by_region,
        "region_counts": {row["key"]: row["n"] for row in by_region if row["key"]},
        "by_agency": _by_count([{"key": name, "label": name, "n": n} for name, n in per_name.items()])[:20],
        "by_violation": _by_count([{"key": violations[k].code, "label": violations[k].title, "n": n}
                                   for k, n in counts["violation"].items() if k in violations]),
        "by_sanction": _by_count([{"key": sanctions[k].code, "label": sanctions[k].name, "n": n}
                                  for k, n in counts["sanction"].items() if k in sanctions]),
        "follow_up": {"recommended": recommended, "decided": decided,
                      "rate": round(decided / recommended, 3) if recommended else None},
        "overdue_by_agency": _name_agencies(overdue_per_agency),
        "information_only": counts["information_only"],
        "late_decisions": counts["late_decisions"],
    }


def public_totals():
    """The home page's two numbers, cached like the transparency page."""
    def count():
        return {"reports": Report.objects.count(),
                "cases": sum(tallies.counts(Scope(everything=True), timezone.localdate())["by_status"].values())}
    return cache.get_or_set("netra:public-totals", count, settings.NETRA_PUBLIC_STATS_SECONDS)


def _suppressed(rows):
    return [{**row, "n": suppress(row["n"])} for row in rows]


def public_aggregates():
    """The transparency page's figures, computed at most once per NETRA_PUBLIC_STATS_SECONDS: the
    page is public and unauthenticated, so its cost must not depend on how often it is asked for."""
    return cache.get_or_set("netra:public-aggregates", _public_aggregates, settings.NETRA_PUBLIC_STATS_SECONDS)


def _public_aggregates():
    data = tallied_dashboard(Scope(everything=True))
    return {
        "total": suppress(data["total"]),
        "by_status": _suppressed(data["by_status"]),
        "by_region": _suppressed(data["by_region"]),
        "region_counts": {k: suppress(v) for k, v in data["region_counts"].items()},
        "by_violation": _suppressed(data["by_violation"]),
        "by_sanction": _suppressed(data["by_sanction"]),
        "follow_up": data["follow_up"] if data["follow_up"]["recommended"] >= SUPPRESS_BELOW else None,
        "agencies_with_overdue": len([r for r in data["overdue_by_agency"] if r["n"]]),
        "decided": suppress(sum(row["n"] for row in data["by_status"] if row["key"] in DECIDED)),
    }
