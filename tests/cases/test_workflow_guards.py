"""Side outcomes need the right role at the right stage (issue 10 item 7).

Before the guards, a PPK officer (the accused's employer) could end an unverified case of their own
government as "employee exited" from any open status, and Bawaslu could cancel a case the Satgas
had not yet verified.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from netra.cases import services
from netra.cases.models import Case, CaseStatus
from netra.rules.models import Contest, ViolationType
from tests.cases.test_workflow import run_to_recommended

S = CaseStatus


def test_ppk_officer_cannot_end_an_unverified_case_as_employee_exited(people, employee, make_report):
    case = make_report(nip=employee.nip).case  # of the PPK's own government (Samarinda)
    assert services.can_act_as_ppk(people["ppk"], case)
    with pytest.raises(PermissionDenied):
        services.mark_employee_exited(case, people["ppk"], "Pensiun", decision_reference="SK 800/1/2024")
    case.refresh_from_db()
    assert case.status == S.RECEIVED and not case.events.filter(kind="employee_exited").exists()


def test_ppk_officer_cannot_end_a_recommended_case_as_employee_exited(people, employee, make_report):
    case = make_report(nip=employee.nip).case
    run_to_recommended(case, people, employee)
    with pytest.raises(PermissionDenied):
        services.mark_employee_exited(case, people["ppk"], "Pensiun", decision_reference="SK 800/1/2024")
    assert Case.objects.get(pk=case.pk).status == S.RECOMMENDED


def test_employee_exited_needs_the_verifier_and_the_personnel_decision(people, employee, make_report):
    case = make_report(nip=employee.nip).case
    with pytest.raises(ValidationError) as refused:
        services.mark_employee_exited(case, people["verifier"], "Sudah pensiun")
    assert "decision_reference" in refused.value.message_dict
    assert Case.objects.get(pk=case.pk).status == S.RECEIVED

    services.mark_employee_exited(case, people["verifier"], "Sudah pensiun",
                                  decision_reference="SK Bupati 800/12/BKPSDM/2024")
    case.refresh_from_db()
    event = case.events.get(kind="employee_exited")
    assert case.status == S.EMPLOYEE_EXITED and event.actor == people["verifier"]
    assert event.data == {"decision_reference": "SK Bupati 800/12/BKPSDM/2024"}


def test_a_decided_case_is_closed_not_ended_as_exited(people, employee, make_report):
    case = make_report(nip=employee.nip).case
    run_to_recommended(case, people, employee)
    case.refresh_from_db()
    services.record_ppk_decision(case, people["ppk"], sanction=case.recommended_sanction, number="SK/9",
                                 decision_date=case.recommended_on)
    with pytest.raises(ValidationError):
        services.mark_employee_exited(case, people["verifier"], "", decision_reference="SK 1")


def test_each_body_ends_only_the_cases_at_its_own_stage(people, employee, make_report):
    received = make_report(nip=employee.nip).case
    with pytest.raises(PermissionDenied):
        services.dismiss(received, people["bawaslu"], S.CANCELLED, "Dicabut")

    in_review = make_report(nip=employee.nip, subject="Budi S").case
    services.start_verification(in_review, people["verifier"])
    services.classify(in_review, people["verifier"], violation=ViolationType.objects.get(code="D7"),
                      contest=Contest.objects.get(code="pilwali-6472-2024"))
    services.forward_to_bawaslu(in_review, people["verifier"])
    for outcome in (S.CANCELLED, S.NOT_PROVEN):
        with pytest.raises(PermissionDenied):
            services.dismiss(in_review, people["verifier"], outcome, "Satgas tidak lagi memegang kasus")
    assert Case.objects.get(pk=in_review.pk).status == S.BAWASLU_REVIEW

    services.dismiss(in_review, people["bawaslu"], S.NOT_PROVEN, "Kajian: tidak cukup bukti")
    in_review.refresh_from_db()
    assert in_review.status == S.NOT_PROVEN
    assert in_review.events.last().kind == "dismissed_not_proven"
