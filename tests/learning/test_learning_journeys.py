"""Issue 12 item 8: civil servants find the quizzes, the timer reads mm:ss, the review explains the
rule, and printed links follow the address the site is served on when SITE_URL is unset."""

import re

from django.test import override_settings
from django.urls import reverse

from netra.learning import services
from netra.learning.models import Certificate
from netra.learning.templatetags.learning_tags import mmss
from tests.learning.conftest import answers_for


def test_belajar_invites_civil_servants_to_the_quizzes(client, reference, people):
    page = client.get(reverse("learning:modules")).content.decode()
    assert 'id="quiz-invite"' in page and f"?next={reverse('learning:my_quizzes')}" in page
    # Logging in through that link lands an ASN on their quizzes.
    response = client.post(reverse("desk:login") + f"?next={reverse('learning:my_quizzes')}",
                           {"username": "asn", "password": "rahasia-uji-123",
                            "next": reverse("learning:my_quizzes")})
    assert response.status_code == 302 and response["Location"] == reverse("learning:my_quizzes")
    client.force_login(people["asn"])
    assert 'id="quiz-invite"' not in client.get(reverse("learning:modules")).content.decode()


def test_timer_reads_minutes_and_seconds(client, asn_employee, people, make_quiz):
    assert mmss(1199) == "19:59" and mmss(60) == "1:00" and mmss(-3) == "0:00" and mmss(None) == ""
    quiz = make_quiz(count=3, time_limit_minutes=20)
    client.force_login(people["asn"])
    response = client.post(reverse("learning:start", args=[quiz.code]))
    page = client.get(response.url).content.decode()
    shown = re.search(r'id="timer" data-seconds="(\d+)">([^<]+)<', page)
    assert re.fullmatch(r"\d{1,2}:\d\d", shown.group(2)) and "detik" not in page


def test_review_explains_each_rule(client, asn_employee, people, make_quiz):
    quiz = make_quiz(count=4)
    attempt = services.start_attempt(quiz, people["asn"])
    services.submit_attempt(attempt, answers_for(attempt, correct=2), people["asn"])
    client.force_login(people["asn"])
    page = client.get(reverse("learning:result", args=[attempt.code])).content.decode()
    explained = re.findall(r'<p class="rule-explained">(.*?)</p>', page, re.S)
    assert len(explained) == 4
    for text in explained:
        assert ("Pelanggaran" in text) or ("Boleh" in text), text


def test_links_follow_the_request_when_site_url_is_unset(client, asn_employee, people, make_quiz, settings):
    quiz = make_quiz(count=3)
    attempt = services.start_attempt(quiz, people["asn"])
    services.submit_attempt(attempt, answers_for(attempt), people["asn"])
    cert = Certificate.objects.get()
    settings.SITE_URL_CONFIGURED = False
    pdf = client.get(reverse("learning:certificate_pdf", args=[cert.code]), HTTP_HOST="127.0.0.1:8123")
    assert f"http://127.0.0.1:8123/verifikasi/sertifikat/{cert.code}/".encode() in pdf.content
    assert b"127.0.0.1:8000" not in pdf.content
    with override_settings(SITE_URL="https://netra.kaltimprov.go.id", SITE_URL_CONFIGURED=True):
        pdf = client.get(reverse("learning:certificate_pdf", args=[cert.code]), HTTP_HOST="127.0.0.1:8123")
        assert f"https://netra.kaltimprov.go.id/verifikasi/sertifikat/{cert.code}/".encode() in pdf.content
