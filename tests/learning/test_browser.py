"""In Chromium: a trainer builds a quiz, an ASN takes it, passes, downloads the certificate, and the
certificate's QR address says valid while a forged code says not found."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from netra.core.roles import Role
from netra.demo.management.commands.load_reference import load_all
from netra.learning.models import Attempt, Certificate, Question, Quiz
from netra.registry.models import Agency, Employee

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "rahasia-uji-123"


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (Debian package 'chromium')")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls in the test are still
    # synchronous, so Django's async guard is lifted while the browser runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _user(username, role):
    user = User.objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get_or_create(name=str(role))[0])
    return user


def _login(context, base, username):
    page = context.new_page()
    page.goto(base + "/desk/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def test_trainer_quiz_asn_passes_certificate_verifies(live_server, transactional_db, settings, chromium, tmp_path):
    settings.SITE_URL = live_server.url  # the QR code and printed link point at this server
    load_all()
    _user("pelatih", Role.TRAINER)
    asn = _user("asn", Role.ASN)
    agency = Agency.objects.get(code="6472-disdik")
    Employee.objects.create(employee_type="PNS", nip="198603152010011002", name="Budi Santoso", agency=agency,
                            region=agency.region, user=asn)

    # the trainer builds and publishes a quiz drawing from two topics
    trainer_ctx = chromium.new_context(locale="id-ID")
    page = _login(trainer_ctx, live_server.url, "pelatih")
    page.goto(live_server.url + "/pelatih/kuis/baru/")
    now = timezone.localtime()
    page.fill("#id_title", "Kuis Netralitas Pilkada")
    page.check("input[name=topics][value=social_media]")
    page.check("input[name=topics][value=allowed]")
    page.fill("#id_question_count", "4")
    page.fill("#id_pass_mark", "75")
    page.fill("#id_opens_at", (now - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_closes_at", (now + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"))
    page.check("#id_publish")
    page.click("#quiz-form button[type=submit]")
    assert page.locator("#quiz-status").inner_text().strip() == "Terbit"
    trainer_ctx.close()
    quiz = Quiz.objects.get()
    assert quiz.topics == ["allowed", "social_media"] and quiz.question_count == 4

    # the ASN takes it, answering every drawn question right
    asn_ctx = chromium.new_context(locale="id-ID", accept_downloads=True)
    page = _login(asn_ctx, live_server.url, "asn")
    page.goto(live_server.url + "/kuis/")
    page.click(f".quiz[data-code='{quiz.code}'] button[type=submit]")
    page.wait_for_selector("#attempt-form")
    attempt = Attempt.objects.get()
    assert page.locator("fieldset.question").count() == 4
    assert re.fullmatch(r"\d{1,2}:\d\d", page.locator("#timer").inner_text().strip())  # mm:ss, not seconds
    # On a phone every question's text stays inside its card (issue 12 item 8): a long legend used to
    # sit on the card's top border, which then ran through the question text.
    page.set_viewport_size({"width": 390, "height": 844})
    for box in page.locator("fieldset.question").all():
        card, legend = box.bounding_box(), box.locator("legend").bounding_box()
        assert legend["y"] >= card["y"] + 4  # below the border, not on it
        assert legend["x"] >= card["x"] and legend["x"] + legend["width"] <= card["x"] + card["width"] + 1
        first_choice = box.locator("label").first.bounding_box()
        assert first_choice["y"] >= legend["y"] + legend["height"] - 1  # the text does not run into the choices
    for qid in attempt.question_ids:
        question = Question.objects.get(pk=qid)
        assert question.topic in {"allowed", "social_media"}
        page.check(f"input[name=q{qid}][value='{question.answer}']")
    page.click("#submit-attempt")
    page.wait_for_selector("#result")
    assert page.locator("#result").get_attribute("data-passed") == "1"
    code = page.locator("#certificate-code").inner_text().strip()
    assert Certificate.objects.get().code == code

    with page.expect_download() as info:
        page.click("#download-certificate")
    pdf_path = tmp_path / "sertifikat.pdf"
    info.value.save_as(pdf_path)
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF") and code.encode() in pdf
    verify_url = re.search(rb"(http://[^\s()]+/verifikasi/sertifikat/[A-Z0-9-]+/)", pdf).group(1).decode()
    assert verify_url == f"{live_server.url}/verifikasi/sertifikat/{code}/"

    # the address in the QR code says valid; a forged code says not found
    public = chromium.new_context(locale="id-ID").new_page()
    response = public.goto(verify_url)
    assert response.status == 200
    assert public.locator("#certificate-state").get_attribute("data-state") == "valid"
    assert "SAH" in public.locator("#certificate-state").inner_text()
    forged = public.goto(live_server.url + "/verifikasi/sertifikat/SRT-7KQ2-M9XD-4HRT-0000/")
    assert forged.status == 404 and "tidak ditemukan" in public.content()
    public.context.close()
    asn_ctx.close()
