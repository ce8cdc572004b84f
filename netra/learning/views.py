"""Learning pages: modules, self-check, election calendar (public); quizzes (ASN); trainer desk;
certificate download and public verification."""

import copy
from collections import OrderedDict
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netra.core import ratelimit
from netra.core.codes import normalize_code
from netra.core.decorators import role_required
from netra.core.forms import add_service_errors
from netra.core.permissions import TRAINER_ROLES
from netra.core.roles import Role, has_role
from netra.core.views import code_lookup
from netra.rules.models import Contest, ContestStage

from . import selfcheck, services, stats
from .attendance import AttendanceFileError
from .forms import (
    AttendanceForm,
    CertificateSearchForm,
    QuizEditForm,
    QuizForm,
    RegistrationForm,
    RevokeCertificateForm,
    SelfCheckForm,
    WebinarForm,
)
from .models import Attempt, AttendanceImport, Certificate, Module, Quiz, Webinar
from .pdf import certificate_pdf as render_certificate_pdf

TRAINER = TRAINER_ROLES


# ---------------------------------------------------------------------------------------------
# public


def modules(request):
    return render(request, "learning/modules.html", {"modules": Module.objects.filter(is_published=True)})


def module_detail(request, slug):
    module = get_object_or_404(Module, slug=slug, is_published=True)
    siblings = list(Module.objects.filter(is_published=True).values_list("slug", "title"))
    return render(request, "learning/module.html", {"module": module, "siblings": siblings})


def self_check(request):
    form = SelfCheckForm(request.GET or None)
    answer = None
    if form.is_valid():
        d = form.cleaned_data
        answer = selfcheck.check(text=d["text"], action=d["action"] or None, on_date=d["date"],
                                 contest=d["contest"])
    return render(request, "learning/self_check.html", {"form": form, "answer": answer})


def calendar(request):
    today = timezone.localdate()
    elections: OrderedDict[str, dict] = OrderedDict()
    for stage in ContestStage.objects.order_by("-starts_on"):
        elections.setdefault(stage.election, {"stages": [], "contests": []})
    for stage in ContestStage.objects.order_by("starts_on"):
        stage.when = "now" if stage.starts_on <= today <= stage.ends_on else (
            "past" if stage.ends_on < today else "upcoming")
        elections[stage.election]["stages"].append(stage)
    for contest in Contest.objects.filter(election__in=list(elections)).order_by("candidate_determination_date",
                                                                                 "kind", "name"):
        if contest.region_id is None or contest.kind == Contest.Kind.GOVERNOR:
            elections[contest.election]["contests"].append(contest)
    return render(request, "learning/calendar.html", {"elections": elections, "today": today})


def verify_certificate_lookup(request):
    """/verifikasi/sertifikat/: type the code printed on a certificate by hand (no QR scanner)."""
    return code_lookup(request, "learning:verify_certificate", title=_("Verifikasi sertifikat"),
                       label=_("Kode sertifikat"), placeholder="SRT-XXXX-XXXX-XXXX-XXXX")


def verify_certificate(request, code):
    if wait := ratelimit.hit(request, "lookup"):  # codes are credentials: no guessing at speed
        return ratelimit.too_many_requests(request, wait)
    cert = Certificate.objects.filter(code=normalize_code(code)).first()
    if cert is None:
        return render(request, "learning/verify_certificate.html", {"code": code}, status=404)
    return render(request, "learning/verify_certificate.html", {"cert": cert, "code": cert.code})


def certificate_pdf(request, code):
    """The code is the credential: it is printed on the certificate and only its holder has it."""
    if wait := ratelimit.hit(request, "lookup"):
        return ratelimit.too_many_requests(request, wait)
    cert = Certificate.objects.filter(code=normalize_code(code)).first()
    if cert is None:
        raise Http404(_("Sertifikat tidak ditemukan."))
    if cert.revoked_at is not None:
        raise Http404(_("Sertifikat ini sudah dicabut."))
    pdf = render_certificate_pdf(cert, services.certificate_verify_url(cert, request))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sertifikat-{cert.code}.pdf"'
    return response


def webinars(request):
    upcoming = Webinar.objects.filter(ends_at__gte=timezone.now(), registration_open=True).order_by("starts_at")
    return render(request, "learning/webinars.html", {"webinars": upcoming})


