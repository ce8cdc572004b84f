import pytest
from django.core.exceptions import ImproperlyConfigured

from netra.cases.models import Case, CaseEvent, Report
from netra.demo import seed as demo
from netra.settings import env_bool


def test_demo_builds_reports_in_many_states_through_the_services(reference):
    result = demo.seed(reports=40)
    assert result["created"] >= 40 and not result["skipped"]
    statuses = set(Case.objects.values_list("status", flat=True))
    assert len(statuses) >= 5
    # Every case has its receipt event and every status change is an event (services were used).
    for case in Case.objects.all():
        assert case.events.first().kind == "received"
        if case.status != "received":
            assert case.events.filter(to_status=case.status).exists()
    assert Report.objects.filter(case__isnull=True).count() == 0
    assert demo.seed(reports=5)["skipped"] is True  # re-running adds nothing
    assert CaseEvent.objects.count() > Case.objects.count()


def test_demo_nips_are_valid():
    import random

    from netra.registry.validators import validate_nip

    rng = random.Random(1)
    for i in range(200):
        validate_nip(demo.valid_nip(rng, i))


def test_env_bool_is_strict(monkeypatch):
    monkeypatch.setenv("X_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_FLAG")
    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG") is True
