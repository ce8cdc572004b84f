"""Every state change of learning records, each in one function and one transaction.

Quizzes (trainer), attempts (ASN), certificates, webinars with registration and attendance import,
and the election-stage reminder. Each function checks the move, writes the change and its
LearningEvent row together, and returns the changed object. Views, the API, tasks and the demo
seed all call these functions.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.core.links import site_url
from netra.core.permissions import TRAINER_ROLES
from netra.core.roles import Role, has_role
from netra.registry.models import Employee
from netra.registry.people import employee_of
from netra.rules.models import ContestStage

from . import attendance
from .models import (
    Attempt,
    AttendanceImport,
    Certificate,
    LearningEvent,
    Question,
    Quiz,
    Registration,
    StageReminder,
    Topic,
    Webinar,
)

log = logging.getLogger(__name__)
# A page submitted a little after the timer ran out (slow network) still counts.
SUBMIT_GRACE = dt.timedelta(seconds=60)
_rng = random.SystemRandom()


def _now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def _require(actor, *roles) -> None:
    if actor is not None and not has_role(actor, *roles):
        raise PermissionDenied(_("Peran Anda tidak berwenang untuk langkah ini."))


def _log(kind: str, subject: str, at: dt.datetime, actor=None, **data) -> LearningEvent:
    return LearningEvent.objects.create(kind=kind, subject=subject, at=at, actor=actor, data=data)


def certificate_verify_url(cert: Certificate, request=None) -> str:
    return site_url(reverse("learning:verify_certificate", args=[cert.code]), request)


def certificate_pdf_url(cert: Certificate) -> str:
    return site_url(reverse("learning:certificate_pdf", args=[cert.code]))


# ---------------------------------------------------------------------------------------------
# quizzes (trainer)


def question_pool(topics) -> list[int]:
    return list(Question.objects.filter(is_active=True, topic__in=list(topics)).values_list("id", flat=True))


@dataclass
class QuizInput:
    title: str
    topics: list[str]
    question_count: int
    pass_mark: int
    opens_at: dt.datetime
    closes_at: dt.datetime
    time_limit_minutes: int = 30
    max_attempts: int = 0
    description: str = ""
    counts_for_coverage: bool = True


def _check_quiz(data: QuizInput) -> dict:
    errors = {}
    if not (data.title or "").strip():
        errors["title"] = _("Judul wajib diisi.")
    unknown = set(data.topics) - set(Topic.values)
    if not data.topics or unknown:
        errors["topics"] = _("Pilih minimal satu topik yang dikenal.")
    pool = len(question_pool(data.topics)) if not unknown else 0
    if data.question_count < 1:
        errors["question_count"] = _("Jumlah soal minimal 1.")
    elif data.topics and not unknown and data.question_count > pool:
        errors["question_count"] = _("Bank soal untuk topik ini hanya berisi %(n)s soal.") % {"n": pool}
    if not 1 <= data.pass_mark <= 100:
        errors["pass_mark"] = _("Nilai lulus harus 1–100.")
    if data.closes_at <= data.opens_at:
        errors["closes_at"] = _("Waktu tutup harus setelah waktu buka.")
    if data.time_limit_minutes < 1:
        errors["time_limit_minutes"] = _("Batas waktu minimal 1 menit.")
    return errors


def create_quiz(data: QuizInput, actor, publish: bool = False, at: dt.datetime | None = None) -> Quiz:
    _require(actor, *TRAINER_ROLES)
    at = _now(at)
    errors = _check_quiz(data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        quiz = Quiz.objects.create(
            title=data.title.strip(), description=data.description.strip(), topics=list(data.topics),
            question_count=data.question_count, pass_mark=data.pass_mark, opens_at=data.opens_at,
            closes_at=data.closes_at, time_limit_minutes=data.time_limit_minutes,
            max_attempts=data.max_attempts, counts_for_coverage=data.counts_for_coverage,
            created_by=actor, created_at=at,
        )
        _log(LearningEvent.Kind.QUIZ_CREATED, quiz.code, at, actor, topics=quiz.topics,
             question_count=quiz.question_count, pass_mark=quiz.pass_mark)
        if publish:
            quiz = _publish(quiz, actor, at)
    return quiz


def _publish(quiz: Quiz, actor, at) -> Quiz:
    if quiz.status != Quiz.Status.DRAFT:
        raise ValidationError(_("Hanya kuis berstatus draf yang dapat diterbitkan."))
    quiz.status = Quiz.Status.PUBLISHED
    quiz.published_at = at
    quiz.save(update_fields=["status", "published_at"])
    _log(LearningEvent.Kind.QUIZ_PUBLISHED, quiz.code, at, actor)
    return quiz


@transaction.atomic
def publish_quiz(quiz: Quiz, actor, at: dt.datetime | None = None) -> Quiz:
    _require(actor, *TRAINER_ROLES)
    quiz = Quiz.objects.select_for_update().get(pk=quiz.pk)
    return _publish(quiz, actor, _now(at))


@transaction.atomic
def close_quiz(quiz: Quiz, actor, at: dt.datetime | None = None) -> Quiz:
    _require(actor, *TRAINER_ROLES)
    at = _now(at)
    quiz = Quiz.objects.select_for_update().get(pk=quiz.pk)
    if quiz.status != Quiz.Status.PUBLISHED:
        raise ValidationError(_("Hanya kuis yang terbit yang dapat ditutup."))
    quiz.status = Quiz.Status.CLOSED
    quiz.save(update_fields=["status"])
    _log(LearningEvent.Kind.QUIZ_CLOSED, quiz.code, at, actor)
    return quiz


# What decides how an attempt is drawn and graded. Once anyone has started the quiz these stay as
# they were, so that every attempt of one quiz was taken under the same rules (see update_quiz).
GRADING_FIELDS = ("topics", "question_count", "pass_mark")
EDITABLE_FIELDS = ("title", "description", *GRADING_FIELDS, "opens_at", "closes_at", "time_limit_minutes",
                   "max_attempts")


def grading_locked(quiz: Quiz) -> bool:
    """True once any attempt (running, submitted or expired) exists for the quiz."""
    return quiz.attempts.exists()


@transaction.atomic
def update_quiz(quiz: Quiz, data: QuizInput, actor, at: dt.datetime | None = None) -> Quiz:
    """Change a quiz's settings after creation; the change and its LearningEvent are written together.

    Why the limits: an attempt stores its own drawn questions, score and `passed`, but it is graded
    against the quiz's pass mark at the moment it is submitted, and the coverage figures count every
    passed attempt of a quiz alike. So once any attempt exists (even one still running), the settings
    that decide drawing and grading (topics, number of questions, pass mark) are locked: changing
    them would make earlier and later attempts of the "same" quiz incomparable, or grade a running
    attempt by a rule announced after it began. Existing attempts are never re-graded. To change
    those rules the trainer closes the quiz and creates a new one.

    Title, description, time window, time limit and maximum attempts stay editable in every status.
    They only affect attempts started afterwards: a running attempt keeps the deadline fixed when it
    started, and issued certificates keep the title they were printed with. The window may not be
    moved to open after the first attempt already began. Status changes go through publish_quiz
    and close_quiz, and `counts_for_coverage` is not edited here because it would change past
    coverage figures.
    """
    _require(actor, *TRAINER_ROLES)
    at = _now(at)
    quiz = Quiz.objects.select_for_update().get(pk=quiz.pk)
    errors = _check_quiz(data)
    new: dict[str, Any] = {"title": (data.title or "").strip(), "description": (data.description or "").strip(),
           "topics": list(data.topics), "question_count": data.question_count, "pass_mark": data.pass_mark,
           "opens_at": data.opens_at, "closes_at": data.closes_at,
           "time_limit_minutes": data.time_limit_minutes, "max_attempts": data.max_attempts}
    if sorted(new["topics"]) == sorted(quiz.topics):
        new["topics"] = quiz.topics  # the same topics in another order are no change
    changed = [f for f in EDITABLE_FIELDS if new[f] != getattr(quiz, f)]
    if "question_count" in errors and "topics" not in changed and "question_count" not in changed:
        errors.pop("question_count")  # the bank shrank since; not something this edit can fix
    first_start = quiz.attempts.order_by("started_at").values_list("started_at", flat=True).first()
    if first_start is not None:
        n = quiz.attempts.count()
        for field in GRADING_FIELDS:
            if field in changed:
                errors[field] = _("Tidak dapat diubah karena kuis ini sudah dikerjakan (%(n)s percobaan). "
                                  "Tutup kuis ini dan buat kuis baru bila aturan penilaiannya perlu diubah.") % {
                                      "n": n}
        if "opens_at" in changed and data.opens_at > first_start and "opens_at" not in errors:
            errors["opens_at"] = _("Waktu buka tidak boleh setelah percobaan pertama dimulai (%(at)s).") % {
                "at": timezone.localtime(first_start).strftime("%d-%m-%Y %H:%M")}
    if errors:
        raise ValidationError(errors)
    if not changed:
        return quiz
    before = {f: _jsonable(getattr(quiz, f)) for f in changed}
    for field in changed:
        setattr(quiz, field, new[field])
    quiz.save(update_fields=changed)
    _log(LearningEvent.Kind.QUIZ_UPDATED, quiz.code, at, actor,
         changes={f: [before[f], _jsonable(getattr(quiz, f))] for f in changed})
    return quiz


def _jsonable(value):
    return value.isoformat() if isinstance(value, dt.datetime) else value


# ---------------------------------------------------------------------------------------------
# attempts (ASN)


def _expire_if_late(attempt: Attempt, at: dt.datetime) -> Attempt:
    if attempt.state == Attempt.State.IN_PROGRESS and at > attempt.expires_at + SUBMIT_GRACE:
        attempt.state = Attempt.State.EXPIRED
        attempt.save(update_fields=["state"])
        _log(LearningEvent.Kind.ATTEMPT_SUBMITTED, attempt.code, at, None, expired=True)
    return attempt


def start_attempt(quiz: Quiz, user, at: dt.datetime | None = None) -> Attempt:
    """Draw a fresh random set of questions for this ASN, or resume the attempt still running."""
    at = _now(at)
    if not has_role(user, Role.ASN):
        raise PermissionDenied(_("Kuis hanya untuk akun ASN."))
    employee = employee_of(user)
    if employee is None:
        raise ValidationError(_("Akun Anda belum terhubung dengan data pegawai. Hubungi BKD/BPSDM."))
    if employee.status != Employee.Status.ACTIVE:
        raise ValidationError(_("Data pegawai Anda tidak aktif."))
    with transaction.atomic():
        quiz = Quiz.objects.select_for_update().get(pk=quiz.pk)
        if not quiz.is_open_at(at):
            raise ValidationError(_("Kuis ini tidak sedang dibuka."))
        running = quiz.attempts.filter(user=user, state=Attempt.State.IN_PROGRESS).first()
        if running is not None:
            running = _expire_if_late(running, at)
            if running.state == Attempt.State.IN_PROGRESS:
                return running
        used = quiz.attempts.filter(user=user).count()
        if quiz.max_attempts and used >= quiz.max_attempts:
            raise ValidationError(_("Anda sudah memakai semua kesempatan (%(n)s kali).") % {"n": quiz.max_attempts})
        pool = question_pool(quiz.topics)
        if len(pool) < quiz.question_count:
            raise ValidationError(_("Bank soal tidak cukup untuk kuis ini. Hubungi pelatih."))
        drawn = _rng.sample(pool, quiz.question_count)
        choices = dict(Question.objects.filter(id__in=drawn).values_list("id", "choices"))
        orders = {}
        for qid in drawn:
            order = list(range(len(choices[qid])))
            _rng.shuffle(order)
            orders[str(qid)] = order
        expires = min(at + dt.timedelta(minutes=quiz.time_limit_minutes), quiz.closes_at)
        attempt = Attempt.objects.create(
            quiz=quiz, employee=employee, user=user, started_at=at, expires_at=expires,
            question_ids=drawn, results={"choice_order": orders}, total=len(drawn),
        )
        _log(LearningEvent.Kind.ATTEMPT_STARTED, attempt.code, at, user, quiz=quiz.code)
    return attempt


def attempt_questions(attempt: Attempt) -> list[tuple[Question, list[tuple[int, str]]]]:
    """The drawn questions in draw order, each with its choices in this attempt's shuffled order."""
    by_id = Question.objects.in_bulk(attempt.question_ids)
    orders = attempt.results.get("choice_order", {})
    out = []
    for qid in attempt.question_ids:
        q = by_id[qid]
        order = orders.get(str(qid), list(range(len(q.choices))))
        out.append((q, [(i, q.choices[i]) for i in order]))
    return out


