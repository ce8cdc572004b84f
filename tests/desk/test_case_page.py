"""The case page: actions through POST move the case via the services and write events."""


import pytest
from django.urls import reverse
from django.utils import timezone

from netra.cases.models import Case, CaseEvent, CaseStatus
from netra.rules.models import Contest, SanctionType, ViolationType
from tests.conftest import jpeg_with_gps, upload

S = CaseStatus


def act(client, case, name, **fields):
    data = {f"{name}-{k}": v for k, v in fields.items()}
    return client.post(reverse("desk:case_action", args=[case.code, name]), data)


def page(client, case):
    return client.get(reverse("desk:case_detail", args=[case.code]))


def offered(response) -> set[str]:
    return {item["action"].name for item in response.context["actions"]}


def kinds(case) -> list[str]:
    return list(CaseEvent.objects.filter(case=case).order_by("at", "id").values_list("kind", flat=True))


def test_whole_workflow_through_the_case_page(client, people, case, employee):
    contest = Contest.objects.get(code="pilwali-6472-2024")
    client.force_login(people["verifier"])
    assert offered(page(client, case)) >= {"start_verification", "link_employee", "merge_cases", "dismiss"}

    assert act(client, case, "start_verification").status_code == 302
    case.refresh_from_db()
    assert case.status == S.VERIFICATION and case.assigned_to == people["verifier"]

    assert act(client, case, "link_employee", nip="19860315 201001 1 002").status_code == 302

    # Preview shows the derived form and proposed sanction without writing anything.
    named = ViolationType.objects.get(code="E5")
    before = kinds(case)
    response = client.post(reverse("desk:case_action", args=[case.code, "classify"]), {
        "classify-violation": named.pk, "classify-contest": contest.pk, "classify-conduct_date": "2024-10-10",
        "preview": "1"})
    assert response.status_code == 200
    [preview] = response.context["preview"]["outcomes"]
    assert preview["applied"].code == "D7" and preview["proposed"] == preview["applied"].default_sanction
    assert "D7" in response.content.decode()
    assert kinds(case) == before

    assert act(client, case, "classify", violation=named.pk, contest=contest.pk,
               conduct_date="2024-10-10").status_code == 302
    case.refresh_from_db()
    assert case.violation.code == "D7" and case.recommended_sanction == case.proposed_sanction
    assert act(client, case, "forward_to_bawaslu", reason="lengkap").status_code == 302

    client.force_login(people["bawaslu"])
    case.refresh_from_db()
    assert offered(page(client, case)) >= {"recommend", "return_to_verification"}
    assert act(client, case, "recommend", number="REK/12/2024").status_code == 400  # the letter's date is asked
    assert act(client, case, "recommend", number="REK/12/2024",
               issued_on=timezone.localdate().isoformat()).status_code == 302

    client.force_login(people["ppk"])
    case.refresh_from_db()
    assert case.status == S.RECOMMENDED
    assert "record_ppk_decision" in offered(page(client, case))
    today = timezone.localdate().isoformat()
    assert act(client, case, "record_ppk_decision", sanction=case.recommended_sanction_id, number="SK/800/1",
               decision_date=today).status_code == 302
    assert act(client, case, "close_case").status_code == 302
    case.refresh_from_db()
    assert case.status == S.CLOSED and case.decision_number == "SK/800/1"
    assert kinds(case) == ["received", "verification_started", "employee_linked", "classified",
                           "forwarded_to_bawaslu", "recommended", "ppk_decided", "closed"]
    assert CaseEvent.objects.filter(case=case, kind="ppk_decided", actor=people["ppk"]).exists()


def test_override_without_reason_is_a_form_error_and_changes_nothing(client, people, case, workflow):
    workflow(case, "verification")
    client.force_login(people["verifier"])
    other = SanctionType.objects.get(code="ringan-teguran-lisan")
    before = kinds(case)
    response = act(client, case, "classify", violation=ViolationType.objects.get(code="D7").pk,
                   contest=Contest.objects.get(code="pilwali-6472-2024").pk, conduct_date="2024-10-10",
                   sanction=other.pk)
    assert response.status_code == 400
    assert "tuliskan alasannya" in response.content.decode()
    case.refresh_from_db()
    assert case.violation is None and kinds(case) == before
    # With a reason the override is accepted and logged.
    assert act(client, case, "classify", violation=ViolationType.objects.get(code="D7").pk,
               contest=Contest.objects.get(code="pilwali-6472-2024").pk, conduct_date="2024-10-10",
               sanction=other.pk, reason="Perbuatan pertama, menyesal").status_code == 302
    case.refresh_from_db()
    assert case.recommended_sanction == other and case.sanction_override_reason


def test_wrong_state_is_shown_as_an_error_and_changes_nothing(client, people, case, workflow):
    workflow(case, "verification")
    client.force_login(people["verifier"])
    before = kinds(case)
    response = act(client, case, "start_verification")
    assert response.status_code == 400
    assert "tidak bisa dilakukan" in response.content.decode()
    assert kinds(case) == before


