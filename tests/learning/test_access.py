"""Who may open each learning and duty-letter page (the site-wide table leaves these to us)."""

import datetime as dt

import pytest
from django.urls import get_resolver, reverse

from netra.duty import services as duty
from netra.learning import services
from tests.test_site_access import LOGIN, ROLES, _names, row

from .conftest import answers_for


def staff_only(allowed):
    table = row(403, anonymous=LOGIN)
    table.update(dict.fromkeys(allowed, 200))
    return table


TRAINER = staff_only(["trainer", "admin"])
LETTER_READERS = staff_only(["ppk", "verifier", "bawaslu", "supervisor", "admin", "asn"])
ACCESS = {
    "learning:modules": row(200),
    "learning:module": row(200),
    "learning:self_check": row(200),
    "learning:calendar": row(200),
    "learning:webinars": row(200),
    "learning:webinar_register": row(200),
    "learning:verify_certificate": row(200),
    "learning:verify_certificate_lookup": row(200),  # the form to type a code by hand
    "learning:certificate_pdf": row(200),  # the unguessable code is the credential
    "learning:my_quizzes": staff_only(["asn", "admin"]),
    "learning:attempt": staff_only(["asn"]),  # only the ASN who started it, not even an admin
    "learning:result": staff_only(["asn"]),
    "learning:trainer": TRAINER,
    "learning:quiz_new": TRAINER,
    "learning:quiz_detail": TRAINER,
    "learning:quiz_edit": TRAINER,
    "learning:certificates": TRAINER,
    "learning:certificate_revoke": TRAINER,  # GET is the confirm page; the POST revokes
    "learning:webinar_new": TRAINER,
    "learning:webinar_detail": TRAINER,
    "learning:coverage": staff_only(["trainer", "admin", "supervisor"]),
    "duty:list": staff_only(["ppk", "ppk_other", "verifier", "bawaslu", "supervisor", "admin", "asn"]),
    "duty:new": staff_only(["ppk", "ppk_other", "admin"]),  # the issuing office registers, not the ASN
    "duty:detail": LETTER_READERS,  # ppk_other: the letter's employee is not of their government
    "duty:pdf": LETTER_READERS,
    "duty:verify": row(200),
    "duty:verify_lookup": row(200),
}
POST_ONLY = {"learning:start", "learning:quiz_action", "learning:webinar_certificates", "duty:revoke"}


@pytest.fixture
def objects(people, employee, make_quiz):
    employee.user = people["asn"]
    employee.save()
    quiz = make_quiz(count=3)
    done = services.start_attempt(quiz, people["asn"])
    done = services.submit_attempt(done, answers_for(done), people["asn"])
    running = services.start_attempt(make_quiz(count=3, title="Kuis kedua"), people["asn"])
    webinar = services.create_webinar(services.WebinarInput(
        title="Webinar", starts_at=dt.datetime(2030, 1, 1, 9, tzinfo=dt.UTC),
        ends_at=dt.datetime(2030, 1, 1, 11, tzinfo=dt.UTC)), people["trainer"])
    letter = duty.register_letter(duty.LetterInput(
        employee=employee, letter_number="1/ST", event="Debat", place="Samarinda", date_from=dt.date(2024, 11, 1),
        date_to=dt.date(2024, 11, 1), purpose="Tugas", issuing_official="Kepala"), people["ppk"])
    return {"learning:module": ["yang-boleh"], "learning:webinar_register": [webinar.code],
            "learning:verify_certificate": [done.certificate.code], "learning:certificate_pdf": [
                done.certificate.code], "learning:attempt": [running.code], "learning:result": [done.code],
            "learning:quiz_detail": [quiz.code], "learning:quiz_edit": [quiz.code],
            "learning:certificate_revoke": [done.certificate.code], "learning:webinar_detail": [webinar.code],
            "duty:detail": [letter.code], "duty:pdf": [letter.code], "duty:verify": [letter.code]}


@pytest.mark.parametrize("name", list(ACCESS))
def test_access(name, client, people, objects):
    url = reverse(name, args=objects.get(name, []))
    wrong = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(people[role])
        response = client.get(url)
        got = response.status_code
        if got == 302 and response["Location"].startswith(reverse("desk:login")):
            got = LOGIN
        if got != ACCESS[name][role]:
            wrong.append(f"{role}: expected {ACCESS[name][role]}, got {got}")
    assert not wrong, f"{name} {url}\n" + "\n".join(wrong)


def test_table_covers_every_learning_and_duty_url():
    names = {n for n in _names(get_resolver()) if n.startswith(("learning:", "duty:"))}
    assert names == set(ACCESS) | POST_ONLY
