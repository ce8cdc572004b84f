"""The intake inbox through Redis and a real Celery worker: the API answers, the worker opens the case."""

import json

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from netra.cases.models import CaseEvent, Report, Submission
from netra.cases.services import inbox
from tests.celery_worker import wait_for

pytestmark = pytest.mark.celery


def test_the_worker_opens_what_the_api_accepted(celery_worker_process, reference, client, settings):
    settings.NETRA_INTAKE_INBOX = True
    assert settings.CELERY_TASK_ALWAYS_EAGER is False  # really through the broker
    codes = []
    for i in range(3):
        answer = client.post("/api/v1/reports/", json.dumps({
            "subject_name": f"Budi Santoso {i}", "region_code": "64.72", "anonymous": True,
            "conduct_date": timezone.localdate().isoformat(), "description": "Foto bersama pasangan calon."}),
            content_type="application/json")
        assert answer.status_code == 201, answer.content
        codes.append(answer.json()["tracking_code"])
    assert wait_for(lambda: Report.objects.filter(tracking_code__in=codes).count() == 3), \
        open(celery_worker_process).read()[-3000:]
    assert Submission.objects.filter(tracking_code__in=codes, status="opened").count() == 3
    assert CaseEvent.objects.filter(kind="received", case__reports__tracking_code__in=codes).count() == 3
    assert wait_for(lambda: caches["default"].get(inbox.KICK_KEY) is None)  # lowered once the inbox is empty


def test_the_redis_cache_keeps_one_client_per_pool():
    assert settings.CACHES["default"]["BACKEND"] == "netra.core.redis_cache.RedisCache"
    backend = caches["default"]._cache
    assert backend.get_client(write=True) is backend.get_client(write=True)
    caches["default"].set("netra-test-key", {"n": 1}, 30)
    assert caches["default"].get("netra-test-key") == {"n": 1}
    assert caches["default"].add("netra-test-key", 2, 30) is False
    caches["default"].delete("netra-test-key")
