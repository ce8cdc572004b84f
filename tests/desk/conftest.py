"""Desk fixtures: cases in each stage, built through the services like real work."""

import datetime as dt

import pytest

from netra.cases import services
from netra.rules.models import Contest, ViolationType
from tests.conftest import at


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Nine accounts per test with the production hasher cost seconds; the hash is not under test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def workflow(people, employee):
    """Move a case through the workflow up to `until`, as the people in each role would."""

    def _run(case, until: str):
        steps = ["verification", "classified", "bawaslu_review", "recommended", "ppk_decided", "closed"]
        target = steps.index(until)
        services.start_verification(case, people["verifier"], at=at("2024-10-13"))
        if target >= 1:
            services.link_employee(case, people["verifier"], employee, at=at("2024-10-13", 11))
            contest = Contest.objects.get(code="pilwali-6472-2024")
            services.classify(case, people["verifier"], violation=ViolationType.objects.get(code="D7"),
                              contest=contest, at=at("2024-10-14"))
        if target >= 2:
            services.forward_to_bawaslu(case, people["verifier"], at=at("2024-10-14", 12))
        if target >= 3:
            services.recommend(case, people["bawaslu"], number="REK/01/2024", at=at("2024-10-15"))
        if target >= 4:
            case.refresh_from_db()
            services.record_ppk_decision(case, people["ppk"], sanction=case.recommended_sanction,
                                         number="SK/800/2024", decision_date=dt.date(2024, 10, 20),
                                         at=at("2024-10-21"))
        if target >= 5:
            services.close_case(case, people["verifier"], at=at("2024-10-22"))
        case.refresh_from_db()
        return case

    return _run


@pytest.fixture
def case(make_report, employee):
    """A fresh case in RECEIVED about an employee of Samarinda (the `ppk` fixture's government)."""
    report = make_report(nip=employee.nip)
    return report.case
