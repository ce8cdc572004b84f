"""The intake inbox (netra/cases/services/inbox.py): API reports are stored in one row and answered,
their cases open afterwards; nothing a reporter sent is lost, nothing is opened twice."""

import json
import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from netra.cases import chain
from netra.cases.models import CaseEvent, Report, Submission
from netra.cases.services import inbox
from netra.demo.management.commands.load_reference import load_all
from netra.notifications.models import Message, ReporterContact
from netra.registry import refcache
from netra.registry.models import Region


@pytest.fixture
def inbox_on(db, settings, django_capture_on_commit_callbacks):
    """The inbox on, and reference data as a running site has it (committed, so the copy holds)."""
    settings.NETRA_INTAKE_INBOX = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()  # the process's locmem store outlives a test: rate-limit counts, the worker's sample
    refcache.forget_local()
    with django_capture_on_commit_callbacks(execute=True):
        load_all()
    yield
    refcache.forget_local()


def body(**overrides):
    data = {"subject_name": "Budi Santoso", "region_code": "64.72", "conduct_date": timezone.localdate().isoformat(),
            "description": "Mengunggah foto bersama pasangan calon.", "anonymous": False,
            "reporter": {"name": "Siti Pelapor", "email": "siti@example.org"},
            "updates": {"channel": "email", "address": "siti@example.org"}}
    data.update(overrides)
    return json.dumps(data)


def post(client, **overrides):
    return client.post("/api/v1/reports/", body(**overrides), content_type="application/json")


def test_the_answer_needs_one_insert_and_the_case_opens_afterwards(client, inbox_on):
    post(client)  # warm the reference copy
    with CaptureQueriesContext(connection) as captured:
        answer = post(client)
    assert answer.status_code == 201, answer.content
    statements = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) == 1 and statements[0].startswith('INSERT INTO "cases_submission"'), statements
    code = answer.json()["tracking_code"]
    assert answer.json()["status"] == "received" and answer.json()["within_window"] is True
    waiting = Submission.objects.get(tracking_code=code)
    assert waiting.status == "pending" and not Report.objects.filter(tracking_code=code).exists()
    assert "Siti" not in waiting.payload_encrypted and "siti@" not in waiting.payload_encrypted

    assert inbox.drain() == 2  # the warm-up's and this one
    report = Report.objects.get(tracking_code=code)
    assert report.received_at == waiting.received_at and report.channel == "api"
    assert report.identity_encrypted and not report.is_anonymous
    assert CaseEvent.objects.filter(case=report.case, kind="received").count() == 1
    opened = Submission.objects.get(pk=waiting.pk)
    assert opened.status == "opened" and opened.report == report and opened.payload_encrypted == ""
    contact = ReporterContact.objects.get(report=report)
    assert contact.address == "siti@example.org"
    assert Message.objects.filter(reporter_contact=contact, topic="reporter_received").count() == 1
    assert inbox.drain() == 0 and Report.objects.filter(tracking_code=code).count() == 1


def test_bad_input_is_refused_before_anything_is_kept(client, inbox_on):
    answer = post(client, description="  ")
    assert answer.status_code == 400 and "description" in answer.json()
    future = (timezone.localdate() + timezone.timedelta(days=3)).isoformat()
    answer = post(client, conduct_date=future)
    assert answer.status_code == 400 and "conduct_date" in answer.json()
    assert Submission.objects.count() == 0


def test_looking_up_a_waiting_code_opens_it(client, inbox_on):
    code = post(client).json()["tracking_code"]
    answer = client.get(f"/api/v1/reports/{code}/")
    assert answer.status_code == 200 and answer.json()["status"] == "received"
    assert Submission.objects.get(tracking_code=code).status == "opened"
    code = post(client).json()["tracking_code"]
    page = client.get(f"/lacak/{code}/")
    assert page.status_code == 200 and Report.objects.filter(tracking_code=code).exists()


