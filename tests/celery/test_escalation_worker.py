"""The hourly escalation job, sent through Redis and run by a real Celery worker."""

import datetime as dt

import pytest
from django.conf import settings

from netra.cases import services
from netra.cases.models import Case, Escalation
from netra.cases.tasks import escalate_overdue
from netra.rules.models import Contest, ViolationType
from tests.celery_worker import wait_for
from tests.conftest import at

pytestmark = pytest.mark.celery


def test_worker_escalates_an_overdue_recommendation(celery_worker_process, people, employee, make_report):
    assert settings.CELERY_TASK_ALWAYS_EAGER is False  # really through the broker
    case = make_report(conduct="2024-12-13", received="2024-12-16", nip=employee.nip).case
    services.start_verification(case, people["verifier"], at=at("2024-12-17"))
    services.classify(case, people["verifier"], violation=ViolationType.objects.get(code="D2"),
                      contest=Contest.objects.get(code="pilwali-6472-2024"), at=at("2024-12-17"))
    services.forward_to_bawaslu(case, people["verifier"], at=at("2024-12-18"))
    services.recommend(case, people["bawaslu"], number="1/REK", at=at("2024-12-19"))
    assert Case.objects.get(pk=case.pk).due_date < dt.date.today()

    result = escalate_overdue.delay()
    assert result.id
    assert wait_for(lambda: Case.objects.get(pk=case.pk).escalation == Escalation.BLOCK_REQUESTED), \
        celery_worker_process.read_text()[-3000:]
    assert Case.objects.get(pk=case.pk).events.filter(kind="escalated").count() == 3
    assert "escalate_overdue" in celery_worker_process.read_text()