def submit_attempt(attempt: Attempt, answers: dict, user, at: dt.datetime | None = None) -> Attempt:
    """Score the answers ({question id: choice index}); a pass issues the certificate."""
    at = _now(at)
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update(of=("self",)).select_related("quiz", "employee").get(pk=attempt.pk)
        if attempt.user_id != getattr(user, "pk", None):
            raise PermissionDenied(_("Ini bukan percobaan Anda."))
        if attempt.state != Attempt.State.IN_PROGRESS:
            raise ValidationError(_("Percobaan ini sudah selesai."))
        attempt = _expire_if_late(attempt, at)
        if attempt.state == Attempt.State.EXPIRED:
            return attempt
        clean = {}
        for qid in attempt.question_ids:
            raw = answers.get(qid, answers.get(str(qid)))
            try:
                clean[str(qid)] = None if raw is None or raw == "" else int(raw)
            except (TypeError, ValueError):
                clean[str(qid)] = None
        questions = Question.objects.in_bulk(attempt.question_ids)
        per_question = {str(qid): clean[str(qid)] == questions[qid].answer for qid in attempt.question_ids}
        correct = sum(per_question.values())
        attempt.answers = clean
        attempt.results = {**attempt.results, "correct": per_question}
        attempt.correct = correct
        attempt.total = len(attempt.question_ids)
        attempt.score = round(100 * correct / attempt.total) if attempt.total else 0
        attempt.passed = attempt.score >= attempt.quiz.pass_mark
        attempt.state = Attempt.State.SUBMITTED
        attempt.submitted_at = at
        attempt.save()
        _log(LearningEvent.Kind.ATTEMPT_SUBMITTED, attempt.code, at, user, quiz=attempt.quiz.code,
             score=attempt.score, passed=attempt.passed)
        if attempt.passed:
            _issue_quiz_certificate(attempt, at)
    return attempt


