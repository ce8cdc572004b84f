"""Reporters hear about their report's stages, in their language, through the channel they chose."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from netra.cases import services
from netra.cases.models import Case, CaseStatus, Report
from netra.notifications import outbox
from netra.notifications.models import Message, ReporterContact
from netra.notifications.services import save_reporter_contact
from tests.conftest import at
from tests.notifications.helpers import decide, to_bawaslu, to_recommended, to_verification


def api_payload(**overrides):
    body = {"subject_name": "Yuni Kartika", "region_code": "64.72", "conduct_date": timezone.localdate().isoformat(),
            "description": "Membagikan poster paslon dengan ajakan memilih.", "subject_nip": "199009132025242014",
            "anonymous": True}
    body.update(overrides)
    return body


def test_anonymous_api_reporter_gets_received_and_status_changes_in_english_by_email(
        reference, people, django_capture_on_commit_callbacks):
    client = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/api/v1/reports/", api_payload(
            updates={"channel": "email", "address": "pelapor@example.org", "language": "en"}), format="json")
    assert created.status_code == 201, created.content
    assert "pelapor@example.org" not in created.content.decode()  # write-only, never echoed
    code = created.json()["tracking_code"]
    assert len(mail.outbox) == 1
    received = mail.outbox[0]
    assert received.to == ["pelapor@example.org"]
    assert received.subject == f"Report {code} received"
    assert f"/lacak/{code}/" in received.body and "Yuni" not in received.body

    case = Report.objects.get(tracking_code=code).case
    with django_capture_on_commit_callbacks(execute=True):
        services.start_verification(case, people["verifier"])  # not a stage the reporter is told about
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.dismiss(case, people["verifier"], CaseStatus.REJECTED, "Bukan ASN")
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == f"Report {code}: rejected"
    assert "What was reported is not a breach of civil-service neutrality." in mail.outbox[1].body
    assert Message.objects.filter(audience="reporter", status="sent").count() == 2


def test_web_form_reporter_gets_indonesian_whatsapp_through_the_gateway(
        client, reference, people, employee, gateway, django_capture_on_commit_callbacks):
    form = {"subject_name": "Budi Santoso", "subject_nip": employee.nip, "region": employee.agency.region.pk,
            "conduct_date": timezone.localdate().isoformat(), "description": "Foto salam dua jari di acara paslon.",
            "is_anonymous": "on", "updates_channel": "whatsapp", "updates_contact": "0812-3456-7890"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("public:report"), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    report = Report.objects.get()
    contact = ReporterContact.objects.get(report=report)
    assert contact.language == "id" and contact.address == "+6281234567890"
    assert "+6281234567890" not in contact.address_encrypted  # encrypted at rest
    assert len(gateway.requests) == 1
    sent = gateway.requests[0]
    assert sent["path"] == "/wa" and sent["headers"]["Authorization"] == "Bearer wa-token-uji"
    assert sent["json"]["to"] == "+6281234567890"
    assert sent["json"]["message"].startswith(f"Laporan {report.tracking_code} diterima")

    with django_capture_on_commit_callbacks(execute=True):
        to_bawaslu(report.case, people)
    assert len(gateway.requests) == 2
    assert "verifikasi selesai" in gateway.requests[1]["json"]["message"]
    assert "Bawaslu" in gateway.requests[1]["json"]["message"]


def test_sms_channel_uses_the_sms_gateway(reference, make_report, people, gateway,
                                          django_capture_on_commit_callbacks):
    report = make_report()
    with django_capture_on_commit_callbacks(execute=True):
        save_reporter_contact(report, "sms", "+62 811 5555 0000", "en")
    assert [r["path"] for r in gateway.requests] == ["/sms"]
    assert gateway.requests[0]["headers"]["Authorization"] == "Bearer sms-token-uji"
    assert gateway.requests[0]["json"]["message"].startswith(f"Report {report.tracking_code} received")


def test_decision_tells_the_outcome_in_plain_words_without_personal_data(
        people, employee, make_report, django_capture_on_commit_callbacks):
    report = make_report(conduct="2024-12-13", received="2024-12-16", nip=employee.nip, anonymous=False,
                         reporter_name="Siti Pelapor", reporter_email="siti@example.org")
    save_reporter_contact(report, "email", "kabar@example.org", "id")
    to_recommended(report.case, people)
    with django_capture_on_commit_callbacks(execute=True):
        decide(report.case, people)
    decided = Message.objects.get(topic="reporter_decided")
    assert ("dijatuhi hukuman disiplin berat (Penurunan jabatan setingkat lebih rendah selama 12 bulan)"
            in decided.body)
    for private in (employee.name, employee.nip, "Budi", "800/123/BKPSDM", "Siti", "siti@example.org",
                    "12/REK/2024"):
        assert private not in decided.body and private not in decided.subject
    topics = list(Message.objects.filter(audience="reporter").order_by("id").values_list("topic", flat=True))
    assert topics == ["reporter_received", "reporter_verified", "reporter_forwarded", "reporter_decided"]
    with django_capture_on_commit_callbacks(execute=True):
        services.close_case(report.case, people["verifier"], at=at("2025-01-16"))
    assert mail.outbox[-1].subject == f"Laporan {report.tracking_code}: kasus selesai"
    assert mail.outbox[-1].to == ["kabar@example.org"]


def test_failing_gateway_leaves_the_transition_committed_and_the_message_retried(
        people, make_report, gateway, settings, django_capture_on_commit_callbacks):
    """Sending runs in on_commit callbacks, i.e. after the transition's transaction has committed.

    (Real commits and a real worker: tests/celery/test_notification_worker.py on PostgreSQL.)
    """
    settings.NETRA_NOTIFY_MAX_ATTEMPTS = 3
    report = make_report(conduct="2024-12-13", received="2024-12-16")
    with django_capture_on_commit_callbacks(execute=True):
        save_reporter_contact(report, "whatsapp", "081234567890", "id")
    assert Message.objects.get(topic="reporter_received").status == "sent"
    to_verification(report.case, people)

    gateway.status = 500
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = services.forward_to_bawaslu(report.case, people["verifier"], at=at("2024-12-20"))  # no exception
    assert len(callbacks) == 1  # the send was deferred to after the commit, and it ran
    assert result.status == CaseStatus.BAWASLU_REVIEW
    assert Case.objects.get(pk=report.case.pk).status == CaseStatus.BAWASLU_REVIEW
    assert report.case.events.filter(kind="forwarded_to_bawaslu").count() == 1
    message = Message.objects.get(topic="reporter_verified")
    assert message.status == "pending" and message.attempts == 1
    assert "HTTP 500" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert len(gateway.requests) == 2  # tried once

    # The sweep does not resend before the back-off has passed…
    assert outbox.send_due() == {}
    # …then retries; a second failure doubles the wait.
    later = message.next_attempt_at
    assert outbox.send_due(now=later) == {"pending": 1}
    message.refresh_from_db()
    assert message.attempts == 2 and message.next_attempt_at - later == outbox.backoff(2)
    assert outbox.backoff(2) == 2 * outbox.backoff(1)

    gateway.status = 200
    assert outbox.send_due(now=message.next_attempt_at) == {"sent": 1}
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 3 and message.last_error == ""
    assert "verifikasi selesai" in gateway.requests[-1]["json"]["message"]


def test_message_is_marked_failed_after_the_last_attempt(make_report, gateway, settings,
                                                         django_capture_on_commit_callbacks):
    settings.NETRA_NOTIFY_MAX_ATTEMPTS = 2
    gateway.status = 503
    report = make_report()
    with django_capture_on_commit_callbacks(execute=True):
        save_reporter_contact(report, "whatsapp", "081234567890", "id")
    message = Message.objects.get()
    assert message.status == "pending" and message.attempts == 1
    assert outbox.send_due(now=message.next_attempt_at) == {"failed": 1}
    message.refresh_from_db()
    assert message.status == "failed" and "HTTP 503" in message.last_error
    assert outbox.send_due(now=message.next_attempt_at + outbox.MAX_BACKOFF) == {}  # never again by itself


def test_unreachable_gateway_is_recorded_not_raised(make_report, settings, django_capture_on_commit_callbacks):
    settings.NETRA_WHATSAPP_GATEWAY_URL = "http://127.0.0.1:9/wa"  # discard port: connection refused
    report = make_report()
    with django_capture_on_commit_callbacks(execute=True):
        save_reporter_contact(report, "whatsapp", "081234567890", "id")
    message = Message.objects.get()
    assert message.status == "pending" and "unreachable" in message.last_error


def test_a_rolled_back_transition_writes_no_message(make_report, people):
    report = make_report()
    save_reporter_contact(report, "email", "kabar@example.org", "id")
    services.start_verification(report.case, people["verifier"])
    before = Message.objects.count()
    with pytest.raises(services.TransitionError):
        services.forward_to_bawaslu(report.case, people["verifier"])  # not classified yet
    assert Message.objects.count() == before


def test_bad_contact_is_refused_with_a_clear_message_and_nothing_is_stored(client, reference):
    form = {"subject_name": "Budi", "region": None, "conduct_date": timezone.localdate().isoformat(),
            "description": "Foto salam dua jari.", "is_anonymous": "on", "updates_channel": "email",
            "updates_contact": "bukan-email"}
    from netra.registry.models import Region

    form["region"] = Region.objects.get(code="64.72").pk
    response = client.post(reverse("public:report"), form)
    assert response.status_code == 400
    assert "email" in response.content.decode().lower()
    assert Report.objects.count() == 0 and ReporterContact.objects.count() == 0

    api = APIClient().post("/api/v1/reports/", api_payload(updates={"channel": "sms", "address": "0812"}),
                           format="json")
    assert api.status_code == 400 and "updates" in api.json()
    assert Report.objects.count() == 0


def test_whatsapp_is_not_offered_without_a_gateway(client, reference, settings):
    settings.NETRA_WHATSAPP_GATEWAY_URL = ""
    settings.NETRA_SMS_GATEWAY_URL = ""
    page = client.get(reverse("public:report")).content.decode()
    assert 'value="email"' in page and 'value="whatsapp"' not in page


def test_update_contact_is_never_shown_to_staff(client, people, make_report):
    report = make_report()
    save_reporter_contact(report, "email", "rahasia-pelapor@example.org", "id")
    secret = "rahasia-pelapor"
    client.force_login(people["admin"])
    pages = [reverse("desk:case_detail", args=[report.case.code]), reverse("desk:case_list"),
             reverse("desk:case_export", args=["csv"]), f"/api/v1/cases/{report.case.code}/",
             reverse("admin:notifications_message_changelist"),
             reverse("admin:notifications_message_change", args=[Message.objects.get().pk])]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert secret not in response.content.decode(), url
    assert client.get("/admin/notifications/reportercontact/").status_code == 404


def test_english_decision_uses_the_english_sanction_name(people, employee, make_report):
    report = make_report(conduct="2024-12-13", received="2024-12-16", nip=employee.nip)
    save_reporter_contact(report, "email", "kabar@example.org", "en")
    to_recommended(report.case, people)
    decide(report.case, people)
    decided = Message.objects.get(topic="reporter_decided")
    assert decided.language == "en" and decided.subject == f"Report {report.tracking_code}: the PPK has decided"
    assert "received severe disciplinary penalty (Demotion one level for 12 months)" in decided.body


def test_gateway_token_never_travels_over_plain_http(make_report, settings, django_capture_on_commit_callbacks):
    settings.NETRA_WHATSAPP_GATEWAY_URL = "http://gateway.example.org/wa"
    report = make_report()
    with django_capture_on_commit_callbacks(execute=True):
        save_reporter_contact(report, "whatsapp", "081234567890", "id")
    message = Message.objects.get()
    assert message.status == "pending" and "must use https" in message.last_error
