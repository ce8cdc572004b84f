"""Overload gets a clear answer, never a 500 or a half-minute wait: 503 + Retry-After when a request
waited too long or the database turn did not come in time, 429 + Retry-After when throttled."""

import json
import time

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from rest_framework.test import APIClient

from netra.cases import chain
from netra.cases.models import Report
from netra.core.overload import LoadSheddingMiddleware, queued_ms
from tests.api.test_reports_api import payload


def stamp(seconds_ago: float) -> str:
    return f"t={time.time() - seconds_ago:.3f}"  # nginx: proxy_set_header X-Request-Start "t=${msec}"


@pytest.fixture
def api(reference, settings):
    settings.NETRA_SHED_QUEUE_MS = 2000
    return APIClient()


def test_a_report_that_waited_too_long_in_the_queue_gets_503_and_is_not_stored(api):
    answer = api.post("/api/v1/reports/", payload(), format="json", HTTP_X_REQUEST_START=stamp(3))
    assert answer.status_code == 503
    assert 0 < int(answer["Retry-After"]) <= 60
    assert answer["Content-Type"] == "application/json"
    assert "Coba lagi dalam" in json.loads(answer.content)["detail"]
    assert int(answer["Content-Length"]) == len(answer.content)  # keep-alive clients need the length
    assert Report.objects.count() == 0
    fresh = api.post("/api/v1/reports/", payload(), format="json", HTTP_X_REQUEST_START=stamp(0.1))
    assert fresh.status_code == 201 and Report.objects.count() == 1


def test_pages_get_a_small_indonesian_page_and_health_is_never_shed(api):
    page = api.get("/lapor/", HTTP_X_REQUEST_START=stamp(30))
    assert page.status_code == 503 and page["Retry-After"]
    assert "Server sedang sibuk" in page.content.decode()
    assert api.get("/healthz", HTTP_X_REQUEST_START=stamp(30)).status_code != 503


@pytest.mark.parametrize("header", ["", "t=abc", "t=-5", f"t={time.time() + 86400:.3f}", "t=1"])
def test_missing_odd_or_skewed_stamps_shed_nothing(header):
    assert queued_ms(header, time.time()) is None


def test_stamp_units(settings):
    now = 1_733_364_000.0
    assert queued_ms("t=1733363999.500", now) == pytest.approx(500)
    assert queued_ms("1733363999500", now) == pytest.approx(500)  # milliseconds
    assert queued_ms("t=1733363999500000", now) == pytest.approx(500)  # microseconds


def test_more_requests_in_flight_than_allowed_get_503(settings):
    settings.NETRA_SHED_MAX_IN_FLIGHT = 1
    inner_answers = []

    def view(request):
        # While this request is inside Django, a second one arrives at the same process.
        inner_answers.append(middleware(RequestFactory().get("/api/v1/reference/regions/")))
        return HttpResponse("first")

    middleware = LoadSheddingMiddleware(view)
    outer = middleware(RequestFactory().get("/api/v1/reference/regions/"))
    assert outer.status_code == 200
    assert inner_answers[0].status_code == 503 and inner_answers[0]["Retry-After"]
    assert middleware.in_flight == 0  # released, also for the refused one


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_report_that_cannot_get_its_turn_on_the_event_chain_gets_503_not_500(api, settings):
    """Another writer holds the chain lock longer than NETRA_CHAIN_LOCK_TIMEOUT_MS (PostgreSQL)."""
    import psycopg

    settings.NETRA_CHAIN_LOCK_TIMEOUT_MS = 300
    params = connection.get_connection_params()
    other = psycopg.connect(**{k: v for k, v in params.items() if k in {"dbname", "user", "password", "host", "port"}},
                            autocommit=True)
    try:
        other.execute("SELECT pg_advisory_lock(%s)", [chain._PG_LOCK_KEY])
        started = time.monotonic()
        answer = api.post("/api/v1/reports/", payload(), format="json")
        assert answer.status_code == 503, answer.content
        assert answer["Retry-After"] and time.monotonic() - started < 5
    finally:
        other.close()
    assert Report.objects.count() == 0
    assert api.post("/api/v1/reports/", payload(), format="json").status_code == 201


def test_throttled_api_clients_get_429_with_retry_after(api, settings):
    settings.NETRA_RATE_LIMITS = {**settings.NETRA_RATE_LIMITS, "report": "2/day"}
    codes = [api.post("/api/v1/reports/", payload(), format="json").status_code for _ in range(3)]
    answer = api.post("/api/v1/reports/", payload(), format="json")
    assert codes == [201, 201, 429] and answer.status_code == 429
    assert 0 < int(answer["Retry-After"]) <= 86400
