"""The leadership dashboard: counts for the cases the viewer may see, a Kaltim map, follow-up rate."""

from pathlib import Path

from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from netra.core.decorators import role_required
from netra.core.permissions import CASE_DESK_ROLES, government_scope
from netra.registry.models import Region

from .. import dashboard_filters, stats
from ..coverage import coverage_panel

GEOJSON = Path(__file__).resolve().parents[2] / "registry" / "data" / "kaltim_kabkota.geojson"


@role_required(*CASE_DESK_ROLES)
def dashboard(request):
    """Every case role gets the dashboard, scoped like the case list (a PPK sees their government).

    Unfiltered, the figures come from the running tallies (flat in the number of cases); a period
    or contest filter counts the matching cases instead, which the tallies do not break down by.
    """
    live = stats.scoped_live_cases(request.user)
    qs, filter_form = dashboard_filters.apply(live, request.GET)
    if dashboard_filters.is_filtered(filter_form):
        data = stats.dashboard(qs)
    else:
        data = stats.tallied_dashboard(government_scope(request.user))
    # The headline counts every overdue PPK follow-up the table below lists, so the two agree.
    ppk_overdue = sum(row["n"] for row in data["overdue_by_agency"])
    regions = list(Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY], is_active=True))
    map_counts = [{"code": r.code, "name": str(r), "n": data["region_counts"].get(r.code, 0)} for r in regions]
    return render(request, "desk/dashboard.html", {
        "data": data,
        "ppk_overdue": ppk_overdue,
        "filter_form": filter_form,
        "map_counts": map_counts,
        "chart_data": {
            "status": [[row["label"], row["n"]] for row in data["by_status"]],
            "violation": [[row["key"], row["n"]] for row in data["by_violation"]],
            "sanction": [[str(row["label"]), row["n"]] for row in data["by_sanction"]],
        },
        "coverage_panel": coverage_panel(),
    })


@role_required(*CASE_DESK_ROLES)
@cache_control(private=True, max_age=86400)
def region_map(request):
    """Kabupaten/kota boundaries for the dashboard map (property `kode` = region code)."""
    return FileResponse(GEOJSON.open("rb"), content_type="application/geo+json")
