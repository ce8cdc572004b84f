"""Coverage: the share of active ASN who passed at least one neutrality quiz.

Used by the trainer's coverage page and by the dashboard (`learning/coverage_panel.html`).
Each function returns rows {key, label, passed, total, share} with share in 0..1 (None when an
agency or region has no active employees, which never happens for rows returned here).
"""

from django.db.models import Count, Exists, F, OuterRef, Q

from netra.registry.models import Agency, Employee, Region

from .models import Attempt


def _passed_subquery():
    return Exists(Attempt.objects.filter(employee=OuterRef("pk"), passed=True, quiz__counts_for_coverage=True))


def _active_employees():
    return Employee.objects.filter(status=Employee.Status.ACTIVE).annotate(has_passed=_passed_subquery())


def _rows(grouped, labels) -> list[dict]:
    rows = []
    for item in grouped:
        total, passed = item["total"], item["passed"]
        key = item["key"]
        rows.append({"key": labels[key][0], "label": labels[key][1], "passed": passed, "total": total,
                     "share": (passed / total) if total else None})
    rows.sort(key=lambda r: r["key"])
    return rows


def coverage_by_agency() -> list[dict]:
    grouped = (_active_employees().values(key=F("agency_id"))
               .annotate(total=Count("pk"), passed=Count("pk", filter=Q(has_passed=True))))
    labels = {a.pk: (a.code, a.name) for a in Agency.objects.all()}
    return _rows(grouped, labels)


def coverage_by_region() -> list[dict]:
    grouped = (_active_employees().values(key=F("region_id"))
               .annotate(total=Count("pk"), passed=Count("pk", filter=Q(has_passed=True))))
    labels = {r.pk: (r.code, str(r)) for r in Region.objects.all()}
    return _rows(grouped, labels)


def coverage_total() -> dict:
    agg = _active_employees().aggregate(total=Count("pk"), passed=Count("pk", filter=Q(has_passed=True)))
    total, passed = agg["total"], agg["passed"]
    return {"key": "all", "label": "", "passed": passed, "total": total, "share": (passed / total) if total else None}