def _issue_quiz_certificate(attempt: Attempt, at: dt.datetime) -> Certificate:
    """One valid certificate per employee and quiz: a later pass does not issue a second one."""
    existing = Certificate.objects.filter(quiz=attempt.quiz, employee=attempt.employee, revoked_at__isnull=True).first()
    if existing is not None:
        return existing
    cert = Certificate.objects.create(
        kind=Certificate.Kind.QUIZ, holder_name=attempt.employee.name, title=attempt.quiz.title,
        detail=_("Lulus dengan nilai %(score)s (batas lulus %(mark)s)") % {
            "score": attempt.score, "mark": attempt.quiz.pass_mark},
        employee=attempt.employee, user=attempt.user, quiz=attempt.quiz, attempt=attempt, issued_at=at,
    )
    _log(LearningEvent.Kind.CERTIFICATE_ISSUED, cert.code, at, None, attempt=attempt.code, certificate_kind=cert.kind)
    return cert


def certificate_for(attempt: Attempt) -> Certificate | None:
    return Certificate.objects.filter(quiz=attempt.quiz, employee=attempt.employee,
                                      revoked_at__isnull=True).first() if attempt.passed else None


@transaction.atomic
def revoke_certificate(cert: Certificate, actor, reason: str, at: dt.datetime | None = None) -> Certificate:
    _require(actor, *TRAINER_ROLES)
    at = _now(at)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Alasan pencabutan wajib diisi.")})
    cert = Certificate.objects.select_for_update().get(pk=cert.pk)
    if cert.revoked_at is not None:
        raise ValidationError(_("Sertifikat ini sudah dicabut."))
    cert.revoked_at = at
    cert.revoke_reason = reason.strip()
    cert.save(update_fields=["revoked_at", "revoke_reason"])
    _log(LearningEvent.Kind.CERTIFICATE_REVOKED, cert.code, at, actor, reason=cert.revoke_reason)
    return cert


