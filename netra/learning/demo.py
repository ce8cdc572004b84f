"""Demo data for learning and duty letters, written only through the service functions.

`seed_learning_demo()` is called by `netra seed_demo` after reference data and employees exist.
It is idempotent: a second run finds the demo quiz and webinar and adds nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.contrib.auth.models import Group, User
from django.utils import timezone

from netra.core.roles import Role
from netra.duty import services as duty
from netra.duty.models import DutyLetter
from netra.registry.models import Employee, Region

from . import services
from .models import Question, Quiz, Topic, Webinar

QUIZ_TITLE = "Kuis Netralitas ASN Pilkada 2024"
WEBINAR_TITLE = "Netralitas ASN Menjelang Pemilu Tahun 2024"
WITA = dt.timezone(dt.timedelta(hours=8))


def _user_with_role(role, username: str) -> User:
    group, _ = Group.objects.get_or_create(name=str(role))
    user = group.user_set.filter(is_active=True).order_by("pk").first()
    if user is None:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(group)
    return user


def _asn_takers(limit: int) -> list[User]:
    """ASN accounts linked to employees; employees without an account get a demo one (no password)."""
    asn_group, _ = Group.objects.get_or_create(name=str(Role.ASN))
    takers = list(User.objects.filter(groups=asn_group, employee__status=Employee.Status.ACTIVE)[:limit])
    if len(takers) < limit:
        for emp in Employee.objects.filter(status=Employee.Status.ACTIVE, user__isnull=True)[: limit - len(takers)]:
            user, created = User.objects.get_or_create(username=f"asn-{emp.nip}")
            if created:
                user.set_unusable_password()
                user.save()
            user.groups.add(asn_group)
            emp.user = user
            emp.save(update_fields=["user"])
            takers.append(user)
    return takers


def _answers(attempt, right: int) -> dict:
    """Correct answers for the first `right` questions, a wrong one for the rest."""
    questions = Question.objects.in_bulk(attempt.question_ids)
    out = {}
    for i, qid in enumerate(attempt.question_ids):
        q = questions[qid]
        out[qid] = q.answer if i < right else (q.answer + 1) % len(q.choices)
    return out


def _zoom_csv(webinar: Webinar, regs) -> str:
    """A Zoom-style participant export: meeting summary block, then one row per join."""
    start = timezone.localtime(webinar.starts_at).replace(tzinfo=None)

    def t(minutes):
        return (start + dt.timedelta(minutes=minutes)).strftime("%m/%d/%Y %I:%M:%S %p")

    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(["Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)", "Participants"])
    out.writerow(["812 3456 7890", webinar.title, t(0), t(150), "bpsdm@example.go.id", 150, len(regs) + 2])
    out.writerow([])
    out.writerow(["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest"])
    for i, reg in enumerate(regs):
        if i % 3 == 0:  # dropped out and came back: two rows
            out.writerow([reg.name, reg.email, t(0), t(40), 40, "No"])
            out.writerow([reg.name, reg.email.upper(), t(45), t(120), 75, "No"])
        elif i % 3 == 1:
            out.writerow([reg.name, reg.email, t(0), t(110), 110, "No"])
        else:  # joined without email, left early: matched by name, too short
            out.writerow([reg.name, "", t(0), t(25), 25, "Yes"])
    out.writerow(["Tamu Tanpa Daftar", "tamu@example.org", t(0), t(90), 90, "Yes"])
    out.writerow(["Peserta Rusak", "rusak@example.org", "kemarin", "besok", "abc", "Yes"])
    return buf.getvalue()


def seed_learning_demo(now: dt.datetime | None = None, takers: int = 8) -> dict:
    now = now or timezone.now()
    trainer = _user_with_role(Role.TRAINER, "pelatih-demo")
    counts = {"quizzes": 0, "attempts": 0, "certificates": 0, "webinars": 0, "registrations": 0, "letters": 0}

    quiz = Quiz.objects.filter(title=QUIZ_TITLE).first()
    if quiz is None:
        quiz = services.create_quiz(services.QuizInput(
            title=QUIZ_TITLE, description="Sepuluh soal skenario acak dari seluruh bank soal. Lulus dengan nilai 70.",
            topics=list(Topic.values), question_count=10, pass_mark=70, opens_at=now - dt.timedelta(days=14),
            closes_at=now + dt.timedelta(days=90), time_limit_minutes=20), trainer, publish=True,
            at=now - dt.timedelta(days=14))
        counts["quizzes"] += 1
        for i, user in enumerate(_asn_takers(takers)):
            started = now - dt.timedelta(days=10 - i, hours=2)
            attempt = services.start_attempt(quiz, user, at=started)
            right = [10, 9, 5, 8, 10, 6, 7, 4][i % 8]
            attempt = services.submit_attempt(attempt, _answers(attempt, right), user,
                                              at=started + dt.timedelta(minutes=9))
            counts["attempts"] += 1
            counts["certificates"] += int(attempt.passed)
            if not attempt.passed and i % 2:  # some try again and pass
                retry = services.start_attempt(quiz, user, at=started + dt.timedelta(days=1))
                retry = services.submit_attempt(retry, _answers(retry, 10), user,
                                                at=started + dt.timedelta(days=1, minutes=8))
                counts["attempts"] += 1
                counts["certificates"] += int(retry.passed)

    if not Webinar.objects.filter(title=WEBINAR_TITLE).exists():
        starts = dt.datetime(2023, 11, 27, 9, 0, tzinfo=WITA)
        webinar = services.create_webinar(services.WebinarInput(
            title=WEBINAR_TITLE, starts_at=starts, ends_at=starts + dt.timedelta(hours=2, minutes=30), min_minutes=60,
            speakers="Pj Gubernur Kaltim Akmal Malik; Galeh Akbar Tanjung (Bawaslu Kaltim)",
            description="Webinar BPSDM Kaltim (Bidang PKMF) bagi pejabat pimpinan tinggi dan ASN se-Kaltim. "
                        "Pesan utama: pada masa kampanye tetap di kantor kecuali ada surat tugas."),
            trainer, at=starts - dt.timedelta(days=10))
        counts["webinars"] += 1
        regs = []
        for i, emp in enumerate(Employee.objects.filter(status=Employee.Status.ACTIVE).select_related("agency")[:9]):
            reg, _ = services.register(webinar, emp.name, f"peserta{i + 1}@example.go.id", emp.agency.name,
                                       at=starts - dt.timedelta(days=3))
            regs.append(reg)
        reg, _ = services.register(webinar, "Siti Rahmawati", "siti.warga@example.org", "Masyarakat umum",
                                   at=starts - dt.timedelta(days=2))
        regs.append(reg)
        counts["registrations"] = len(regs)
        # the export has one broken row on purpose (shown in the report): apply the valid rows
        services.import_attendance(webinar, _zoom_csv(webinar, regs), trainer, filename="participants_demo.csv",
                                   at=starts + dt.timedelta(hours=4), only_valid=True)
        counts["certificates"] += len(services.issue_webinar_certificates(webinar, trainer,
                                                                          at=starts + dt.timedelta(days=1)))

    if not DutyLetter.objects.filter(letter_number__startswith="800.1.11/DEMO").exists():
        today = timezone.localdate(now)
        samarinda = Region.objects.filter(code="64.72").first()
        people = list(Employee.objects.filter(status=Employee.Status.ACTIVE).select_related("agency")[:3])
        plans = [
            ("Pengamanan rapat umum pasangan calon", "GOR Segiri, Samarinda", today, today + dt.timedelta(days=2)),
            ("Layanan kesehatan kampanye terbuka", "Lapangan Merdeka, Balikpapan", today - dt.timedelta(days=30),
             today - dt.timedelta(days=29)),
            ("Dokumentasi debat publik calon (protokol)", "Hotel Mercure, Samarinda", today + dt.timedelta(days=5),
             today + dt.timedelta(days=5)),
        ]
        letters = []
        for n, (emp, (event, place, start, end)) in enumerate(zip(people, plans, strict=False), start=1):
            letters.append(duty.register_letter(duty.LetterInput(
                employee=emp, letter_number=f"800.1.11/DEMO-{n:03d}/BKD", event=event, place=place,
                date_from=start, date_to=end, purpose="Melaksanakan tugas kedinasan, tanpa atribut dan dukungan.",
                issuing_official="Kepala BKD Provinsi Kalimantan Timur", issued_on=start - dt.timedelta(days=1),
                region=samarinda if "Samarinda" in place else None), None, at=now))
        if len(letters) == 3:
            duty.revoke_letter(letters[2], None, "Kegiatan dibatalkan penyelenggara.", at=now)
        counts["letters"] = len(letters)
    return counts