@require_http_methods(["GET", "POST"])
def webinar_register(request, code):
    webinar = get_object_or_404(Webinar, code=code)
    initial = {}
    employee = services.employee_of(request.user)
    if employee:
        initial = {"name": employee.name, "email": request.user.email, "institution": employee.agency.name}
    form = RegistrationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            reg, created = services.register(webinar, d["name"], d["email"], d["institution"], user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if created:
                messages.success(request, _("Pendaftaran diterima. Gunakan email yang sama saat bergabung di %(p)s.")
                                 % {"p": webinar.platform})
            else:
                messages.info(request, _("Email ini sudah terdaftar untuk webinar ini."))
            return redirect("learning:webinars")
    return render(request, "learning/webinar_register.html", {"webinar": webinar, "form": form},
                  status=400 if form.errors else 200)


# ---------------------------------------------------------------------------------------------
# ASN


@role_required(Role.ASN)
def my_quizzes(request):
    now = timezone.now()
    employee = services.employee_of(request.user)
    open_quizzes = Quiz.objects.filter(status=Quiz.Status.PUBLISHED, opens_at__lte=now, closes_at__gte=now)
    attempts = Attempt.objects.filter(user=request.user).select_related("quiz")
    certificates = Certificate.objects.filter(Q(user=request.user) | Q(employee=employee) if employee else
                                              Q(user=request.user), revoked_at__isnull=True)
    return render(request, "learning/my_quizzes.html", {
        "employee": employee, "quizzes": open_quizzes, "attempts": attempts, "certificates": certificates,
    })


@require_POST
@role_required(Role.ASN)
def start(request, code):
    quiz = get_object_or_404(Quiz, code=code)
    try:
        attempt = services.start_attempt(quiz, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("learning:my_quizzes")
    return redirect("learning:attempt", code=attempt.code)


def _own_attempt(request, code) -> Attempt:
    attempt = get_object_or_404(Attempt.objects.select_related("quiz"), code=code)
    if attempt.user_id != request.user.pk:
        raise PermissionDenied
    return attempt


@require_http_methods(["GET", "POST"])
@role_required(Role.ASN)
def attempt(request, code):
    found = _own_attempt(request, code)
    if found.state != Attempt.State.IN_PROGRESS:
        return redirect("learning:result", code=found.code)
    if request.method == "POST":
        answers = {qid: request.POST.get(f"q{qid}") for qid in found.question_ids}
        try:
            found = services.submit_attempt(found, answers, request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("learning:result", code=found.code)
    return render(request, "learning/attempt.html", {
        "attempt": found, "questions": services.attempt_questions(found),
        "seconds_left": max(0, int((found.expires_at - timezone.now()).total_seconds())),
    })


@role_required(Role.ASN)
def result(request, code):
    found = _own_attempt(request, code)
    if found.state == Attempt.State.IN_PROGRESS:
        return redirect("learning:attempt", code=found.code)
    review = []
    correct = found.results.get("correct", {})
    for q, choices in services.attempt_questions(found):
        chosen = found.answers.get(str(q.pk))
        review.append({"q": q, "choices": choices, "chosen": chosen, "ok": correct.get(str(q.pk), False)})
    return render(request, "learning/result.html", {
        "attempt": found, "review": review, "certificate": services.certificate_for(found),
    })


# ---------------------------------------------------------------------------------------------
# trainer


@role_required(*TRAINER)
def trainer_home(request):
    quizzes = Quiz.objects.annotate(n_attempts=Count("attempts"),
                                    n_passed=Count("attempts", filter=Q(attempts__passed=True)))
    return render(request, "learning/trainer_home.html", {
        "quizzes": quizzes, "webinars": Webinar.objects.annotate(n_reg=Count("registrations")),
        "total": stats.coverage_total(),
    })


def _quiz_input(d: dict, **extra) -> services.QuizInput:
    """The service's input from the create and edit forms' cleaned data (one mapping for both)."""
    return services.QuizInput(
        title=d["title"], description=d["description"], topics=d["topics"], question_count=d["question_count"],
        pass_mark=d["pass_mark"], opens_at=d["opens_at"], closes_at=d["closes_at"],
        time_limit_minutes=d["time_limit_minutes"], max_attempts=d["max_attempts"], **extra,
    )


@require_http_methods(["GET", "POST"])
@role_required(*TRAINER)
def quiz_new(request):
    form = QuizForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            quiz = services.create_quiz(_quiz_input(form.cleaned_data), request.user,
                                        publish=form.cleaned_data["publish"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kuis dibuat."))
            return redirect("learning:quiz_detail", code=quiz.code)
    return render(request, "learning/quiz_form.html", {"form": form}, status=400 if form.errors else 200)


@role_required(*TRAINER)
def quiz_detail(request, code):
    quiz = get_object_or_404(Quiz, code=code)
    attempts = quiz.attempts.select_related("employee__agency").order_by("-started_at")[:200]
    summary = quiz.attempts.filter(state=Attempt.State.SUBMITTED).aggregate(
        n=Count("pk"), passed=Count("pk", filter=Q(passed=True)), avg=Avg("score"))
    return render(request, "learning/quiz_detail.html", {
        "quiz": quiz, "attempts": attempts, "summary": summary, "pool": len(services.question_pool(quiz.topics)),
    })


@require_http_methods(["GET", "POST"])
@role_required(*TRAINER)
def quiz_edit(request, code):
    quiz = get_object_or_404(Quiz, code=code)
    locked = services.grading_locked(quiz)
    # The ModelForm writes its data into its instance while validating; give it a copy so the page
    # header and the service see the stored quiz. Only services.update_quiz saves.
    form = QuizEditForm(request.POST or None, instance=copy.copy(quiz), locked=locked)
    if request.method == "POST" and form.is_valid():
        data = _quiz_input(form.cleaned_data, counts_for_coverage=quiz.counts_for_coverage)
        try:
            services.update_quiz(quiz, data, request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Pengaturan kuis disimpan."))
            return redirect("learning:quiz_detail", code=quiz.code)
    return render(request, "learning/quiz_edit.html", {"quiz": quiz, "form": form, "locked": locked},
                  status=400 if form.errors else 200)


@require_POST
@role_required(*TRAINER)
def quiz_action(request, code, action):
    quiz = get_object_or_404(Quiz, code=code)
    try:
        if action == "terbitkan":
            services.publish_quiz(quiz, request.user)
            messages.success(request, _("Kuis diterbitkan."))
        elif action == "tutup":
            services.close_quiz(quiz, request.user)
            messages.success(request, _("Kuis ditutup."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("learning:quiz_detail", code=quiz.code)


@role_required(*TRAINER)
def certificates(request):
    """Every issued certificate (quiz and webinar), searchable by code or holder, newest first."""
    form = CertificateSearchForm(request.GET or None)
    qs = Certificate.objects.order_by("-issued_at", "-pk")
    if form.is_valid():
        d = form.cleaned_data
        text = d["q"].strip()
        if text:
            qs = qs.filter(Q(code__icontains=text) | Q(code__icontains=normalize_code(text))
                           | Q(holder_name__icontains=text))
        if d["state"] == "valid":
            qs = qs.filter(revoked_at__isnull=True)
        elif d["state"] == "revoked":
            qs = qs.filter(revoked_at__isnull=False)
        if d["kind"]:
            qs = qs.filter(kind=d["kind"])
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "learning/certificates.html", {"form": form, "page": page, "query": query.urlencode()})


@require_http_methods(["GET", "POST"])
@role_required(*TRAINER)
def certificate_revoke(request, code):
    """Confirm page with the reason; services.revoke_certificate makes the change."""
    cert = get_object_or_404(Certificate, code=normalize_code(code))
    form = RevokeCertificateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_certificate(cert, request.user, form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            cert.refresh_from_db()
        else:
            messages.success(request, _("Sertifikat %(code)s dicabut. Halaman verifikasi kini menyatakannya "
                                        "dicabut.") % {"code": cert.code})
            return redirect(f"{reverse('learning:certificates')}?{urlencode({'q': cert.code})}")
    return render(request, "learning/certificate_revoke.html", {
        "cert": cert, "form": form, "verify_url": services.certificate_verify_url(cert, request),
    }, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@role_required(*TRAINER)
def webinar_new(request):
    form = WebinarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            webinar = services.create_webinar(services.WebinarInput(**d), request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("learning:webinar_detail", code=webinar.code)
    return render(request, "learning/webinar_form.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@role_required(*TRAINER)
def webinar_detail(request, code):
    webinar = get_object_or_404(Webinar, code=code)
    form = AttendanceForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = services.import_attendance(webinar, upload.read(), request.user, filename=upload.name,
                                                only_valid=form.cleaned_data["only_valid"])
        except AttendanceFileError as exc:
            form.add_error("file", str(exc))
            row_errors = getattr(exc, "problems", [])
    if request.method == "POST" and not form.errors:
        messages.success(request, _("%(used)s dari %(total)s baris dipakai; %(att)s peserta memenuhi syarat hadir.")
                         % {"used": record.rows_used, "total": record.rows_total, "att": record.attendees})
        return redirect("learning:webinar_detail", code=webinar.code)
    last_import = AttendanceImport.objects.filter(webinar=webinar).first()
    return render(request, "learning/webinar_detail.html", {
        "webinar": webinar, "form": form, "last_import": last_import, "row_errors": row_errors,
        "registrations": webinar.registrations.select_related("certificate"),
    }, status=400 if form.errors else 200)


@require_POST
@role_required(*TRAINER)
def webinar_certificates(request, code):
    webinar = get_object_or_404(Webinar, code=code)
    issued = services.issue_webinar_certificates(webinar, request.user)
    messages.success(request, _("%(n)s sertifikat diterbitkan.") % {"n": len(issued)})
    return redirect("learning:webinar_detail", code=webinar.code)


@login_required
def coverage(request):
    if not has_role(request.user, *TRAINER_ROLES, Role.SUPERVISOR):
        raise PermissionDenied
    return render(request, "learning/coverage.html", {})