# ---------------------------------------------------------------------------------------------
# webinars


@dataclass
class WebinarInput:
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    min_minutes: int = 60
    description: str = ""
    speakers: str = ""
    platform: str = "Zoom"


def create_webinar(data: WebinarInput, actor, at: dt.datetime | None = None) -> Webinar:
    _require(actor, *TRAINER_ROLES)
    at = _now(at)
    errors = {}
    if not (data.title or "").strip():
        errors["title"] = _("Judul wajib diisi.")
    if data.ends_at <= data.starts_at:
        errors["ends_at"] = _("Waktu selesai harus setelah waktu mulai.")
    elif data.min_minutes < 1 or data.min_minutes > (data.ends_at - data.starts_at).total_seconds() / 60:
        errors["min_minutes"] = _("Minimal kehadiran harus antara 1 menit dan lama webinar.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        webinar = Webinar.objects.create(
            title=data.title.strip(), description=data.description.strip(), speakers=data.speakers.strip(),
            platform=data.platform.strip() or "Zoom", starts_at=data.starts_at, ends_at=data.ends_at,
            min_minutes=data.min_minutes, created_by=actor, created_at=at,
        )
        _log(LearningEvent.Kind.WEBINAR_CREATED, webinar.code, at, actor)
    return webinar


def register(webinar: Webinar, name: str, email: str, institution: str = "", user=None,
             at: dt.datetime | None = None) -> tuple[Registration, bool]:
    """Register for a webinar; the same email twice returns the first registration (created=False)."""
    at = _now(at)
    name, email = (name or "").strip(), (email or "").strip().lower()
    errors = {}
    if not name:
        errors["name"] = _("Nama wajib diisi.")
    if not email or "@" not in email:
        errors["email"] = _("Email wajib diisi dengan benar.")
    if not webinar.registration_open or at > webinar.ends_at:
        errors["__all__"] = _("Pendaftaran webinar ini sudah ditutup.")
    if errors:
        raise ValidationError(errors)
    existing = webinar.registrations.filter(email=email).first()
    if existing is not None:
        return existing, False
    employee = employee_of(user) if user is not None else None
    try:
        with transaction.atomic():
            reg = Registration.objects.create(webinar=webinar, name=name, email=email,
                                              institution=(institution or "").strip(), employee=employee,
                                              registered_at=at)
            _log(LearningEvent.Kind.REGISTERED, webinar.code, at, user if employee else None,
                 registration=reg.code)
    except IntegrityError:  # a double click raced us
        return webinar.registrations.get(email=email), False
    return reg, True


