"""Issue 14: the dashboards read running tallies, so their cost does not grow with the cases.

The tallies are checked against a fresh count of the cases (`stats.dashboard`, the scan the
dashboard used before) after every kind of service call, after `rebuild()` and after `compact()`;
the dashboard's query count is checked at 10 and 50 cases.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netra.cases import services, tallies
from netra.cases.models import CaseStatus, CaseTally
from netra.core.permissions import government_scope
from netra.desk import stats
from netra.registry.models import Agency, Region
from tests.conftest import at

S = CaseStatus
TODAY = dt.date(2024, 12, 1)  # every follow-up in the fixtures is overdue by then


def fresh(user) -> dict:
    """The dashboard's figures counted from the cases themselves."""
    return stats.dashboard(stats.scoped_live_cases(user), today=TODAY)


def tallied(user) -> dict:
    return stats.tallied_dashboard(government_scope(user), today=TODAY)


def summed() -> dict:
    """The tallies as one number per group, whatever rows they are spread over."""
    out: dict = {}
    for row in CaseTally.objects.values(*tallies.GROUP, "n"):
        key = tuple(row[k] for k in tallies.GROUP)
        out[key] = out.get(key, 0) + row["n"]
    return {k: n for k, n in out.items() if n}


def assert_tallies_match(people):
    for role in ("admin", "supervisor", "ppk", "ppk_other"):
        assert tallied(people[role]) == fresh(people[role]), role


def test_tallies_follow_every_service(make_report, employee, workflow, people):
    verifier = people["verifier"]
    first = make_report(nip=employee.nip).case  # intake
    assert_tallies_match(people)
    assert tallied(people["admin"])["total"] == 1
    workflow(make_report(nip=employee.nip).case, "recommended")  # link (agency), classify, forward, recommend
    assert_tallies_match(people)
    assert tallied(people["ppk"])["total"] == 1  # the PPK's government sees it from the recommendation on
    workflow(make_report(nip=employee.nip).case, "closed")  # decision and closing
    duplicate = make_report(nip=employee.nip).case
    services.merge_cases(first, duplicate, verifier)  # merge: the duplicate leaves every count
    assert_tallies_match(people)
    other = make_report(subject="Orang Lain", region="64.71", received="2024-10-20", conduct="2024-10-19").case
    services.set_agency(other, verifier, Agency.objects.get(code="6474-bkpsdm"))  # agency of another government
    services.start_verification(other, verifier, at=at("2024-10-21"))
    assert_tallies_match(people)
    late = make_report(subject="Terlambat", received="2024-10-30", conduct="2024-10-01").case  # information only
    services.dismiss(late, verifier, S.REJECTED, "bukan ASN")
    services.dismiss(other, verifier, S.NOT_PROVEN, "tidak terbukti")
    assert_tallies_match(people)
    admin = tallied(people["admin"])
    assert admin["total"] == 5 and admin["information_only"] == 1
    assert admin["overdue_by_agency"] == [{"agency": "Dinas Pendidikan Kota Samarinda", "region": "Samarinda",
                                           "n": 1}]

    before = summed()
    assert CaseTally.objects.count() > len(before)  # the services appended +1/-1 rows
    tallies.compact()
    assert summed() == before and CaseTally.objects.count() == len(before)
    assert_tallies_match(people)
    tallies.rebuild()
    assert summed() == before
    assert_tallies_match(people)


def test_rebuild_after_writes_that_bypass_the_services(make_report, employee, workflow, people):
    workflow(make_report(nip=employee.nip).case, "recommended")
    make_report(subject="Orang Lain", region="64.71")
    from netra.cases.models import Case

    Case.objects.filter(status=S.RECEIVED).update(status=S.CANCELLED)  # raw write: the tallies cannot know
    assert tallied(people["admin"]) != fresh(people["admin"])
    tallies.rebuild()
    assert_tallies_match(people)


def test_an_agency_moved_to_another_government_moves_its_cases(make_report, employee, workflow, people,
                                                                django_capture_on_commit_callbacks):
    workflow(make_report(nip=employee.nip).case, "recommended")
    assert tallied(people["ppk"])["total"] == 1
    agency = employee.agency
    with django_capture_on_commit_callbacks(execute=True):
        agency.region = Region.objects.get(code="64.74")
        agency.save()
    assert tallied(people["ppk"])["total"] == 0 and tallied(people["ppk_other"])["total"] == 1
    assert_tallies_match(people)


def test_demo_data_dashboard_unchanged(people, reference):
    from netra.demo.seed import seed

    seed(reports=40)
    for user in [people["admin"], people["ppk"], people["ppk_other"]]:
        assert tallied(user) == fresh(user)
    assert tallied(people["admin"])["total"] > 20


def _dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("desk:dashboard")).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("role", ["supervisor", "ppk"])
def test_dashboard_queries_do_not_grow_with_the_cases(client, make_report, employee, workflow, people, role):
    def add(n):
        for i in range(n):
            case = make_report(subject=f"Pegawai {i}", nip=employee.nip if i % 3 == 0 else "").case
            if i % 5 == 0:
                workflow(case, "recommended")

    client.force_login(people[role])
    add(10)
    at_10 = _dashboard_queries(client)
    add(40)
    at_50 = _dashboard_queries(client)
    assert at_50 == at_10
    # No query reads the cases themselves: only the tallies.
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("desk:dashboard"))
    case_reads = [q["sql"] for q in captured.captured_queries if 'FROM "cases_case"' in q["sql"]]
    assert case_reads == []