def test_a_submission_that_cannot_open_is_kept_and_said_so(client, inbox_on, django_capture_on_commit_callbacks):
    code = post(client).json()["tracking_code"]
    with django_capture_on_commit_callbacks(execute=True):  # the reference copy learns of the change
        region = Region.objects.get(code="64.72")
        region.is_active = False
        region.save()
    assert inbox.drain() == 1
    held = Submission.objects.get(tracking_code=code)
    assert held.status == "failed" and "aktif" in held.last_error and held.payload_encrypted
    page = client.get(f"/lacak/{code}/")
    assert page.status_code == 200 and "sudah kami terima" in page.content.decode()
    assert client.get(f"/api/v1/reports/{code}/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        region.is_active = True
        region.save()
    assert inbox.retry(Submission.objects.all()) == 1
    assert Report.objects.get(tracking_code=code).case.status == "received"


def test_one_kick_per_burst_and_the_worker_opens_them(client, inbox_on, django_capture_on_commit_callbacks):
    """Without a broker the task runs at once (eager), which is what a worker does after the kick."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(client)
    assert len(callbacks) == 1
    callbacks[0]()  # commit: kick → open_submissions → drain
    assert Submission.objects.get().status == "opened" and Report.objects.count() == 1
    from django.core.cache import cache

    assert cache.get(inbox.KICK_KEY) is None  # lowered by the worker, so the next burst kicks again


def test_the_inbox_is_swept_by_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["open-intake-inbox"]
    assert entry["task"] == "netra.cases.tasks.open_submissions" and entry["schedule"] <= 60


def test_without_a_broker_the_case_opens_in_the_request(client, reference, settings):
    settings.NETRA_INTAKE_INBOX = False
    code = post(client).json()["tracking_code"]
    assert Report.objects.get(tracking_code=code).case is not None and Submission.objects.count() == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_two_workers_open_each_submission_exactly_once(client, inbox_on):
    for _ in range(12):
        assert post(client).status_code == 201
    errors = []

    def work():
        try:
            inbox.open_pending()
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Submission.objects.filter(status="opened").count() == 12
    assert Report.objects.count() == 12 and CaseEvent.objects.filter(kind="received").count() == 12
    assert chain.verify().ok
    with transaction.atomic():
        assert inbox.open_pending() == 0


def _after_a_surge(per_second: float):
    """As if the worker's previous look was a second ago and `per_second` reports arrived since."""
    import time

    from django.core.cache import cache
    from django.db.models import Max

    latest = Submission.objects.aggregate(m=Max("id"))["m"] or 0
    cache.set(inbox.SAMPLE_KEY, (time.time() - 1.0, latest - per_second), 60)


@pytest.fixture
def requeued(monkeypatch):
    """The worker's "come back later" messages, kept instead of run (eager Celery would run them now)."""
    from netra.cases import tasks

    calls = []
    monkeypatch.setattr(tasks.open_submissions, "apply_async", lambda *a, **kw: calls.append(kw))
    return calls


def test_in_a_surge_the_worker_gives_the_cores_to_the_web(client, inbox_on, settings, requeued):
    settings.NETRA_INBOX_SURGE_RATE, settings.NETRA_INBOX_SURGE_PAUSE = 20, 2
    codes = [post(client).json()["tracking_code"] for _ in range(3)]
    _after_a_surge(50)
    assert inbox.drain() == 0
    assert Submission.objects.filter(tracking_code__in=codes, status="pending").count() == 3
    assert requeued == [{"countdown": 2}]
    from django.core.cache import cache

    assert cache.get(inbox.KICK_KEY)  # kept up: the web queues no task per report meanwhile
    # The surge is over (two reports a second): the next look opens them all and lowers the flag.
    _after_a_surge(2)
    assert inbox.drain() == 3 and cache.get(inbox.KICK_KEY) is None
    assert Report.objects.filter(tracking_code__in=codes).count() == 3


def test_no_report_waits_longer_than_the_limit_even_in_a_surge(client, inbox_on, settings, requeued):
    settings.NETRA_INBOX_SURGE_RATE, settings.NETRA_INBOX_MAX_WAIT = 20, 120
    code = post(client).json()["tracking_code"]
    Submission.objects.filter(tracking_code=code).update(received_at=timezone.now() - timezone.timedelta(seconds=121))
    _after_a_surge(500)
    assert inbox.drain() == 1 and Report.objects.filter(tracking_code=code).exists()
    assert requeued == []


def test_giving_way_can_be_turned_off(client, inbox_on, settings, requeued):
    settings.NETRA_INBOX_SURGE_RATE = 0
    post(client)
    _after_a_surge(500)
    assert inbox.drain() == 1 and requeued == []