def import_attendance(webinar: Webinar, content: bytes | str, actor, filename: str = "",
                      at: dt.datetime | None = None, *, only_valid: bool = False) -> AttendanceImport:
    """Read a participant export, sum each person's minutes and mark who attended long enough.

    The latest import replaces earlier totals, so a corrected file can simply be imported again.
    Because it replaces them, a file that cannot be trusted changes nothing (the registry import's
    rule): an unrecognised file, or one no row of which matches a registrant, raises
    AttendanceFileError; a file with unreadable rows raises AttendanceRowErrors (with the rows)
    unless the trainer asks for `only_valid`. Rows that match nobody (guests who did not register)
    are not errors; they are listed in the import's `problems` with the warnings.
    """
    _require(actor, *TRAINER_ROLES)
    at = _now(at)
    parsed = attendance.parse_participants(content)
    registrations = list(webinar.registrations.all())
    matched = attendance.match_rows(parsed.rows, registrations, cap_minutes=webinar.scheduled_minutes or None)
    if parsed.errors and not only_valid:
        raise attendance.AttendanceRowErrors(parsed.errors, total=parsed.total)
    if registrations and not matched.used:
        raise attendance.AttendanceFileError(_("Tidak satu baris pun cocok dengan pendaftar webinar ini (menurut "
                                               "email atau nama); kehadiran tidak diubah. Periksa bahwa berkas "
                                               "ini ekspor peserta webinar yang benar."))
    with transaction.atomic():
        regs = {r.pk: r for r in Registration.objects.select_for_update().filter(webinar=webinar)}
        attendees = 0
        for reg in regs.values():
            minutes = matched.minutes.get(reg.pk, 0)
            reg.attended_minutes = minutes
            reg.attended = minutes >= webinar.min_minutes
            attendees += reg.attended
        Registration.objects.bulk_update(regs.values(), ["attended_minutes", "attended"])
        problems = parsed.problems + matched.problems
        problems.sort(key=lambda p: p["row"])
        record = AttendanceImport.objects.create(
            webinar=webinar, imported_at=at, imported_by=actor, filename=filename[:200],
            rows_total=parsed.total, rows_used=matched.used, matched_registrations=len(matched.minutes),
            attendees=attendees, problems=problems,
        )
        _log(LearningEvent.Kind.ATTENDANCE_IMPORTED, webinar.code, at, actor, rows=parsed.total,
             used=matched.used, problems=len(problems), attendees=attendees)
    return record