def test_transparency_figures_are_cached(client, make_report, settings):
    settings.NETRA_PUBLIC_STATS_SECONDS = 60
    for i in range(6):
        make_report(subject=f"Pegawai {i}")
    first = client.get(reverse("public:transparency"))
    assert first.context["data"]["total"] == 6
    make_report(subject="Pegawai baru")
    with CaptureQueriesContext(connection) as captured:
        again = client.get(reverse("public:transparency"))
    assert again.context["data"]["total"] == 6  # the cached figures, until they expire
    assert not [q for q in captured.captured_queries if "cases_" in q["sql"]]
    settings.NETRA_PUBLIC_STATS_SECONDS = 0
    from django.core.cache import cache

    cache.delete("netra:public-aggregates")
    assert client.get(reverse("public:transparency")).context["data"]["total"] == 7


def test_api_case_list_counts_only_a_bounded_number_of_rows(make_report, people, monkeypatch):
    from rest_framework.test import APIClient

    from netra.api.pagination import CappedCountPagination

    monkeypatch.setattr(CappedCountPagination, "COUNT_AHEAD", 3)
    for i in range(9):
        make_report(subject=f"Pegawai {i}")
    api = APIClient()
    api.force_authenticate(people["verifier"])
    page = api.get("/api/v1/cases/?limit=2").json()
    # Counting stopped at offset + limit + 3 = 5 rows: a lower bound, and the next page is known.
    assert page["count"] == 5 and page["count_exact"] is False and page["next"] and len(page["results"]) == 2
    last = api.get("/api/v1/cases/?limit=2&offset=8").json()
    assert last["count"] == 9 and last["count_exact"] is True and last["next"] is None
    codes = [c["code"] for c in api.get("/api/v1/cases/?limit=9").json()["results"]]
    assert len(set(codes)) == 9
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "count_exact" in schema["components"]["schemas"]["PaginatedCaseList"]["properties"]


def test_search_by_code_reads_no_name(client, make_report, people):
    wanted = make_report(subject="Budi Santoso")
    make_report(subject="Siti Aminah")
    client.force_login(people["verifier"])
    for term in (wanted.case.code, wanted.tracking_code.lower().replace("-", " ")):
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("desk:case_list"), {"q": term}).context["page"]
        assert [c.code for c in page.object_list] == [wanted.case.code]
        assert not [q for q in captured.captured_queries if "LIKE" in q["sql"]], term  # no name scan
    page = client.get(reverse("desk:case_list"), {"q": "aminah"}).context["page"]
    assert [c.subject_name for c in page.object_list] == ["Siti Aminah"]


def test_case_list_counts_only_a_bounded_number_of_rows(client, make_report, people, monkeypatch):
    from netra.desk.paging import CappedPaginator

    real_init = CappedPaginator.__init__
    monkeypatch.setattr(CappedPaginator, "__init__",
                        lambda self, *a, **kw: real_init(self, *a, **{**kw, "ahead": 2}))
    for i in range(53):
        make_report(subject=f"Pegawai {i}")
    client.force_login(people["verifier"])
    first = client.get(reverse("desk:case_list"))
    page = first.context["page"]
    # Counting stopped at page 1 x 50 + 2 rows: "at least 52", and page 2 is offered.
    assert page.paginator.count == 52 and not page.paginator.count_exact and page.has_next()
    assert "sedikitnya 52 kasus" in first.content.decode()
    second = client.get(reverse("desk:case_list"), {"page": 2}).context["page"]
    assert second.paginator.count == 53 and second.paginator.count_exact and len(second.object_list) == 3


def test_a_refreshed_copy_saved_again_changes_no_tally(make_report, people):
    from netra.cases.models import Case

    case = make_report().case
    stale = Case.objects.get(pk=case.pk)
    services.start_verification(case, people["verifier"], at=at("2024-10-13"))
    stale.refresh_from_db()
    stale.save()
    assert_tallies_match(people)


def test_save_with_update_fields_counts_only_what_was_written(make_report, people):
    case = make_report().case
    case.status = S.CANCELLED  # changed in memory, never written
    case.escalation = "warning"
    case.save(update_fields=["escalation"])
    case.refresh_from_db()
    assert case.status == S.RECEIVED
    assert_tallies_match(people)


def test_name_search_finds_its_cases_once_for_count_and_page(client, make_report, people, monkeypatch):
    from netra.desk.paging import CappedPaginator

    real_init = CappedPaginator.__init__
    monkeypatch.setattr(CappedPaginator, "__init__",
                        lambda self, *a, **kw: real_init(self, *a, **{**kw, "ahead": 2}))
    for i in range(55):
        make_report(subject=f"Siti Aminah {i}")
    make_report(subject="Orang Lain")
    client.force_login(people["verifier"])
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("desk:case_list"), {"q": "aminah"}).context["page"]
    # One query looks for the name; the page's rows are then fetched by id (not a COUNT and a page
    # query that each search again).
    name_scans = [q["sql"] for q in captured.captured_queries
                  if "LIKE" in q["sql"] and '"cases_case"."id" IN (' not in q["sql"]]
    assert len(name_scans) == 1, name_scans
    assert page.paginator.count == 52 and not page.paginator.count_exact
    assert len(page.object_list) == 50 and all("Aminah" in c.subject_name for c in page.object_list)
    newest_first = [c.opened_at for c in page.object_list]
    assert newest_first == sorted(newest_first, reverse=True)
    second = client.get(reverse("desk:case_list"), {"q": "aminah", "page": 2}).context["page"]
    assert second.paginator.count == 55 and second.paginator.count_exact and len(second.object_list) == 5
