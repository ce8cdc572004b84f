"""Staff hear about new work, deadlines two working days ahead, overdue stages and escalations."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from netra.cases import services
from netra.core.roles import Role
from netra.notifications import outbox
from netra.notifications.models import Message, StaffPreference
from netra.notifications.services import scan_deadlines, send_digests
from tests.conftest import at, make_user
from tests.notifications.helpers import D, to_bawaslu, to_recommended

pytestmark = pytest.mark.usefixtures("emails")


@pytest.fixture
def emails(people):
    for name, user in people.items():
        user.email = f"{name}@kaltimprov.go.id"
        user.save(update_fields=["email"])


def subjects(to):
    return [m.subject for m in mail.outbox if m.to == [to]]


def test_a_new_case_reaches_the_queue_holders_of_its_stage(people, employee, make_report,
                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(conduct="2024-12-13", received="2024-12-16", nip=employee.nip)
    code = report.case.code
    assert subjects("verifier@kaltimprov.go.id") == [f"Kasus {code} masuk antrean Anda"]
    assert subjects("bawaslu@kaltimprov.go.id") == []

    with django_capture_on_commit_callbacks(execute=True):
        to_bawaslu(report.case, people)
    assert subjects("bawaslu@kaltimprov.go.id") == [f"Kasus {code} masuk antrean Anda"]
    assert "27 Desember 2024" in [m for m in mail.outbox if m.to == ["bawaslu@kaltimprov.go.id"]][0].body
    # The verifier forwarded it themselves: no message about their own step.
    assert len(subjects("verifier@kaltimprov.go.id")) == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.recommend(report.case, people["bawaslu"], number="12/REK/2024", at=at("2024-12-27"))
    assert subjects("ppk@kaltimprov.go.id") == [f"Kasus {code} masuk antrean Anda"]
    assert subjects("ppk_other@kaltimprov.go.id") == []  # another government's PPK
    body = [m for m in mail.outbox if m.to == ["ppk@kaltimprov.go.id"]][0].body
    assert employee.name not in body and employee.nip not in body
    assert f"/desk/kasus/{code}/" in body


def test_assignment_tells_the_assignee_in_their_language(people, make_report, django_capture_on_commit_callbacks):
    colleague = make_user("verifikator2", "verifier")
    colleague.email = "v2@kaltimprov.go.id"
    colleague.save()
    StaffPreference.objects.create(user=colleague, language="en")
    report = make_report()
    with django_capture_on_commit_callbacks(execute=True):
        services.assign(report.case, people["supervisor"], colleague)
    assert subjects("v2@kaltimprov.go.id")[-1] == f"Case {report.case.code} is in your queue"


def test_deadline_two_working_days_ahead_then_overdue_each_once(people, employee, make_report,
                                                                 django_capture_on_commit_callbacks):
    report = make_report(conduct="2024-12-13", received="2024-12-16", nip=employee.nip)
    to_bawaslu(report.case, people)  # Bawaslu's 3 working days end Fri 27 Dec 2024
    Message.objects.all().delete()

    # Fri 20 Dec: two working days ahead is Tue 24 Dec, before the deadline: nothing yet.
    assert scan_deadlines(today=D("2024-12-20")) == 0
    # Mon 23 Dec: Tue 24, then 25 (Christmas) and 26 (cuti bersama) are skipped, so Fri 27 is 2 working days.
    with django_capture_on_commit_callbacks(execute=True):
        assert scan_deadlines(today=D("2024-12-23")) == 1
    assert scan_deadlines(today=D("2024-12-24")) == 0  # once per stage deadline, however often it runs
    warning = [m for m in mail.outbox if m.to == ["bawaslu@kaltimprov.go.id"]][-1]
    assert warning.subject == f"Batas waktu kasus {report.case.code}: 27 Desember 2024"
    assert "Kajian Bawaslu" in warning.body and "(2 hari kerja lagi)" in warning.body

    assert scan_deadlines(today=D("2024-12-27")) == 0  # due today: not overdue yet
    with django_capture_on_commit_callbacks(execute=True):
        assert scan_deadlines(today=D("2024-12-30")) == 1
    assert scan_deadlines(today=D("2024-12-31")) == 0
    assert subjects("bawaslu@kaltimprov.go.id")[-1] == f"Kasus {report.case.code} melewati batas waktu"
    assert subjects("verifier@kaltimprov.go.id") == []  # not their stage


def test_overdue_verification_goes_to_the_assigned_verifier_only(people, make_report):
    report = make_report(conduct="2024-12-13", received="2024-12-16")
    services.start_verification(report.case, people["verifier"], at=at("2024-12-17"))  # assigns the verifier
    other = make_user("verifikator2", "verifier")
    other.email = "v2@kaltimprov.go.id"
    other.save()
    assert scan_deadlines(today=D("2024-12-24")) == 1  # due 23 Dec (7 calendar days)
    overdue = Message.objects.get(topic="staff_overdue")
    assert overdue.recipient_user == people["verifier"]


def test_each_escalation_step_is_announced(people, employee, make_report, django_capture_on_commit_callbacks):
    report = make_report(conduct="2024-12-13", received="2024-12-16", nip=employee.nip)
    to_recommended(report.case, people)  # PPK due 17 Jan 2025
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.escalate_overdue(at=at("2025-01-20"))
    assert subjects("ppk@kaltimprov.go.id") == [f"Kasus {report.case.code}: eskalasi Peringatan"]
    assert subjects("verifier@kaltimprov.go.id") == [f"Kasus {report.case.code}: eskalasi Peringatan"]
    assert subjects("ppk_other@kaltimprov.go.id") == []
    with django_capture_on_commit_callbacks(execute=True):
        services.escalate_overdue(at=at("2025-02-20"))  # two more steps at once
    assert subjects("ppk@kaltimprov.go.id")[1:] == [f"Kasus {report.case.code}: eskalasi Teguran",
                                                    f"Kasus {report.case.code}: eskalasi Permintaan blokir data SIASN"]


def test_digest_mode_batches_messages_into_one_daily_mail(people, employee, make_report,
                                                           django_capture_on_commit_callbacks):
    StaffPreference.objects.create(user=people["verifier"], daily_digest=True, language="en")
    colleague = make_user("verifikator2", "verifier")
    colleague.email = "v2@kaltimprov.go.id"
    colleague.save()
    StaffPreference.objects.create(user=colleague, daily_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        first = make_report(conduct="2024-12-13", received="2024-12-16")
        second = make_report(conduct="2024-12-13", received="2024-12-16", subject="Rina")
        scan_deadlines(today=D("2024-12-22"))  # both verification deadlines (23 Dec) are near
    assert subjects("verifier@kaltimprov.go.id") == []  # nothing single
    held = Message.objects.filter(recipient_user=people["verifier"], status="held")
    assert held.count() == 4

    with django_capture_on_commit_callbacks(execute=True):
        digests = send_digests()
    assert len(digests) == 2  # one per person
    assert subjects("verifier@kaltimprov.go.id") == ["Netra digest: 4 notifications"]
    assert subjects("v2@kaltimprov.go.id") == ["Ringkasan Netra: 4 pemberitahuan"]
    body = [m for m in mail.outbox if m.to == ["verifier@kaltimprov.go.id"]][0].body
    for case in (first.case, second.case):
        assert f"Case {case.code} is in your queue" in body and f"Case {case.code} deadline" in body
    mine = next(d for d in digests if d.recipient_user == people["verifier"])
    assert Message.objects.filter(status="batched", digest=mine, recipient_user=people["verifier"]).count() == 4
    assert Message.objects.filter(status="held").count() == 0
    assert send_digests() == []  # nothing left to fold
    # The digest itself travels through the outbox like any message.
    assert Message.objects.get(pk=mine.pk).status == "sent"


def test_staff_without_an_address_get_no_rows(people, make_report):
    people["verifier"].email = ""
    people["verifier"].save()
    make_report()
    assert not Message.objects.filter(recipient_user=people["verifier"]).exists()


def test_claim_is_exclusive_and_a_sent_message_is_not_sent_again(people, make_report):
    make_report()
    message = Message.objects.get(recipient_user=people["verifier"])
    now = timezone.now()
    assert outbox.claim(message.pk, now) is True
    assert outbox.claim(message.pk, now) is False  # a second worker loses the conditional UPDATE
    # A claim abandoned by a dead worker is taken over after the timeout.
    assert outbox.claim(message.pk, now + outbox.CLAIM_TIMEOUT + dt.timedelta(seconds=1)) is True
    Message.objects.filter(pk=message.pk).update(status="pending", next_attempt_at=now)
    assert outbox.deliver(message.pk, now) == "sent"
    assert outbox.deliver(message.pk, now) == "skipped"
    assert len(subjects("verifier@kaltimprov.go.id")) == 1


def test_preferences_page_saves_only_the_own_row(client, people, gateway):
    client.force_login(people["bawaslu"])
    page = client.get(reverse("notifications:preferences"))
    assert page.status_code == 200 and 'value="whatsapp"' in page.content.decode()
    bad = client.post(reverse("notifications:preferences"), {"channel": "whatsapp", "phone": "12", "language": "id"})
    assert bad.status_code == 400 and "Nomor telepon tidak valid" in bad.content.decode()
    assert not StaffPreference.objects.exists()
    ok = client.post(reverse("notifications:preferences"), {"channel": "whatsapp", "phone": "0811 222 3333",
                                                            "language": "en", "daily_digest": "on"})
    assert ok.status_code == 302
    pref = StaffPreference.objects.get()
    assert pref.user == people["bawaslu"] and pref.phone == "+628112223333" and pref.daily_digest


def test_admin_edits_preferences_and_reads_the_outbox(client, people, make_report):
    make_report()
    client.force_login(people["admin"])
    assert client.get(reverse("admin:notifications_staffpreference_add")).status_code == 200
    listing = client.get(reverse("admin:notifications_message_changelist"))
    assert listing.status_code == 200 and "staff_new_case" in listing.content.decode()


def test_a_notification_fault_never_blocks_the_transition(people, make_report, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("template exploded")

    monkeypatch.setattr("netra.notifications.services.render", broken)  # fault injection
    report = make_report()  # the verifiers' "new case" message cannot be rendered
    assert report.case.status == "received" and report.case.events.filter(kind="received").exists()
    assert "could not be written" in caplog.text
    case = services.start_verification(report.case, people["verifier"])
    services.dismiss(case, people["verifier"], "rejected", "Bukan ASN")
    case.refresh_from_db()
    assert case.status == "rejected"
    assert not Message.objects.exists()


def _statements_after_the_event_insert(make_report) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        make_report()
    sql = [q["sql"] for q in queries.captured_queries]
    event_insert = next(i for i, s in enumerate(sql) if s.startswith('INSERT INTO "cases_caseevent"'))
    return [s for s in sql[event_insert + 1:] if not s.startswith(("SAVEPOINT", "RELEASE"))]


def test_messages_of_a_new_case_cost_one_insert_after_the_event_however_many_verifiers(people, make_report):
    """The event's turn on the hash chain lasts until commit: recipients and texts are prepared before
    it, so ten verifiers cost the other writers one INSERT, as one does."""
    one = _statements_after_the_event_insert(make_report)
    for i in range(9):
        user = make_user(f"verifikator{i}", Role.VERIFIER)
        user.email = f"v{i}@kaltimprov.go.id"
        user.save(update_fields=["email"])
    ten = _statements_after_the_event_insert(make_report)
    assert len(one) == len(ten) == 1, ten
    assert ten[0].startswith('INSERT INTO "notifications_message"')
    last = Message.objects.filter(topic="staff_new_case").order_by("-id")[:10]
    assert len({m.recipient_user_id for m in last}) == 10
    assert all(m.dedup_key == f"u:{m.recipient_user_id}:e:{m.event_id}" for m in last)


def test_the_messages_of_one_event_go_to_the_broker_as_one_task(people, make_report,
                                                                django_capture_on_commit_callbacks):
    for i in range(2):
        user = make_user(f"verifikator{i}", Role.VERIFIER)
        user.email = f"v{i}@kaltimprov.go.id"
        user.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = make_report()
    assert len(callbacks) == 1  # one broker message for three recipients
    code = report.case.code
    for to in ("verifier@kaltimprov.go.id", "v0@kaltimprov.go.id", "v1@kaltimprov.go.id"):
        assert subjects(to) == [f"Kasus {code} masuk antrean Anda"]