def issue_webinar_certificates(webinar: Webinar, actor, at: dt.datetime | None = None) -> list[Certificate]:
    """Certificates for every attendee that has none yet; each holder gets an email with the link."""
    _require(actor, *TRAINER_ROLES)
    at = _now(at)
    issued = []
    with transaction.atomic():
        pending = webinar.registrations.select_for_update(of=("self",)).filter(attended=True, certificate__isnull=True)
        for reg in pending:
            cert = Certificate.objects.create(
                kind=Certificate.Kind.WEBINAR, holder_name=reg.name, title=webinar.title,
                detail=_("Hadir %(minutes)s menit, %(day)s") % {
                    "minutes": reg.attended_minutes, "day": timezone.localtime(webinar.starts_at).strftime("%d-%m-%Y")},
                employee=reg.employee, user=reg.employee.user if reg.employee else None, registration=reg,
                issued_at=at,
            )
            _log(LearningEvent.Kind.CERTIFICATE_ISSUED, cert.code, at, actor, registration=reg.code,
                 certificate_kind=cert.kind)
            issued.append(cert)

        def notify():
            for cert in issued:
                if cert.registration is None:  # webinar certificates always carry their registration
                    continue
                try:
                    send_mail(
                        _("Sertifikat webinar: %(title)s") % {"title": webinar.title},
                        _("Yth. %(name)s,\n\nSertifikat kehadiran Anda dapat diunduh di:\n%(pdf)s\n\n"
                          "Kode verifikasi: %(code)s\nHalaman verifikasi: %(verify)s\n") % {
                            "name": cert.holder_name, "pdf": certificate_pdf_url(cert), "code": cert.code,
                            "verify": certificate_verify_url(cert)},
                        None, [cert.registration.email], fail_silently=False)
                except Exception:  # noqa: BLE001 - mail trouble must not undo issued certificates
                    log.warning("could not mail certificate %s", cert.code, exc_info=True)

        transaction.on_commit(notify)
    return issued


# ---------------------------------------------------------------------------------------------
# election-stage reminders (Celery beat, see netra.rules.tasks)

STAFF_ROLES = [r.value for r in Role if r != Role.ASN]


def reminder_days() -> int:
    return settings.NETRA_STAGE_REMINDER_DAYS


def staff_recipients() -> list[str]:
    User = get_user_model()
    emails = (User.objects.filter(is_active=True).exclude(email="")
              .filter(groups__name__in=STAFF_ROLES).values_list("email", flat=True).distinct())
    return sorted(set(emails))


def send_stage_reminders(today: dt.date | None = None, days: int | None = None) -> list[StageReminder]:
    """Email staff once about each stage starting within `days` (default NETRA_STAGE_REMINDER_DAYS, 3).

    The StageReminder row is claimed before the mail goes out, so two workers never both send;
    if sending fails the claim is removed and the next run tries again.
    """
    today = today or timezone.localdate()
    days = reminder_days() if days is None else days
    horizon = today + dt.timedelta(days=days)
    due = ContestStage.objects.filter(starts_on__gte=today, starts_on__lte=horizon, reminder__isnull=True)
    recipients = staff_recipients()
    sent = []
    for stage in due.order_by("starts_on"):
        at = timezone.now()
        try:
            with transaction.atomic():
                claim = StageReminder.objects.create(stage=stage, sent_at=at, recipients=len(recipients))
        except IntegrityError:
            continue
        try:
            if recipients:
                send_mail(
                    _("Pengingat tahapan: %(election)s — %(stage)s mulai %(day)s") % {
                        "election": stage.election, "stage": stage.get_kind_display(),
                        "day": stage.starts_on.strftime("%d-%m-%Y")},
                    _("Tahapan %(stage)s %(election)s berlangsung %(start)s s.d. %(end)s.\n\nArti bagi ASN:\n"
                      "%(guidance)s\n\nKalender lengkap: %(url)s\n") % {
                        "stage": stage.get_kind_display(), "election": stage.election,
                        "start": stage.starts_on.strftime("%d-%m-%Y"), "end": stage.ends_on.strftime("%d-%m-%Y"),
                        "guidance": stage.asn_guidance, "url": site_url(reverse("learning:calendar"))},
                    None, recipients, fail_silently=False)
        except Exception:
            claim.delete()
            raise
        _log(LearningEvent.Kind.STAGE_REMINDER_SENT, f"stage-{stage.pk}", at, None,
             election=stage.election, stage_kind=stage.kind, recipients=len(recipients))
        sent.append(claim)
    return sent
