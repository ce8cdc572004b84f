"""Trainer builds a quiz; ASN takes it with a random draw, passes or fails; certificates."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from netra.learning import services
from netra.learning.models import Attempt, Certificate, LearningEvent, Question, Quiz

from .conftest import answers_for


def test_create_quiz_checks_role_and_pool(people, make_quiz):
    now = timezone.now()
    data = services.QuizInput(title="Kuis", topics=["sanctions"], question_count=5, pass_mark=70,
                              opens_at=now, closes_at=now + dt.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        services.create_quiz(data, people["asn"])
    pool = Question.objects.filter(topic="sanctions", is_active=True).count()
    data.question_count = pool + 1
    with pytest.raises(ValidationError) as exc:
        services.create_quiz(data, people["trainer"])
    assert "question_count" in exc.value.message_dict
    data.question_count, data.closes_at = 3, now - dt.timedelta(hours=1)
    with pytest.raises(ValidationError) as exc:
        services.create_quiz(data, people["trainer"])
    assert "closes_at" in exc.value.message_dict
    quiz = make_quiz(topics=["sanctions"], count=3, publish=False)
    assert quiz.status == Quiz.Status.DRAFT
    services.publish_quiz(quiz, people["trainer"])
    quiz.refresh_from_db()
    assert quiz.status == Quiz.Status.PUBLISHED
    assert list(LearningEvent.objects.filter(subject=quiz.code).values_list("kind", flat=True)) == [
        "quiz_published", "quiz_created"]


def test_draw_is_random_from_chosen_topics(asn_employee, people, make_quiz):
    quiz = make_quiz(topics=["ethics", "social_media"], count=6)
    first = services.start_attempt(quiz, people["asn"])
    topics = set(Question.objects.filter(id__in=first.question_ids).values_list("topic", flat=True))
    assert topics <= {"ethics", "social_media"} and len(first.question_ids) == 6
    assert len(set(first.question_ids)) == 6
    # starting again while the attempt runs resumes it, no new draw
    assert services.start_attempt(quiz, people["asn"]).pk == first.pk
    services.submit_attempt(first, answers_for(first, 0), people["asn"])
    draws = {tuple(first.question_ids)}
    for _ in range(3):
        attempt = services.start_attempt(quiz, people["asn"])
        draws.add(tuple(attempt.question_ids))
        services.submit_attempt(attempt, answers_for(attempt, 0), people["asn"])
    assert len(draws) > 1  # 20 questions choose 6: four equal draws would be a broken RNG


def test_pass_issues_one_certificate_and_fail_none(asn_employee, people, make_quiz):
    quiz = make_quiz(count=5, pass_mark=80)
    failed = services.start_attempt(quiz, people["asn"])
    failed = services.submit_attempt(failed, answers_for(failed, 3), people["asn"])
    assert (failed.score, failed.passed) == (60, False)
    assert not Certificate.objects.exists()
    passed = services.start_attempt(quiz, people["asn"])
    passed = services.submit_attempt(passed, answers_for(passed, 4), people["asn"])
    assert (passed.score, passed.passed, passed.correct, passed.total) == (80, True, 4, 5)
    cert = Certificate.objects.get()
    assert cert.attempt == passed and cert.holder_name == "Budi Santoso" and cert.code.startswith("SRT-")
    again = services.start_attempt(quiz, people["asn"])
    services.submit_attempt(again, answers_for(again), people["asn"])
    assert Certificate.objects.count() == 1
    history = list(Attempt.objects.filter(user=people["asn"]).order_by("started_at").values_list("score", flat=True))
    assert history == [60, 80, 100]


def test_attempt_rules(asn_employee, people, make_quiz, employee):
    quiz = make_quiz(count=3, max_attempts=1, time_limit_minutes=10)
    with pytest.raises(PermissionDenied):
        services.start_attempt(quiz, people["trainer"])
    attempt = services.start_attempt(quiz, people["asn"])
    with pytest.raises(PermissionDenied):
        services.submit_attempt(attempt, {}, people["verifier"])
    late = attempt.started_at + dt.timedelta(minutes=12)
    attempt = services.submit_attempt(attempt, answers_for(attempt), people["asn"], at=late)
    assert attempt.state == Attempt.State.EXPIRED and not attempt.passed
    with pytest.raises(ValidationError):
        services.start_attempt(quiz, people["asn"])  # max_attempts=1
    closed = make_quiz(count=3, opens_at=timezone.now() + dt.timedelta(days=1),
                       closes_at=timezone.now() + dt.timedelta(days=2))
    with pytest.raises(ValidationError):
        services.start_attempt(closed, people["asn"])
    employee.user = None
    employee.save()
    with pytest.raises(ValidationError):
        services.start_attempt(make_quiz(count=3), people["asn"])


def test_choices_shuffled_but_scored_by_original_index(asn_employee, people, make_quiz):
    quiz = make_quiz(count=10)
    attempt = services.start_attempt(quiz, people["asn"])
    shown = services.attempt_questions(attempt)
    assert [q.pk for q, _ in shown] == attempt.question_ids
    for q, choices in shown:
        assert sorted(i for i, _ in choices) == list(range(len(q.choices)))
        assert dict(choices) == dict(enumerate(q.choices))


def test_quiz_through_pages(client, asn_employee, people):
    client.force_login(people["trainer"])
    now = timezone.localtime()
    response = client.post(reverse("learning:quiz_new"), {
        "title": "Kuis halaman", "topics": ["allowed", "discipline"], "question_count": 4, "pass_mark": 75,
        "opens_at": (now - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "time_limit_minutes": 15, "max_attempts": 0, "publish": "on"})
    quiz = Quiz.objects.get(title="Kuis halaman")
    assert response.status_code == 302 and quiz.status == "published" and quiz.topics == ["allowed", "discipline"]
    client.force_login(people["asn"])
    assert client.get(reverse("learning:trainer")).status_code == 403
    page = client.get(reverse("learning:my_quizzes"))
    assert "Kuis halaman" in page.content.decode()
    response = client.post(reverse("learning:start", args=[quiz.code]))
    attempt = Attempt.objects.get()
    assert response.url == reverse("learning:attempt", args=[attempt.code])
    form = client.get(response.url).content.decode()
    assert all(f'name="q{qid}"' in form for qid in attempt.question_ids)
    right = answers_for(attempt)
    response = client.post(reverse("learning:attempt", args=[attempt.code]),
                           {f"q{qid}": str(choice) for qid, choice in right.items()})
    result = client.get(response.url).content.decode()
    cert = Certificate.objects.get()
    assert "100" in result and cert.code in result
    pdf = client.get(reverse("learning:certificate_pdf", args=[cert.code]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert services.certificate_verify_url(cert, pdf.wsgi_request).encode() in pdf.content
    client.force_login(people["verifier"])
    assert client.get(reverse("learning:attempt", args=[attempt.code])).status_code == 403


def test_verification_page_states(client, asn_employee, people, make_quiz):
    quiz = make_quiz(count=3)
    attempt = services.start_attempt(quiz, people["asn"])
    services.submit_attempt(attempt, answers_for(attempt), people["asn"])
    cert = Certificate.objects.get()
    page = client.get(f"/verifikasi/sertifikat/{cert.code}/")
    body = page.content.decode()
    assert page.status_code == 200 and 'data-state="valid"' in body
    assert "Budi S" in body and "Budi Santoso" not in body and asn_employee.nip not in body
    assert client.get(f"/verifikasi/sertifikat/{cert.code.lower()}/").status_code == 200
    forged = client.get("/verifikasi/sertifikat/SRT-0000-0000-0000-0000/")
    assert forged.status_code == 404 and "tidak ditemukan" in forged.content.decode()
    services.revoke_certificate(cert, people["trainer"], "Kecurangan terbukti.")
    body = client.get(f"/verifikasi/sertifikat/{cert.code}/").content.decode()
    assert 'data-state="revoked"' in body and "Kecurangan terbukti." in body
    assert client.get(reverse("learning:certificate_pdf", args=[cert.code])).status_code == 404
