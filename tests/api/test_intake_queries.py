"""Report intake cost: reference data from the per-worker copy (netra/registry/refcache.py).

Measured in process with Django's query capture: before the copy, one API report cost 9 queries
(region, report, case, report update, evidence count, chain head, event, reporter contact, staff);
the copy, writing the report once with its case, counting evidence in memory and not asking for a
contact that cannot exist yet leave 5. The shared cache here is per-process memory, as Redis is in
production (the database cache would add one read for the version token).
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from netra.cases.models import CaseEvent, Report
from netra.demo.management.commands.load_reference import load_all
from netra.registry import refcache
from netra.registry.models import Region

# case, its dashboard tallies (one INSERT, netra/cases/tallies.py), report, its duplicate-blocking
# keys (one INSERT), chain head, event, token user; plus PostgreSQL's advisory lock for the event
# chain (netra/cases/chain.py)
INTAKE_QUERY_BOUND = 7


@pytest.fixture
def committed_reference(db, settings, django_capture_on_commit_callbacks):
    """Reference data as a running site has it: loaded and committed before any report arrives."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    refcache.forget_local()
    with django_capture_on_commit_callbacks(execute=True):
        load_all()
    yield
    refcache.forget_local()


def body(**overrides):
    data = {"subject_name": "Budi Santoso", "region_code": "64.72", "conduct_date": timezone.localdate().isoformat(),
            "description": "Mengunggah foto bersama pasangan calon.", "anonymous": True}
    data.update(overrides)
    return json.dumps(data)


def real_queries(captured):
    return [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]


def test_api_report_costs_at_most_seven_queries(client, committed_reference):
    assert client.post("/api/v1/reports/", body(), content_type="application/json").status_code == 201  # warm
    with CaptureQueriesContext(connection) as captured:
        answer = client.post("/api/v1/reports/", body(), content_type="application/json")
    assert answer.status_code == 201, answer.content
    queries = real_queries(captured)
    chain_lock = [q for q in queries if "pg_advisory_xact_lock" in q]
    assert len(queries) - len(chain_lock) <= INTAKE_QUERY_BOUND, "\n".join(queries)
    assert not any("registry_region" in q or "registry_agency" in q for q in queries)
    report = Report.objects.get(tracking_code=answer.json()["tracking_code"])
    assert report.case is not None and report.region.code == "64.72"
    event = CaseEvent.objects.get(case=report.case, kind="received")
    assert event.data["evidence"] == 0


def test_links_are_counted_in_the_received_event(client, committed_reference):
    answer = client.post("/api/v1/reports/", body(links=["https://example.org/a", "https://example.org/b"]),
                         content_type="application/json")
    report = Report.objects.get(tracking_code=answer.json()["tracking_code"])
    assert CaseEvent.objects.get(case=report.case, kind="received").data["evidence"] == 2 == report.evidence.count()


def test_a_renamed_region_is_seen_by_a_worker_that_did_not_save_it(committed_reference,
                                                                   django_capture_on_commit_callbacks):
    assert refcache.region_by_code("64.72").name == "Samarinda"  # this worker's copy is loaded
    # A change that bypasses the signals is not seen: the copy really is a copy.
    Region.objects.filter(code="64.72").update(name="Samarinda Lama")
    assert refcache.region_by_code("64.72").name == "Samarinda"
    # A save (admin, import) in another worker only bumps the shared token; this worker's memory
    # is untouched, so it must notice through the token.
    stale = refcache._local
    with django_capture_on_commit_callbacks(execute=True):
        region = Region.objects.get(code="64.72")
        region.name = "Samarinda Baru"
        region.save()
    refcache._local = stale
    assert refcache.region_by_code("64.72").name == "Samarinda Baru"


def test_deactivated_region_and_province_are_refused(client, committed_reference, django_capture_on_commit_callbacks):
    province = Region.objects.get(kind=Region.Kind.PROVINCE)
    answer = client.post("/api/v1/reports/", body(region_code=province.code), content_type="application/json")
    assert answer.status_code == 400 and "region_code" in answer.json()
    with django_capture_on_commit_callbacks(execute=True):
        region = Region.objects.get(code="64.72")
        region.is_active = False
        region.save()
    before = Report.objects.count()
    answer = client.post("/api/v1/reports/", body(), content_type="application/json")
    assert answer.status_code == 400 and "region_code" in answer.json()
    answer = client.post("/api/v1/reports/", body(region_code=["64.72"]), content_type="application/json")
    assert answer.status_code == 400 and "region_code" in answer.json()
    assert Report.objects.count() == before


def test_report_form_lists_and_checks_regions_from_the_copy(client, committed_reference):
    samarinda = Region.objects.get(code="64.72")
    province = Region.objects.get(kind=Region.Kind.PROVINCE)
    client.get("/lapor/")  # warm
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/lapor/")
    assert page.status_code == 200
    offered = [value for value, _label in page.context["form"].fields["region"].choices]
    assert str(samarinda.pk) in offered and str(province.pk) not in offered
    assert f'value="{samarinda.pk}"'.encode() in page.content
    assert not any("registry_region" in q or "registry_agency" in q for q in real_queries(captured))
    refused = client.post("/lapor/", {"subject_name": "Budi", "region": province.pk,
                                      "conduct_date": timezone.localdate().isoformat(),
                                      "description": "Foto kampanye.", "is_anonymous": "on"})
    assert refused.status_code == 400 and "region" in refused.context["form"].errors
