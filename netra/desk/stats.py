"""Aggregates for dashboards and the public transparency page.

Public figures are counts only, and any count from 1 to 4 is suppressed so that a small agency
or region cannot be used to single out a person.
"""

from django.db.models import Count, F, Q
from django.utils import timezone

from netra.cases.models import OPEN_STATUSES, Case, CaseStatus, Report
from netra.registry.models import Region

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


def counts_by(qs, field: str, label_field: str | None = None):
    label_field = label_field or field
    rows = qs.values(field, label_field).annotate(n=Count("id")).order_by("-n")
    return [{"key": r[field], "label": r[label_field], "n": r["n"]} for r in rows]


def overdue_by_agency(today=None, qs=None):
    """PPK follow-ups past their deadline, per agency: where escalation is needed."""
    today = today or timezone.localdate()
    qs = live_cases() if qs is None else qs
    rows = (qs.filter(status=CaseStatus.RECOMMENDED, due_date__lt=today)
            .values("agency__name", "agency__region__name").annotate(n=Count("id")).order_by("-n"))
    return [{"agency": r["agency__name"] or "—", "region": r["agency__region__name"] or "—", "n": r["n"]}
            for r in rows]


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


def public_totals():
    return {"reports": Report.objects.count(), "cases": live_cases().count()}


def _suppressed(rows):
    return [{**row, "n": suppress(row["n"])} for row in rows]


def public_aggregates():
    qs = live_cases()
    data = dashboard(qs)
    return {
        "total": suppress(data["total"]),
        "by_status": _suppressed(data["by_status"]),
        "by_region": _suppressed(data["by_region"]),
        "region_counts": {k: suppress(v) for k, v in data["region_counts"].items()},
        "by_violation": _suppressed(data["by_violation"]),
        "by_sanction": _suppressed(data["by_sanction"]),
        "follow_up": data["follow_up"] if data["follow_up"]["recommended"] >= SUPPRESS_BELOW else None,
        "agencies_with_overdue": len([r for r in data["overdue_by_agency"] if r["n"]]),
        "decided": suppress(qs.filter(Q(status__in=DECIDED)).count()),
    }
