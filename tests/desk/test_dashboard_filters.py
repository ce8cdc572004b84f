"""Dashboard: headline counts agree with the tables, statuses in workflow order, period and contest
filters; the public page gets the chart and the map with the same suppression."""

import json

from django.urls import reverse

from netra.cases.models import CaseStatus
from netra.desk import stats
from tests.desk.test_dashboard import data  # noqa: F401 - the fixture

S = CaseStatus


def test_overdue_ppk_headline_matches_the_table(client, people, data):  # noqa: F811
    client.force_login(people["supervisor"])
    response = client.get(reverse("desk:dashboard"))
    table_total = sum(r["n"] for r in response.context["data"]["overdue_by_agency"])
    assert table_total == 1 and response.context["ppk_overdue"] == table_total
    assert '<div class="stat" data-stat="ppk-overdue">1</div>' in response.content.decode()


def test_statuses_in_workflow_order(client, people, data):  # noqa: F811
    keys = [row["key"] for row in stats.dashboard()["by_status"]]
    assert keys == [S.RECEIVED, S.RECOMMENDED, S.PPK_DECIDED, S.CLOSED, S.REJECTED]


def test_period_and_contest_filters(client, people, data):  # noqa: F811
    client.force_login(people["supervisor"])
    url = reverse("desk:dashboard")
    everything = client.get(url).context["data"]["total"]
    assert everything == 5
    # All fixture reports came in on 12 Oct 2024 (WITA).
    assert client.get(url, {"start": "2024-10-12", "end": "2024-10-12"}).context["data"]["total"] == 5
    assert client.get(url, {"start": "2024-10-13"}).context["data"]["total"] == 0
    assert client.get(url, {"end": "2024-10-11"}).context["data"]["total"] == 0
    # Classified cases carry the Samarinda mayoral race; the others their guessed contest.
    by_contest = client.get(url, {"contest": "pilwali-6472-2024"}).context["data"]
    assert by_contest["total"] >= 3 and by_contest["total"] <= everything
    assert client.get(url, {"contest": "pilpres-2019"}).context["data"]["total"] == 0
    wrong = client.get(url, {"start": "2024-10-13", "end": "2024-10-01"})
    assert wrong.status_code == 200 and wrong.context["data"]["total"] == everything
    assert "Tanggal akhir tidak boleh sebelum tanggal awal" in wrong.content.decode()


def test_public_page_has_chart_and_map_with_suppressed_counts(client, data):  # noqa: F811
    response = client.get(reverse("public:transparency"))
    body = response.content.decode()
    assert 'id="region-map"' in body and 'id="chart-status"' in body
    counts = {row["code"]: row["n"] for row in json.loads(
        body.split('id="map-counts" type="application/json">')[1].split("</script>")[0])}
    assert counts["64.72"] is None and counts["64.71"] is None and counts["64.74"] == 0  # 4 and 1 are "<5"
    charts = json.loads(body.split('id="chart-data" type="application/json">')[1].split("</script>")[0])
    assert all(n is None for _label, n in charts["status"])  # every status count here is below 5
    geo = client.get(reverse("public:region_map"))
    assert geo.status_code == 200
    assert {f["properties"]["kode"] for f in json.loads(b"".join(geo.streaming_content))["features"]} >= {"64.72"}
