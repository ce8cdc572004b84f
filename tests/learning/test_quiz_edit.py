"""Trainers edit a quiz's settings; bad input changes nothing; attempts already taken keep their
own score and pass result, and the grading rules lock once anyone has started."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from netra.learning import services
from netra.learning.models import Attempt, Certificate, LearningEvent, Question, Quiz

from .conftest import answers_for

FIELDS = ["title", "description", "topics", "question_count", "pass_mark", "opens_at", "closes_at",
          "time_limit_minutes", "max_attempts", "status", "counts_for_coverage"]
LOCAL = "%Y-%m-%dT%H:%M"


def edit_url(quiz):
    return reverse("learning:quiz_edit", args=[quiz.code])


def form_data(quiz, **changes) -> dict:
    """What the edit page posts when the trainer changes nothing but `changes`."""
    data = {"title": quiz.title, "description": quiz.description, "topics": list(quiz.topics),
            "question_count": quiz.question_count, "pass_mark": quiz.pass_mark,
            "opens_at": timezone.localtime(quiz.opens_at).strftime(LOCAL),
            "closes_at": timezone.localtime(quiz.closes_at).strftime(LOCAL),
            "time_limit_minutes": quiz.time_limit_minutes, "max_attempts": quiz.max_attempts}
    data.update(changes)
    return data


def snapshot(quiz) -> dict:
    quiz.refresh_from_db()
    return model_to_dict(quiz, fields=FIELDS)


def attempt_rows(quiz) -> list:
    return list(quiz.attempts.order_by("pk").values_list("state", "score", "passed", "correct", "total",
                                                         "question_ids", "expires_at"))


def updates(quiz):
    return LearningEvent.objects.filter(kind="quiz_updated", subject=quiz.code)


def test_roles(client, people, make_quiz):
    quiz = make_quiz(publish=False)
    before = snapshot(quiz)
    response = client.get(edit_url(quiz))
    assert response.status_code == 302 and response["Location"].startswith(reverse("desk:login"))
    client.force_login(people["asn"])
    assert client.get(edit_url(quiz)).status_code == 403
    assert client.post(edit_url(quiz), form_data(quiz, title="Diubah ASN")).status_code == 403
    client.force_login(people["supervisor"])
    assert client.post(edit_url(quiz), form_data(quiz, title="Diubah pimpinan")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.update_quiz(quiz, services.QuizInput(**{**form_data(quiz), "title": "Lewat layanan",
                                                         "opens_at": quiz.opens_at, "closes_at": quiz.closes_at}),
                             people["asn"])
    assert snapshot(quiz) == before and not updates(quiz).exists()
    for role in ("trainer", "admin"):
        client.force_login(people[role])
        page = client.get(edit_url(quiz))
        assert page.status_code == 200 and 'id="quiz-edit-form"' in page.content.decode()
    # reached from the quiz page
    assert f'href="{edit_url(quiz)}"' in client.get(reverse("learning:quiz_detail", args=[quiz.code])).content.decode()


def test_edit_happy_path(client, people, make_quiz):
    quiz = make_quiz(count=5, pass_mark=80, publish=False)
    closes = timezone.localtime() + dt.timedelta(days=14)
    client.force_login(people["trainer"])
    response = client.post(edit_url(quiz), form_data(
        quiz, title="Kuis netralitas 2025", description="Untuk semua ASN.", topics=["ethics", "discipline"],
        question_count=7, pass_mark=75, closes_at=closes.strftime(LOCAL), time_limit_minutes=20, max_attempts=3))
    assert response.status_code == 302 and response["Location"] == reverse("learning:quiz_detail", args=[quiz.code])
    quiz.refresh_from_db()
    assert (quiz.title, quiz.description, quiz.topics, quiz.question_count, quiz.pass_mark,
            quiz.time_limit_minutes, quiz.max_attempts) == (
        "Kuis netralitas 2025", "Untuk semua ASN.", ["ethics", "discipline"], 7, 75, 20, 3)
    assert timezone.localtime(quiz.closes_at).strftime(LOCAL) == closes.strftime(LOCAL)
    assert quiz.status == Quiz.Status.DRAFT and quiz.counts_for_coverage
    event = updates(quiz).get()
    assert event.actor == people["trainer"]
    assert event.data["changes"]["pass_mark"] == [80, 75]
    assert "opens_at" not in event.data["changes"]  # shown to the minute, but not changed
    detail = client.get(response["Location"]).content.decode()
    assert "Kuis netralitas 2025" in detail and "Pengaturan kuis disimpan." in detail


def test_resending_the_form_unchanged_writes_nothing(client, people, make_quiz):
    quiz = make_quiz(publish=True)
    before = snapshot(quiz)
    client.force_login(people["trainer"])
    assert client.post(edit_url(quiz), form_data(quiz)).status_code == 302
    assert snapshot(quiz) == before and not updates(quiz).exists()


@pytest.mark.parametrize("pass_mark,message", [
    ("0", "Nilai lulus harus 1–100."),
    ("101", "Nilai lulus harus 1–100."),
    ("tujuh puluh", "Nilai lulus harus berupa bilangan bulat 1–100."),
    ("", "Nilai lulus wajib diisi."),
])
def test_bad_pass_mark_changes_nothing(client, people, make_quiz, pass_mark, message):
    quiz = make_quiz(pass_mark=80, publish=False)
    before = snapshot(quiz)
    client.force_login(people["trainer"])
    response = client.post(edit_url(quiz), form_data(quiz, title="Judul baru", pass_mark=pass_mark))
    body = response.content.decode()
    assert response.status_code == 400 and message in body
    assert 'id="field-pass_mark"' in body and "errorlist" in body
    assert snapshot(quiz) == before and not updates(quiz).exists()


def test_service_errors_land_on_the_form(client, people, make_quiz):
    quiz = make_quiz(topics=["sanctions"], count=2, publish=False)
    before = snapshot(quiz)
    pool = Question.objects.filter(topic="sanctions", is_active=True).count()
    client.force_login(people["trainer"])
    response = client.post(edit_url(quiz), form_data(quiz, question_count=pool + 1))
    assert response.status_code == 400
    assert f"Bank soal untuk topik ini hanya berisi {pool} soal." in response.content.decode()
    response = client.post(edit_url(quiz), form_data(
        quiz, closes_at=timezone.localtime(quiz.opens_at - dt.timedelta(days=1)).strftime(LOCAL)))
    assert response.status_code == 400 and "Waktu tutup harus setelah waktu buka." in response.content.decode()
    response = client.post(edit_url(quiz), form_data(quiz, title="   "))
    assert response.status_code == 400
    assert snapshot(quiz) == before and not updates(quiz).exists()


def test_existing_attempts_keep_their_results(client, asn_employee, people, make_quiz):
    quiz = make_quiz(count=5, pass_mark=80, time_limit_minutes=30)
    failed = services.start_attempt(quiz, people["asn"])
    services.submit_attempt(failed, answers_for(failed, 3), people["asn"])  # 60: fails at 80
    passed = services.start_attempt(quiz, people["asn"])
    services.submit_attempt(passed, answers_for(passed, 4), people["asn"])  # 80: passes at 80
    running = services.start_attempt(quiz, people["asn"])
    cert = Certificate.objects.get()
    attempts_before = attempt_rows(quiz)
    cert_before = (cert.title, cert.detail, cert.revoked_at)
    before = snapshot(quiz)

    client.force_login(people["trainer"])
    page = client.get(edit_url(quiz)).content.decode()
    assert "Terkunci" in page and 'name="pass_mark"' in page and "disabled" in page
    # a browser cannot send the disabled fields; a crafted POST with them is ignored
    closes = timezone.localtime(quiz.closes_at + dt.timedelta(days=7))
    response = client.post(edit_url(quiz), form_data(
        quiz, title="Judul baru", closes_at=closes.strftime(LOCAL), time_limit_minutes=5, pass_mark=50,
        question_count=3, topics=["ethics"]))
    assert response.status_code == 302
    quiz.refresh_from_db()
    assert (quiz.title, quiz.time_limit_minutes) == ("Judul baru", 5)
    assert (quiz.pass_mark, quiz.question_count, quiz.topics) == (
        before["pass_mark"], before["question_count"], before["topics"])
    assert set(updates(quiz).get().data["changes"]) == {"title", "closes_at", "time_limit_minutes"}
    assert attempt_rows(quiz) == attempts_before  # nobody re-graded, the running deadline stays
    cert.refresh_from_db()
    assert (cert.title, cert.detail, cert.revoked_at) == cert_before

    # the service refuses the grading fields outright (API, shell), naming the field
    for field, value in (("pass_mark", 50), ("question_count", 3), ("topics", ["ethics"])):
        data = services.QuizInput(**{**form_data(quiz), field: value, "opens_at": quiz.opens_at,
                                     "closes_at": quiz.closes_at})
        with pytest.raises(ValidationError) as exc:
            services.update_quiz(quiz, data, people["trainer"])
        assert field in exc.value.message_dict and "sudah dikerjakan (3 percobaan)" in exc.value.message_dict[field][0]
    quiz.refresh_from_db()
    assert quiz.pass_mark == 80 and updates(quiz).count() == 1

    # the running attempt is still graded by the pass mark it started under
    done = services.submit_attempt(running, answers_for(running, 4), people["asn"])
    assert (done.score, done.passed) == (80, True)


def test_window_cannot_open_after_the_first_attempt(client, asn_employee, people, make_quiz):
    quiz = make_quiz(count=3)
    services.start_attempt(quiz, people["asn"])
    before = snapshot(quiz)
    client.force_login(people["trainer"])
    later = timezone.localtime() + dt.timedelta(hours=1)
    response = client.post(edit_url(quiz), form_data(quiz, opens_at=later.strftime(LOCAL)))
    assert response.status_code == 400
    assert "Waktu buka tidak boleh setelah percobaan pertama dimulai" in response.content.decode()
    assert snapshot(quiz) == before and not updates(quiz).exists()
    assert Attempt.objects.filter(quiz=quiz).count() == 1


def test_admin_locks_grading_fields_once_attempted(asn_employee, people, make_quiz):
    """The Django admin may not bypass the lock that update_quiz enforces."""
    from django.contrib.admin.sites import site

    quiz = make_quiz(count=3)
    model_admin = site._registry[Quiz]
    assert not set(services.GRADING_FIELDS) & set(model_admin.get_readonly_fields(None, quiz))
    services.start_attempt(quiz, people["asn"])
    assert set(services.GRADING_FIELDS) <= set(model_admin.get_readonly_fields(None, quiz))
