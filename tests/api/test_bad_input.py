"""Hostile and malformed input to the API: always a clear JSON answer, never a 500 (issue 11)."""

import json

import pytest
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from netra.cases.models import Report
from netra.monitoring.models import Post

from .test_reports_api import payload


@pytest.fixture
def api(reference):
    return APIClient()


@pytest.fixture
def monitor_api(people):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=people['monitor']).key}")
    return client


@pytest.fixture
def staff_api(people):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=people['verifier']).key}")
    return client


def deep(n: int) -> str:
    return "[" * n + "]" * n


@pytest.mark.parametrize("url", ["/api/v1/reports/", "/api/v1/self-check/"])
@pytest.mark.parametrize("depth", [40, 1000, 100_000])
def test_deeply_nested_json_is_400(api, url, depth):
    body = '{"description": ' + deep(depth) + "}"
    response = api.post(url, body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert "terlalu dalam" in response.json()["detail"]
    assert Report.objects.count() == 0


def test_invalid_json_message_is_indonesian_and_english_on_request(api):
    response = api.post("/api/v1/reports/", "{bad", content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"].startswith("JSON tidak sah")
    response = api.post("/api/v1/reports/", "{bad", content_type="application/json", HTTP_ACCEPT_LANGUAGE="en-US")
    assert response.status_code == 400 and response.json()["detail"].startswith("Invalid JSON")


def test_drf_messages_are_indonesian_by_default(api, people):
    response = api.post("/api/v1/reports/", payload(anonymous="mungkin"), format="json")
    assert response.status_code == 400 and response.json()["anonymous"] == ["Harus berupa nilai boolean (true/false)."]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token salah")
    response = client.get("/api/v1/cases/")
    assert response.status_code == 401 and response.json()["detail"] == "Token tidak sah."
    response = client.get("/api/v1/cases/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Invalid token."


def test_unknown_api_address_and_report_code_answer_json_404(api):
    for url in ("/api/v1/tidak-ada/", "/api/v1/reports/ZZZZ-ZZZZ/"):
        response = api.get(url)
        assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
        assert "detail" in response.json()
    assert "No Report" not in api.get("/api/v1/reports/ZZZZ-ZZZZ/").json()["detail"]


def test_self_check_unknown_contest_names_the_value(api):
    response = api.post("/api/v1/self-check/", {"action": "like", "contest": "tidak-ada"}, format="json")
    assert response.status_code == 400
    assert response.json()["contest"] == ["Kontestasi tidak-ada tidak dikenal."]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_body_over_the_limit_is_json_413(api):
    response = api.post("/api/v1/reports/", payload(description="x" * 5000), format="json")
    assert response.status_code == 413 and "terlalu besar" in response.json()["detail"]


@pytest.mark.parametrize("limit", ["18446744073709551617", "99999999999999999999999999", "-1", "abc"])
def test_huge_or_odd_limit_and_offset_are_answered(staff_api, limit):
    response = staff_api.get(f"/api/v1/cases/?limit={limit}")
    assert response.status_code == 200, response.content
    response = staff_api.get(f"/api/v1/cases/?limit=10&offset={limit}")
    assert response.status_code in (200, 400), response.content
    assert response["Content-Type"].startswith("application/json")


def test_limit_has_a_maximum(staff_api, make_report):
    for i in range(3):
        make_report(subject=f"Orang {i}")
    from netra.api import pagination
    assert pagination.BoundedLimitOffsetPagination.max_limit == pagination.MAX_LIMIT
    response = staff_api.get("/api/v1/cases/?limit=10000000")
    assert response.status_code == 200 and len(response.json()["results"]) == 3


@pytest.mark.parametrize(("post", "reason"), [
    ({"id": "a1", "text": "Ayo coblos", "action": 5}, "action"),
    ({"id": "a2", "text": "Ayo coblos", "action": ["post"]}, "action"),
    ({"id": "a3", "text": "Ayo \ud800 coblos"}, "tidak sah"),
    ({"id": "a4", "text": "Ayo \x00 coblos"}, "tidak sah"),
    ({"id": "a5\ud800", "text": "Ayo coblos"}, "tidak sah"),
    ({"id": "a6", "text": "x" * 64_001}, "terlalu panjang"),
])
def test_monitoring_post_with_bad_field_is_a_row_error(monitor_api, post, reason):
    good = {"id": "ok1", "text": "Rapat koordinasi pagi ini"}
    body = json.dumps({"posts": [good, post]})  # ensure_ascii: a lone surrogate travels as \ud800
    response = monitor_api.post("/api/v1/monitoring/posts/", body, content_type="application/json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["imported"] == 1 and body["row_errors"][0]["line"] == 2 and reason in body["row_errors"][0]["error"]
    assert list(Post.objects.values_list("external_id", flat=True)) == ["ok1"]


@override_settings(NETRA_MAX_POST_CHARS=50)
def test_post_length_cap_is_a_setting(monitor_api):
    response = monitor_api.post("/api/v1/monitoring/posts/", {"posts": [{"id": "b", "text": "x" * 51}]}, format="json")
    assert response.status_code == 202 and "paling banyak 50" in response.json()["row_errors"][0]["error"]


@pytest.mark.parametrize(("change", "field"), [
    ({"conduct_date": "0001-01-01"}, "conduct_date"),
    ({"known_date": "0001-01-01"}, "known_date"),
    ({"subject_name": "\u200b"}, "subject_name"),
    ({"subject_name": "\ufeff \u200d\u2060"}, "subject_name"),
    ({"description": "\u200b\u200b"}, "description"),
    ({"description": "x" * 5001}, "description"),
    ({"chronology": "x" * 10_001}, "chronology"),
])
def test_odd_values_and_overlong_text_are_refused(api, change, field):
    response = api.post("/api/v1/reports/", payload(**change), format="json")
    assert response.status_code == 400 and field in response.json(), response.content
    assert Report.objects.count() == 0


def test_overlong_note_is_refused(api):
    code = api.post("/api/v1/reports/", payload(), format="json").json()["tracking_code"]
    response = api.post(f"/api/v1/reports/{code}/notes/", {"text": "x" * 5001}, format="json")
    assert response.status_code == 400 and "text" in response.json()


def test_limits_are_stated_in_the_schema(api):
    schema = api.get("/api/v1/schema/?format=json").json()
    fields = schema["components"]["schemas"]["ReportCreateRequest"]["properties"]
    assert fields["description"]["maxLength"] == 5000 and fields["chronology"]["maxLength"] == 10_000
    assert schema["components"]["schemas"]["NoteCreateRequest"]["properties"]["text"]["maxLength"] == 5000


def test_post_dated_far_in_the_future_is_a_row_error(monitor_api):
    posts = [{"id": "f1", "text": "Rapat pagi", "posted_at": "9999-12-31"},
             {"id": "f2", "text": "Rapat sore", "posted_at": "2024-01-10"}]
    response = monitor_api.post("/api/v1/monitoring/posts/", {"posts": posts}, format="json")
    assert response.status_code == 202 and response.json()["imported"] == 1
    assert "masa depan" in response.json()["row_errors"][0]["error"]


def test_schema_is_json_by_default_and_documents_errors_and_nulls(api):
    response = api.get("/api/v1/schema/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    post = schema["paths"]["/api/v1/reports/"]["post"]["responses"]
    assert {"201", "400", "401", "403", "404", "413", "415", "429"} <= set(post)
    case = schema["components"]["schemas"]["Case"]["properties"]
    for name in ("agency_code", "authority", "decided_sanction", "recommended_sanction", "violation"):
        assert case[name].get("nullable") is True, name
    assert schema["components"]["schemas"]["Contest"]["properties"]["region_code"]["nullable"] is True
    assert "openapi:" in api.get("/api/v1/schema/?format=yaml").content.decode()
