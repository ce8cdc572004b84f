import datetime as dt

import pytest
from django.utils import timezone

from netra.learning import selfcheck, services
from netra.learning.models import Question, Topic
from netra.registry.models import Agency, Employee


@pytest.fixture
def asn_employee(people, employee):
    employee.user = people["asn"]
    employee.save()
    return employee


@pytest.fixture
def make_quiz(people):
    def _make(topics=None, count=5, pass_mark=80, publish=True, **extra):
        now = timezone.now()
        data = services.QuizInput(
            title=extra.pop("title", "Kuis uji"), topics=topics or list(Topic.values), question_count=count,
            pass_mark=pass_mark, opens_at=extra.pop("opens_at", now - dt.timedelta(hours=1)),
            closes_at=extra.pop("closes_at", now + dt.timedelta(days=7)), **extra)
        return services.create_quiz(data, people["trainer"], publish=publish)

    return _make


def answers_for(attempt, correct: int | None = None) -> dict:
    """Right answers for the first `correct` questions (all when None), wrong for the rest."""
    qs = Question.objects.in_bulk(attempt.question_ids)
    n = len(attempt.question_ids) if correct is None else correct
    return {qid: qs[qid].answer if i < n else (qs[qid].answer + 1) % len(qs[qid].choices)
            for i, qid in enumerate(attempt.question_ids)}


@pytest.fixture
def other_employee(reference):
    agency = Agency.objects.get(code="6474-disdik")
    return Employee.objects.create(employee_type="PNS", nip="199001012015032001", name="Siti Aminah",
                                   agency=agency, position="Analis", region=agency.region)


class FakeScreener:
    """Stands in for netra.screening: 'partisan' for obvious campaign wording, else by topic."""

    PARTISAN = ("coblos nomor", "pilih nomor", "menangkan", "salam dua jari", "#")
    POLITICAL = ("pemilu", "debat", "calon", "kpu", "pilkada")

    class Result:
        def __init__(self, label, targets=()):
            self.label, self.targets = label, list(targets)

        def to_dict(self):
            return {"label": self.label, "score": 0.9, "targets": self.targets, "stance": "support",
                    "evidence": [], "violation": None, "model_version": "fake-1"}

    def screen(self, text, action=None, posted_at=None):
        low = text.lower()
        if any(p in low for p in self.PARTISAN):
            return self.Result("partisan", ["02"])
        if any(p in low for p in self.POLITICAL):
            return self.Result("political_neutral")
        return self.Result("non_political")


@pytest.fixture
def fake_screener():
    screener = FakeScreener()
    selfcheck.set_screener(screener)
    yield screener
    selfcheck.set_screener(None)


@pytest.fixture
def no_screener(monkeypatch):
    monkeypatch.setattr(selfcheck, "get_screener", lambda: None)
