"""Notifications through Redis and a real Celery worker, with real commits on PostgreSQL.

A transition commits, its on_commit hook queues the send, the worker claims the row and posts to
the (fake, local) WhatsApp gateway; a broken gateway leaves the message pending and the periodic
sweep, also run by the worker, delivers it once the gateway is back.
"""

import pytest
from django.conf import settings

from netra.cases import services
from netra.cases.models import Case, CaseStatus
from netra.notifications.models import Message
from netra.notifications.services import save_reporter_contact
from netra.notifications.tasks import send_due
from tests.celery_worker import start_worker, stop_worker, wait_for
from tests.conftest import at
from tests.notifications.gateway import FakeGateway
from tests.notifications.helpers import to_verification

pytestmark = pytest.mark.celery


@pytest.fixture
def gateway_and_worker(transactional_db, tmp_path, monkeypatch, settings):
    fake = FakeGateway().start()
    url = fake.base_url + "/wa"
    settings.NETRA_WHATSAPP_GATEWAY_URL = url
    monkeypatch.setenv("NETRA_WHATSAPP_GATEWAY_URL", url)  # the worker reads its settings from the environment
    monkeypatch.setenv("NETRA_WHATSAPP_GATEWAY_TOKEN", "wa-token-uji")
    monkeypatch.setenv("NETRA_NOTIFY_RETRY_SECONDS", "1")
    proc, log, log_path = start_worker(tmp_path)
    yield fake, log_path
    stop_worker(proc, log)
    fake.stop()


def test_worker_sends_after_commit_and_retries_a_failed_gateway(gateway_and_worker, people, make_report):
    gateway, log_path = gateway_and_worker
    assert settings.CELERY_TASK_ALWAYS_EAGER is False  # really through the broker
    report = make_report(conduct="2024-12-13", received="2024-12-16")
    save_reporter_contact(report, "whatsapp", "081234567890", "id")
    assert wait_for(lambda: len(gateway.requests) == 1), log_path.read_text()[-3000:]
    assert gateway.requests[0]["json"]["to"] == "+6281234567890"
    assert gateway.requests[0]["headers"]["Authorization"] == "Bearer wa-token-uji"

    to_verification(report.case, people)
    gateway.status = 500
    services.forward_to_bawaslu(report.case, people["verifier"], at=at("2024-12-20"))
    assert Case.objects.get(pk=report.case.pk).status == CaseStatus.BAWASLU_REVIEW  # committed
    assert wait_for(lambda: Message.objects.filter(topic="reporter_verified", attempts=1, status="pending")
                    .exclude(last_error="").exists()), log_path.read_text()[-3000:]

    gateway.status = 200

    def sweep_then_check():
        send_due.delay()  # what celery beat does every minute
        return Message.objects.filter(topic="reporter_verified", status="sent").exists()

    assert wait_for(sweep_then_check, timeout=30, interval=1.0), log_path.read_text()[-3000:]
    message = Message.objects.get(topic="reporter_verified")
    assert message.attempts >= 2 and message.last_error == ""
    assert "verifikasi selesai" in gateway.requests[-1]["json"]["message"]
    assert "send_message" in log_path.read_text() and "send_due" in log_path.read_text()