def test_wrong_role_gets_403_and_changes_nothing(client, people, case):
    for role, refused in (("bawaslu", 403), ("supervisor", 403), ("ppk", 404)):  # ppk: not before recommendation
        client.force_login(people[role])
        assert act(client, case, "start_verification").status_code == refused, role
    case.refresh_from_db()
    assert case.status == S.RECEIVED and kinds(case) == ["received"]


def test_ppk_of_another_government_cannot_see_or_act(client, people, case, workflow):
    workflow(case, "recommended")
    client.force_login(people["ppk_other"])
    assert page(client, case).status_code == 404
    response = act(client, case, "record_ppk_decision", sanction=case.recommended_sanction_id, number="SK/1",
                   decision_date=timezone.localdate().isoformat())
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status == S.RECOMMENDED
    assert not Case.objects.filter(pk=case.pk, decision_number="SK/1").exists()


def test_actions_offered_follow_role_and_state(client, people, case, workflow):
    client.force_login(people["supervisor"])
    assert offered(page(client, case)) == {"assign"}
    client.force_login(people["bawaslu"])
    # A received case is the Satgas's: Bawaslu may neither verify nor end it (issue 10 item 7).
    assert offered(page(client, case)) == set()
    workflow(case, "recommended")
    client.force_login(people["verifier"])
    assert "start_verification" not in offered(page(client, case))
    client.force_login(people["ppk"])
    # The employer decides; it may not end the case as "employee exited" (the verifier does).
    assert offered(page(client, case)) == {"record_ppk_decision"}


def test_dismiss_requires_reason_and_records_outcome(client, people, case):
    client.force_login(people["verifier"])
    response = act(client, case, "dismiss", outcome="rejected", reason="")
    assert response.status_code == 400
    assert act(client, case, "dismiss", outcome="rejected", reason="Bukan ASN").status_code == 302
    case.refresh_from_db()
    assert case.status == S.REJECTED and kinds(case)[-1] == "dismissed_rejected"


def test_duplicates_are_suggested_and_merged(client, people, make_report, employee):
    first = make_report(nip=employee.nip).case
    second = make_report(nip=employee.nip, subject="Budi S.").case
    by_name = make_report(subject="Santoso Budi", conduct="2024-10-12").case
    far_away = make_report(subject="Budi Santoso", conduct="2024-08-01", received="2024-10-12").case
    client.force_login(people["verifier"])
    suggested = {s["case"].code: s["reason"] for s in page(client, first).context["duplicates"]}
    assert suggested == {second.code: "same_employee", by_name.code: "similar_name"}
    assert far_away.code not in suggested
    assert act(client, first, "merge_cases", duplicate=second.code, reason="sama").status_code == 302
    second.refresh_from_db()
    assert second.status == S.MERGED and second.merged_into == first
    assert first.reports.count() == 2 and kinds(first)[-1] == "merged_from"


def test_identity_and_nip_follow_the_role(client, people, make_report, employee):
    report = make_report(nip=employee.nip, anonymous=False, reporter_name="Siti Pelapor",
                         reporter_email="siti@example.org")
    case = report.case
    client.force_login(people["verifier"])
    body = page(client, case).content.decode()
    assert "Siti Pelapor" not in body and employee.nip in body  # identity in escrow until opened with a reason
    client.post(reverse("desk:open_identity", args=[case.code, report.pk]), {"reason": "Menghubungi pelapor."})
    body = page(client, case).content.decode()
    assert "Siti Pelapor" in body and "siti@example.org" in body
    for role in ("supervisor", "ppk"):
        client.force_login(people[role])
        body = page(client, case).content.decode()
        assert "Siti Pelapor" not in body and "siti@example.org" not in body, role
    client.force_login(people["supervisor"])  # supervisors are not in SEES_NIP
    body = page(client, case).content.decode()
    assert employee.nip not in body and "1986" in body


def test_evidence_viewer_streams_the_stripped_copy_and_the_sealed_original(client, people, make_report):
    original = jpeg_with_gps()
    report = make_report(files=[upload("foto.jpg", original)])
    evidence = report.evidence.get()
    client.force_login(people["supervisor"])
    body = page(client, report.case).content.decode()
    assert evidence.sha256 in body and reverse("desk:evidence_view", args=[evidence.uid]) in body
    assert reverse("desk:evidence_original", args=[evidence.uid]) not in body
    shown = b"".join(client.get(reverse("desk:evidence_view", args=[evidence.uid])).streaming_content)
    assert shown != original and b"PhoneMaker" not in shown
    client.force_login(people["verifier"])
    response = client.get(reverse("desk:evidence_original", args=[evidence.uid]))
    assert b"".join(response.streaming_content) == original
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_case_page_renders_in_both_languages(client, people, case, lang):
    client.force_login(people["verifier"])
    client.cookies["django_language"] = lang
    response = page(client, case)
    assert response.status_code == 200 and f'lang="{lang}"' in response.content.decode()
