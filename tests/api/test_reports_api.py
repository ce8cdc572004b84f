"""The public API contract used by outside checks, and the staff case API."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from netra.cases.models import Report


def payload(**overrides):
    body = {"subject_name": "Yuni Kartika", "region_code": "64.72",
            "conduct_date": timezone.localdate().isoformat(),
            "description": "Membagikan poster paslon dengan ajakan memilih.",
            "subject_nip": "199009132025242014", "anonymous": False,
            "reporter": {"name": "Pelapor Uji", "email": "pelapor@example.org"}}
    body.update(overrides)
    return body


@pytest.fixture
def api(reference):
    return APIClient()


def test_post_report_answers_201_with_tracking_code_and_status_without_personal_data(api):
    created = api.post("/api/v1/reports/", payload(), format="json")
    assert created.status_code == 201, created.content
    code = created.json()["tracking_code"]
    assert created.json()["within_window"] is True
    status = api.get(f"/api/v1/reports/{code}/")
    assert status.status_code == 200
    body = status.json()
    assert body["status"] == "received" and body["tracking_code"] == code
    text = status.content.decode()
    for private in ("Yuni", "199009132025242014", "Pelapor Uji", "pelapor@example.org"):
        assert private not in text
    assert Report.objects.get().employee is None  # no registry match: the NI PPPK is kept as typed
    assert Report.objects.get().subject_nip == "199009132025242014"


@pytest.mark.parametrize(("change", "field"), [
    ({"subject_nip": "19661301 198803 1 001"}, "subject_nip"),
    ({"region_code": "64.04"}, "region_code"),  # Bulungan moved to Kalimantan Utara
    ({"description": ""}, "description"),
    ({"conduct_date": "2099-01-01"}, "conduct_date"),
    ({"anonymous": False, "reporter": {}}, "reporter_name"),
])
def test_bad_input_is_400_and_changes_nothing(api, change, field):
    response = api.post("/api/v1/reports/", payload(**change), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Report.objects.count() == 0


def test_late_report_is_accepted_and_flagged(api):
    old = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    response = api.post("/api/v1/reports/", payload(conduct_date=old, anonymous=True), format="json")
    assert response.status_code == 201
    assert response.json()["within_window"] is False and "informasi" in response.json()["notice"]


def test_unknown_code_is_404(api):
    assert api.get("/api/v1/reports/NTR-ZZZZ-ZZZZ-ZZZZ/").status_code == 404


def test_schema_documents_the_report_fields(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/reports/" in schema["paths"] and "/api/v1/reports/{code}/" in schema["paths"]
    fields = schema["components"]["schemas"]["ReportCreateRequest"]["properties"]
    assert {"subject_name", "region_code", "conduct_date", "description", "links", "anonymous"} <= set(fields)
    assert "tracking_code" in schema["components"]["schemas"]["ReportCreated"]["properties"]


def test_reference_endpoints(api):
    regions = api.get("/api/v1/reference/regions/").json()
    assert len(regions) == 11 and {r["code"] for r in regions} >= {"64", "64.72", "64.11"}
    violations = {v["code"]: v for v in api.get("/api/v1/reference/violations/").json()}
    assert violations["E2"]["counterpart"] == "D2" and violations["D5"]["default_sanction"] == "ptdh"


def test_staff_case_api_needs_a_token_and_a_case_role(api, people, employee):
    code = api.post("/api/v1/reports/", payload(subject_nip=employee.nip), format="json").json()["tracking_code"]
    case_code = Report.objects.get(tracking_code=code).case.code
    assert api.get("/api/v1/cases/").status_code == 401
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=people['trainer']).key}")
    assert api.get("/api/v1/cases/").status_code == 403
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=people['verifier']).key}")
    listed = api.get("/api/v1/cases/").json()
    assert listed["count"] == 1 and listed["results"][0]["nip"] == employee.nip
    moved = api.post(f"/api/v1/cases/{case_code}/transitions/", {"action": "start_verification"}, format="json")
    assert moved.status_code == 200 and moved.json()["status"] == "verification"
    assert [e["kind"] for e in moved.json()["events"]] == ["received", "verification_started"]
    wrong = api.post(f"/api/v1/cases/{case_code}/transitions/", {"action": "recommend", "number": "1"},
                     format="json")
    assert wrong.status_code == 403
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=people['supervisor']).key}")
    assert api.get("/api/v1/cases/").json()["results"][0]["nip"] != employee.nip  # masked for supervisors
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=people['ppk_other']).key}")
    assert api.get(f"/api/v1/cases/{case_code}/").status_code == 404
