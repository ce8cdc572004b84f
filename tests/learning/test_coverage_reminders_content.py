"""Coverage statistics, election-stage reminders, the content bank and public learning pages."""

import datetime as dt

from django.contrib.auth.models import Group, User
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse

from netra.core.roles import Role
from netra.learning import services, stats
from netra.learning.demo import seed_learning_demo
from netra.learning.models import AllowedAct, Certificate, LearningEvent, Module, Question, StageReminder
from netra.learning.reference import load_learning
from netra.learning.templatetags.learning_tags import mask_name, render_markdown
from netra.registry.models import Employee
from netra.rules.models import ContestStage, ViolationType
from netra.rules.tasks import send_stage_reminders

from .conftest import answers_for


def test_coverage_by_agency_and_region(asn_employee, other_employee, people, make_quiz):
    agency = asn_employee.agency
    Employee.objects.create(employee_type="PNS", nip="198501012010011003", name="Keluar", agency=agency,
                            region=agency.region, status=Employee.Status.EXITED)
    quiz = make_quiz(count=3)
    attempt = services.start_attempt(quiz, people["asn"])
    services.submit_attempt(attempt, answers_for(attempt), people["asn"])
    not_counted = make_quiz(count=3, counts_for_coverage=False)
    other_user = User.objects.create_user("asn2")
    other_user.groups.add(Group.objects.get(name=Role.ASN))
    other_employee.user = other_user
    other_employee.save()
    attempt = services.start_attempt(not_counted, other_user)
    services.submit_attempt(attempt, answers_for(attempt), other_user)

    rows = {r["key"]: r for r in stats.coverage_by_agency()}
    assert rows["6472-disdik"] == {"key": "6472-disdik", "label": agency.name, "passed": 1, "total": 1, "share": 1.0}
    assert rows["6474-disdik"]["passed"] == 0 and rows["6474-disdik"]["share"] == 0.0
    regions = {r["key"]: r for r in stats.coverage_by_region()}
    assert regions["64.72"]["passed"] == 1 and regions["64.74"]["total"] == 1
    assert stats.coverage_total() | {"label": ""} == {"key": "all", "label": "", "passed": 1, "total": 2,
                                                      "share": 0.5}
    html = render_to_string("learning/coverage_panel.html", {})
    assert "coverage-panel" in html and "50%" in html and "Kota Samarinda" in html


def test_stage_reminders_once_to_staff_only(reference, people, settings):
    settings.NETRA_STAGE_REMINDER_DAYS = 3
    for name, user in people.items():
        user.email = f"{name}@example.go.id"
        user.save()
    campaign = ContestStage.objects.get(election="Pilkada 2024", kind="campaign")
    assert campaign.starts_on == dt.date(2024, 9, 25)
    assert send_stage_reminders.apply(kwargs={"today": "2024-09-18"}).get() == 0  # 4 days before: too early
    assert send_stage_reminders.apply(kwargs={"today": "2024-09-19"}).get() == 1  # determination on 22 Sep
    assert send_stage_reminders.apply(kwargs={"today": "2024-09-22"}).get() == 1  # campaign from 25 Sep
    assert len(mail.outbox) == 2
    message = mail.outbox[1]
    assert "Masa kampanye" in message.subject and campaign.asn_guidance[:30] in message.body
    assert "asn@example.go.id" not in message.to and "verifier@example.go.id" in message.to
    assert "trainer@example.go.id" in message.to
    assert send_stage_reminders.apply(kwargs={"today": "2024-09-23"}).get() == 0  # never twice
    assert StageReminder.objects.filter(stage=campaign).count() == 1 and StageReminder.objects.count() == 2
    assert LearningEvent.objects.filter(kind="stage_reminder_sent").count() == 2


def test_content_bank(reference):
    assert Module.objects.count() == 6
    questions = Question.objects.filter(is_active=True).select_related("violation", "allowed_act")
    assert questions.count() >= 60
    for q in questions:
        assert q.rule_code and q.explanation and 0 <= q.answer < len(q.choices) >= 3
    codes = {q.rule_code for q in questions}
    assert {v.code for v in ViolationType.objects.all()} <= codes  # every form E1–E7, D1–D13 is asked about
    assert {a.code for a in AllowedAct.objects.all()} - {"A10"} <= codes
    assert load_learning()["questions"] == questions.count()  # loading again is an upsert


def test_markdown_is_escaped_and_names_masked():
    html = render_markdown("## Judul\n\nTeks **tebal** <script>x</script>\n\n- satu\n- dua\n\n1. a")
    assert "<h2>Judul</h2>" in html and "<strong>tebal</strong>" in html and "&lt;script&gt;" in html
    assert "<ul>\n<li>satu</li>" in html and "<ol>" in html
    assert mask_name("Budi Santoso Putra") == "Budi S. P." and mask_name("") == ""


def test_public_learning_pages(client, reference):
    assert client.get(reverse("learning:modules")).status_code == 200
    page = client.get(reverse("learning:module", args=["yang-boleh"])).content.decode()
    assert "<strong>A1 Menggunakan hak pilih.</strong>" in page
    calendar = client.get(reverse("learning:calendar")).content.decode()
    assert "Pilkada 2024" in calendar and "Pemilu 2024" in calendar and "22 September 2024" in calendar
    assert "Masa tenang" in calendar


def test_seed_learning_demo(reference, employee, other_employee):
    counts = seed_learning_demo()
    assert counts["quizzes"] == 1 and counts["attempts"] >= 2 and counts["webinars"] == 1
    assert counts["letters"] == 2  # two employees: two letters, none revoked
    assert Certificate.objects.filter(kind="webinar").exists()
    assert seed_learning_demo()["quizzes"] == 0  # idempotent
