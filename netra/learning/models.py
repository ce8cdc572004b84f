"""Training: modules, the question bank, quizzes and attempts, webinars, certificates.

Modules, allowed acts and questions are reference content loaded from versioned files in `data/`
(`netra load_reference`); quizzes, attempts, webinars and certificates are records written only by
`services.py`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.core.codes import random_code


class Topic(models.TextChoices):
    NEUTRALITY = "neutrality", _("Makna netralitas ASN")
    ETHICS = "ethics", _("Pelanggaran kode etik (E1–E7)")
    DISCIPLINE = "discipline", _("Pelanggaran disiplin (D1–D13)")
    ALLOWED = "allowed", _("Yang boleh dilakukan ASN")
    SANCTIONS = "sanctions", _("Sanksi")
    REPORTING = "reporting", _("Penanganan laporan")
    SOCIAL_MEDIA = "social_media", _("Media sosial")


def new_quiz_code() -> str:
    return random_code(groups=2, prefix="KUIS")


def new_attempt_code() -> str:
    return random_code(prefix="UJI")


def new_certificate_code() -> str:
    return random_code(groups=4, prefix="SRT")


def new_webinar_code() -> str:
    return random_code(groups=2, prefix="WEB")


def new_registration_code() -> str:
    return random_code(prefix="DFT")


class Module(models.Model):
    """A reading module, written in a small Markdown subset (headings, lists, bold)."""

    slug = models.SlugField(_("kode"), max_length=60, unique=True)
    topic = models.CharField(_("topik"), max_length=14, choices=Topic.choices)
    title = models.CharField(_("judul"), max_length=200)
    title_en = models.CharField(_("judul (Inggris)"), max_length=200, blank=True)
    summary = models.TextField(_("ringkasan"), blank=True)
    body = models.TextField(_("isi"))
    sources = models.TextField(_("sumber"), blank=True)
    version = models.CharField(_("versi konten"), max_length=20)
    order = models.PositiveSmallIntegerField(default=0)
    is_published = models.BooleanField(_("terbit"), default=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("modul")
        verbose_name_plural = _("modul")

    def __str__(self):
        return self.title


class AllowedAct(models.Model):
    """Something ASN may do (regulations §3), the counterpart of the E/D violation forms."""

    code = models.CharField(_("kode"), max_length=4, unique=True)
    title = models.CharField(_("perbuatan yang boleh"), max_length=300)
    title_en = models.CharField(_("perbuatan (Inggris)"), max_length=300, blank=True)
    conditions = models.TextField(_("syarat dan batasan"), blank=True)
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    unconfirmed = models.BooleanField(_("belum terkonfirmasi sumber primer"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("perbuatan yang boleh")
        verbose_name_plural = _("perbuatan yang boleh")

    def __str__(self):
        return f"{self.code} – {self.title}"


class Question(models.Model):
    """A scenario question tied to one violation form or one allowed act."""

    code = models.CharField(_("kode"), max_length=8, unique=True)
    topic = models.CharField(_("topik"), max_length=14, choices=Topic.choices, db_index=True)
    scenario = models.TextField(_("skenario"))
    choices = models.JSONField(_("pilihan jawaban"), default=list)
    answer = models.PositiveSmallIntegerField(_("indeks jawaban benar"))
    explanation = models.TextField(_("penjelasan"))
    violation = models.ForeignKey("rules.ViolationType", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="questions", verbose_name=_("bentuk pelanggaran"))
    allowed_act = models.ForeignKey(AllowedAct, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="questions", verbose_name=_("perbuatan yang boleh"))
    version = models.CharField(_("versi konten"), max_length=20)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("soal")
        verbose_name_plural = _("bank soal")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(violation__isnull=False, allowed_act__isnull=True)
                | models.Q(violation__isnull=True, allowed_act__isnull=False),
                name="question_tied_to_one_rule",
            )
        ]

    def __str__(self):
        return self.code

    @property
    def rule_code(self) -> str:
        return self.violation.code if self.violation_id else self.allowed_act.code


class Quiz(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        PUBLISHED = "published", _("Terbit")
        CLOSED = "closed", _("Ditutup")

    code = models.CharField(_("kode"), max_length=20, unique=True, default=new_quiz_code, editable=False)
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("keterangan"), blank=True)
    topics = models.JSONField(_("topik"), default=list)
    question_count = models.PositiveSmallIntegerField(_("jumlah soal"))
    pass_mark = models.PositiveSmallIntegerField(_("nilai lulus (%)"))
    opens_at = models.DateTimeField(_("dibuka"))
    closes_at = models.DateTimeField(_("ditutup"))
    time_limit_minutes = models.PositiveSmallIntegerField(_("batas waktu per percobaan (menit)"), default=30)
    max_attempts = models.PositiveSmallIntegerField(_("maksimal percobaan"), default=0,
                                                    help_text=_("0 = tanpa batas"))
    counts_for_coverage = models.BooleanField(
        _("kuis netralitas (dihitung dalam cakupan)"), default=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("dibuat"))
    published_at = models.DateTimeField(_("diterbitkan"), null=True, blank=True)

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("kuis")
        verbose_name_plural = _("kuis")

    def __str__(self):
        return self.title

    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [str(labels.get(t, t)) for t in self.topics]

    def is_open_at(self, when) -> bool:
        return self.status == self.Status.PUBLISHED and self.opens_at <= when <= self.closes_at


class Attempt(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("Sedang dikerjakan")
        SUBMITTED = "submitted", _("Selesai")
        EXPIRED = "expired", _("Melewati batas waktu")

    code = models.CharField(_("kode"), max_length=20, unique=True, default=new_attempt_code, editable=False)
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    employee = models.ForeignKey("registry.Employee", on_delete=models.PROTECT, related_name="quiz_attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quiz_attempts")
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.IN_PROGRESS)
    started_at = models.DateTimeField(_("mulai"))
    expires_at = models.DateTimeField(_("batas waktu"))
    submitted_at = models.DateTimeField(_("dikumpulkan"), null=True, blank=True)
    question_ids = models.JSONField(_("soal yang diundi"), default=list)
    answers = models.JSONField(_("jawaban"), default=dict, blank=True)
    results = models.JSONField(_("hasil per soal"), default=dict, blank=True)
    correct = models.PositiveSmallIntegerField(_("jawaban benar"), default=0)
    total = models.PositiveSmallIntegerField(_("jumlah soal"), default=0)
    score = models.PositiveSmallIntegerField(_("nilai (%)"), default=0)
    passed = models.BooleanField(_("lulus"), default=False)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("percobaan kuis")
        verbose_name_plural = _("percobaan kuis")
        indexes = [models.Index(fields=["employee", "passed"])]

    def __str__(self):
        return self.code


class Webinar(models.Model):
    code = models.CharField(_("kode"), max_length=20, unique=True, default=new_webinar_code, editable=False)
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("keterangan"), blank=True)
    speakers = models.CharField(_("narasumber"), max_length=400, blank=True)
    platform = models.CharField(_("platform"), max_length=60, default="Zoom")
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    min_minutes = models.PositiveSmallIntegerField(_("minimal kehadiran (menit)"), default=60)
    registration_open = models.BooleanField(_("pendaftaran dibuka"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("dibuat"))

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("webinar")
        verbose_name_plural = _("webinar")

    def __str__(self):
        return self.title

    @property
    def scheduled_minutes(self) -> int:
        return max(0, int((self.ends_at - self.starts_at).total_seconds() // 60))


class Registration(models.Model):
    code = models.CharField(_("kode"), max_length=20, unique=True, default=new_registration_code,
                            editable=False)
    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("nama"), max_length=200)
    email = models.EmailField(_("email"))
    institution = models.CharField(_("instansi"), max_length=200, blank=True)
    employee = models.ForeignKey("registry.Employee", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="webinar_registrations")
    registered_at = models.DateTimeField(_("mendaftar"))
    attended_minutes = models.PositiveIntegerField(_("lama hadir (menit)"), default=0)
    attended = models.BooleanField(_("memenuhi syarat hadir"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("pendaftaran webinar")
        verbose_name_plural = _("pendaftaran webinar")
        constraints = [models.UniqueConstraint(fields=["webinar", "email"], name="uniq_registration_email")]

    def __str__(self):
        return f"{self.name} ({self.webinar})"


class AttendanceImport(models.Model):
    """One participant file read for a webinar, with the report of rows that were not used."""

    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="imports")
    imported_at = models.DateTimeField(_("diimpor"))
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    filename = models.CharField(_("nama berkas"), max_length=200, blank=True)
    rows_total = models.PositiveIntegerField(_("baris"), default=0)
    rows_used = models.PositiveIntegerField(_("baris dipakai"), default=0)
    matched_registrations = models.PositiveIntegerField(_("pendaftar cocok"), default=0)
    attendees = models.PositiveIntegerField(_("memenuhi syarat hadir"), default=0)
    problems = models.JSONField(_("laporan baris bermasalah"), default=list)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("impor kehadiran")
        verbose_name_plural = _("impor kehadiran")

    def __str__(self):
        return f"{self.webinar} @ {self.imported_at:%Y-%m-%d %H:%M}"


class Certificate(models.Model):
    class Kind(models.TextChoices):
        QUIZ = "quiz", _("Kelulusan kuis")
        WEBINAR = "webinar", _("Kehadiran webinar")

    code = models.CharField(_("kode verifikasi"), max_length=24, unique=True, default=new_certificate_code,
                            editable=False)
    kind = models.CharField(_("jenis"), max_length=8, choices=Kind.choices)
    holder_name = models.CharField(_("nama pemegang"), max_length=200)
    title = models.CharField(_("kegiatan"), max_length=300)
    detail = models.CharField(_("keterangan"), max_length=300, blank=True)
    employee = models.ForeignKey("registry.Employee", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="certificates")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="certificates")
    quiz = models.ForeignKey(Quiz, null=True, blank=True, on_delete=models.PROTECT, related_name="certificates")
    attempt = models.OneToOneField(Attempt, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="certificate")
    registration = models.OneToOneField(Registration, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="certificate")
    issued_at = models.DateTimeField(_("terbit"))
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoke_reason = models.TextField(_("alasan pencabutan"), blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")

    def __str__(self):
        return self.code

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class LearningEvent(models.Model):
    """Append-only log of learning state changes (who did what, when)."""

    class Kind(models.TextChoices):
        QUIZ_CREATED = "quiz_created", _("Kuis dibuat")
        QUIZ_PUBLISHED = "quiz_published", _("Kuis diterbitkan")
        QUIZ_CLOSED = "quiz_closed", _("Kuis ditutup")
        QUIZ_UPDATED = "quiz_updated", _("Pengaturan kuis diubah")
        ATTEMPT_STARTED = "attempt_started", _("Percobaan dimulai")
        ATTEMPT_SUBMITTED = "attempt_submitted", _("Percobaan dikumpulkan")
        CERTIFICATE_ISSUED = "certificate_issued", _("Sertifikat terbit")
        CERTIFICATE_REVOKED = "certificate_revoked", _("Sertifikat dicabut")
        WEBINAR_CREATED = "webinar_created", _("Webinar dibuat")
        REGISTERED = "registered", _("Pendaftaran webinar")
        ATTENDANCE_IMPORTED = "attendance_imported", _("Kehadiran diimpor")
        STAGE_REMINDER_SENT = "stage_reminder_sent", _("Pengingat tahapan dikirim")

    kind = models.CharField(_("jenis"), max_length=24, choices=Kind.choices)
    at = models.DateTimeField(_("waktu"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    subject = models.CharField(_("objek"), max_length=40, help_text=_("kode kuis/percobaan/sertifikat/webinar"))
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("peristiwa pembelajaran")
        verbose_name_plural = _("peristiwa pembelajaran")

    def __str__(self):
        return f"{self.get_kind_display()} {self.subject}"


class StageReminder(models.Model):
    """Marks that staff were reminded of an upcoming election stage, so it is sent only once."""

    stage = models.OneToOneField("rules.ContestStage", on_delete=models.CASCADE, related_name="reminder")
    sent_at = models.DateTimeField(_("dikirim"))
    recipients = models.PositiveIntegerField(_("jumlah penerima"), default=0)

    class Meta:
        verbose_name = _("pengingat tahapan")
        verbose_name_plural = _("pengingat tahapan")

    def __str__(self):
        return f"{self.stage} ({self.sent_at:%Y-%m-%d})"
