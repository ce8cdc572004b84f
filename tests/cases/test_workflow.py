"""The whole case workflow through the services, with the legal clock and the event log."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from netra.cases import services
from netra.cases.models import AppendOnlyError, Case, CaseEvent, CaseStatus, Escalation
from netra.rules.models import Contest, SanctionType, ViolationType
from tests.conftest import at

D = dt.date.fromisoformat
S = CaseStatus


def run_to_recommended(case, people, employee, *, verified="2024-12-19", reviewed="2024-12-20"):
    services.start_verification(case, people["verifier"], at=at(verified))
    services.link_employee(case, people["verifier"], employee, at=at(verified, 11))
    services.classify(case, people["verifier"], violation=ViolationType.objects.get(code="D7"),
                      contest=Contest.objects.get(code="pilwali-6472-2024"), at=at(verified, 12))
    services.forward_to_bawaslu(case, people["verifier"], at=at(verified, 13))
    return services.recommend(case, people["bawaslu"], number="001/REK/BKN/XII/2024", at=at(reviewed))


def test_whole_workflow_with_deadlines_across_weekends_and_holidays(people, employee, make_report):
    report = make_report(conduct="2024-12-13", received="2024-12-16", nip=employee.nip)
    case = report.case
    assert case.status == S.RECEIVED and case.employee == employee
    assert case.due_date == D("2024-12-23")  # 7 calendar days from receipt

    services.start_verification(case, people["verifier"], at=at("2024-12-17"))
    case.refresh_from_db()
    assert case.status == S.VERIFICATION and case.due_date == D("2024-12-23")

    services.classify(case, people["verifier"], violation=ViolationType.objects.get(code="E5"),
                      contest=Contest.objects.get(code="pilwali-6472-2024"), at=at("2024-12-18"))
    case.refresh_from_db()
    # Conduct after 22 Sep 2024: the photo with a gesture is D7, heavy discipline.
    assert case.violation.code == "D7" and case.recommended_sanction.level == "heavy"

    # Forwarded Friday 20 Dec: 3 working days skip the weekend, Christmas and cuti bersama 26 Dec.
    services.forward_to_bawaslu(case, people["verifier"], at=at("2024-12-20"))
    case.refresh_from_db()
    assert case.status == S.BAWASLU_REVIEW and case.due_date == D("2024-12-27")

    services.recommend(case, people["bawaslu"], number="12/REK/2024", at=at("2024-12-27"))
    case.refresh_from_db()
    assert case.status == S.RECOMMENDED and case.authority.code == "bkn"
    # 14 working days from Fri 27 Dec 2024: skips weekends and New Year's Day 2025.
    assert case.due_date == D("2025-01-17")

    services.record_ppk_decision(case, people["ppk"], sanction=SanctionType.objects.get(code="berat-turun-jabatan"),
                                 number="800/123/BKPSDM", decision_date=D("2025-01-15"), at=at("2025-01-15"))
    services.close_case(case, people["verifier"], at=at("2025-01-16"))
    case.refresh_from_db()
    assert case.status == S.CLOSED and case.closed_at is not None

    kinds = list(case.events.values_list("kind", "from_status", "to_status"))
    assert kinds == [
        ("received", "", "received"),
        ("verification_started", "received", "verification"),
        ("classified", "", ""),
        ("forwarded_to_bawaslu", "verification", "bawaslu_review"),
        ("recommended", "bawaslu_review", "recommended"),
        ("ppk_decided", "recommended", "ppk_decided"),
        ("closed", "ppk_decided", "closed"),
    ]
    decided = case.events.get(kind="ppk_decided")
    assert decided.actor == people["ppk"] and decided.data["on_time"] is True
    assert case.events.get(kind="classified").data == {
        "named": "E5", "violation": "D7", "contest": "pilwali-6472-2024", "conduct_date": "2024-12-13",
        "determination_date": "2024-09-22", "proposed_sanction": "berat-turun-jabatan",
        "sanction": "berat-turun-jabatan", "override": False,
    }


def test_kasn_recommends_before_24_august_2024(people, employee, make_report):
    case = make_report(conduct="2024-08-01", received="2024-08-02", nip=employee.nip).case
    services.start_verification(case, people["verifier"], at=at("2024-08-05"))
    services.classify(case, people["verifier"], violation=ViolationType.objects.get(code="D3"),
                      contest=Contest.objects.get(code="pilwali-6472-2024"), at=at("2024-08-06"))
    services.forward_to_bawaslu(case, people["verifier"], at=at("2024-08-07"))
    case = services.recommend(case, people["bawaslu"], number="7/KASN", at=at("2024-08-23"))
    assert case.authority.code == "kasn"


def test_ethics_before_determination_and_override_needs_reason(people, make_report):
    case = make_report(conduct="2024-09-10", received="2024-09-12").case
    services.start_verification(case, people["verifier"], at=at("2024-09-12"))
    contest = Contest.objects.get(code="pilgub-kaltim-2024")
    open_statement = SanctionType.objects.get(code="moral-terbuka")
    with pytest.raises(ValidationError) as err:
        services.classify(case, people["verifier"], violation=ViolationType.objects.get(code="D2"),
                          contest=contest, sanction=open_statement, at=at("2024-09-13"))
    assert "alasan" in str(err.value)
    case.refresh_from_db()
    assert case.violation is None and not case.events.filter(kind="classified").exists()
    services.classify(case, people["verifier"], violation=ViolationType.objects.get(code="D2"), contest=contest,
                      sanction=open_statement, reason="Unggahan berulang dan viral", at=at("2024-09-13"))
    case.refresh_from_db()
    assert case.violation.code == "E2" and case.proposed_sanction.code == "moral-tertutup"
    assert case.recommended_sanction == open_statement and case.sanction_override_reason


def test_wrong_state_and_wrong_role_change_nothing(people, make_report):
    case = make_report().case
    with pytest.raises(ValidationError):
        services.forward_to_bawaslu(case, people["verifier"])
    with pytest.raises(PermissionDenied):
        services.start_verification(case, people["ppk"])
    with pytest.raises(PermissionDenied):
        services.start_verification(case, people["supervisor"])
    case.refresh_from_db()
    assert case.status == S.RECEIVED and case.events.count() == 1


def test_ppk_of_another_government_cannot_decide(people, employee, make_report):
    case = run_to_recommended(make_report(conduct="2024-12-13", received="2024-12-16", nip=employee.nip).case,
                              people, employee)
    with pytest.raises(PermissionDenied):
        services.record_ppk_decision(case, people["ppk_other"], sanction=case.recommended_sanction,
                                     number="X", decision_date=D("2024-12-23"), at=at("2024-12-23"))
    with pytest.raises(ValidationError) as err:
        services.record_ppk_decision(case, people["ppk"], sanction=SanctionType.objects.get(code="sedang-tukin-6"),
                                     number="", decision_date=D("2024-12-19"), at=at("2024-12-23"))
    assert set(err.value.message_dict) == {"number", "decision_date", "reason"}


def test_dismissals_and_exit(people, make_report):
    rejected = make_report(subject="A").case
    services.dismiss(rejected, people["verifier"], S.REJECTED, "Bukan ASN")
    rejected.refresh_from_db()
    assert rejected.status == S.REJECTED and rejected.closed_at
    with pytest.raises(ValidationError):
        services.dismiss(make_report(subject="B").case, people["verifier"], S.NOT_PROVEN, "belum diverifikasi")
    exited = make_report(subject="C").case
    services.mark_employee_exited(exited, people["verifier"], "Pensiun", decision_reference="SK pensiun 2024")
    assert Case.objects.get(pk=exited.pk).status == S.EMPLOYEE_EXITED


def test_merge_keeps_every_report_and_its_evidence(people, make_report):
    first = make_report(subject="Budi Santoso", links=["https://example.org/post/1"])
    second = make_report(subject="Budi Santoso", received="2024-10-13", links=["https://example.org/post/2"])
    target = services.merge_cases(first.case, second.case, people["verifier"], reason="Kejadian sama")
    second.refresh_from_db()
    assert second.case == target and first.case == target
    assert sorted(r.evidence.count() for r in target.reports.all()) == [1, 1]
    merged = Case.objects.get(status=S.MERGED)
    assert merged.merged_into == target and merged.events.last().kind == "merged_into"
    assert target.events.filter(kind="merged_from").exists()


def test_overdue_ppk_escalates_step_by_step(people, employee, make_report):
    case = run_to_recommended(make_report(conduct="2024-12-13", received="2024-12-16", nip=employee.nip).case,
                              people, employee)
    # Recommended Fri 20 Dec 2024: 14 working days skip 25-26 Dec and 1 Jan.
    assert case.due_date == D("2025-01-14")
    assert services.escalate_overdue(at=at("2025-01-14")) == []
    assert [c.escalation for c in services.escalate_overdue(at=at("2025-01-15"))] == [Escalation.WARNING]
    assert services.escalate_overdue(at=at("2025-01-15")) == []  # re-running is harmless
    # 5 working days after the deadline: 15,16,17,20,21 Jan -> reprimand from 22 Jan.
    assert services.escalate_overdue(at=at("2025-01-21")) == []
    assert [c.escalation for c in services.escalate_overdue(at=at("2025-01-22"))] == [Escalation.REPRIMAND]
    # Long overdue: the remaining step is taken and logged.
    services.escalate_overdue(at=at("2025-03-03"))
    case.refresh_from_db()
    assert case.escalation == Escalation.BLOCK_REQUESTED
    assert list(case.events.filter(kind="escalated").values_list("data__level", flat=True)) == [
        "warning", "reprimand", "block_requested"]


def test_event_log_is_append_only_in_model_and_database(people, make_report):
    case = make_report().case
    services.start_verification(case, people["verifier"], at=at("2024-10-13"))
    event = case.events.first()
    event.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    for sql in ("UPDATE cases_caseevent SET reason = 'x'", "DELETE FROM cases_caseevent"):
        with pytest.raises(IntegrityError if connection.vendor == "sqlite" else Exception):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
    assert CaseEvent.objects.filter(case=case).count() == 2
    assert not CaseEvent.objects.filter(reason="x").exists()
