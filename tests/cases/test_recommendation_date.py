"""The recommendation's issue date, not the day it is entered, sets the authority and the PPK clock."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from netra.cases import services
from netra.cases.models import CaseStatus
from netra.rules.models import Contest, ViolationType
from tests.conftest import at

D = dt.date.fromisoformat


@pytest.fixture
def in_review(people, employee, make_report):
    case = make_report(conduct="2024-08-01", received="2024-08-02", nip=employee.nip).case
    services.start_verification(case, people["verifier"], at=at("2024-08-05"))
    services.classify(case, people["verifier"], violation=ViolationType.objects.get(code="D7"),
                      contest=Contest.objects.get(code="pilwali-6472-2024"), at=at("2024-08-05", 11))
    services.forward_to_bawaslu(case, people["verifier"], at=at("2024-08-06"))
    return case


def test_authority_and_ppk_clock_run_from_the_issue_date(people, in_review):
    # Signed by KASN on Tue 20 Aug 2024, entered on Wed 28 Aug, after BKN took over (24 Aug).
    services.recommend(in_review, people["bawaslu"], number="R-77/KASN/VIII/2024", issued_on=D("2024-08-20"),
                       at=at("2024-08-28"))
    in_review.refresh_from_db()
    assert in_review.status == CaseStatus.RECOMMENDED
    assert in_review.authority.code == "kasn"
    assert in_review.recommended_on == D("2024-08-20")
    # 14 working days from 20 Aug 2024 (not from the entry day, which would give 18 Sep).
    assert in_review.due_date == D("2024-09-09")
    event = in_review.events.get(kind="recommended")
    assert event.data["issued_on"] == "2024-08-20" and event.data["entered_on"] == "2024-08-28"
    assert event.at == at("2024-08-28")


def test_issue_date_defaults_to_the_entry_day_and_may_not_be_in_the_future(people, in_review):
    with pytest.raises(ValidationError) as refused:
        services.recommend(in_review, people["bawaslu"], number="R-1", issued_on=D("2024-08-29"),
                           at=at("2024-08-28"))
    assert "issued_on" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.recommend(in_review, people["bawaslu"], number="R-1", issued_on=D("2024-07-01"),
                           at=at("2024-08-28"))  # before the conduct
    in_review.refresh_from_db()
    assert in_review.status == CaseStatus.BAWASLU_REVIEW

    services.recommend(in_review, people["bawaslu"], number="R-1", at=at("2024-08-28"))
    in_review.refresh_from_db()
    assert in_review.recommended_on == D("2024-08-28") and in_review.authority.code == "bkn"


def test_ppk_decision_may_not_predate_the_recommendation_letter(people, in_review):
    services.recommend(in_review, people["bawaslu"], number="R-2", issued_on=D("2024-08-20"), at=at("2024-08-28"))
    in_review.refresh_from_db()
    with pytest.raises(ValidationError):
        services.record_ppk_decision(in_review, people["ppk"], sanction=in_review.recommended_sanction,
                                     number="SK/1", decision_date=D("2024-08-19"), at=at("2024-08-30"))
    services.record_ppk_decision(in_review, people["ppk"], sanction=in_review.recommended_sanction,
                                 number="SK/1", decision_date=D("2024-08-22"), at=at("2024-08-30"))
    in_review.refresh_from_db()
    assert in_review.status == CaseStatus.PPK_DECIDED
