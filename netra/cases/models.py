"""Reports from the public, their evidence, the cases built from them and the append-only log.

State changes live in `services.py`; models only hold data and small derived properties.
"""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models, router, transaction
from django.utils.translation import gettext_lazy as _

from netra.core.codes import random_code

from .signals import event_appending
from .workflow import OPEN_STATUSES, CaseStatus, EventKind


def _evidence_storage():
    return storages["evidence"]


def new_tracking_code() -> str:
    return random_code(prefix="NTR")


def new_case_code() -> str:
    return random_code(groups=2, prefix="KSS")


class Escalation(models.TextChoices):
    NONE = "none", _("Tidak ada")
    WARNING = "warning", _("Peringatan")
    REPRIMAND = "reprimand", _("Teguran")
    BLOCK_REQUESTED = "block_requested", _("Permintaan blokir data SIASN")


class Case(models.Model):
    code = models.CharField(_("kode kasus"), max_length=20, unique=True, default=new_case_code, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=CaseStatus.choices,
                              default=CaseStatus.RECEIVED, db_index=True)
    opened_at = models.DateTimeField(_("dibuka"))
    stage_started_at = models.DateTimeField(_("tahap dimulai"))
    due_date = models.DateField(_("batas waktu tahap"), null=True, blank=True, db_index=True)

    subject_name = models.CharField(_("nama terlapor"), max_length=200)
    employee = models.ForeignKey("registry.Employee", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="cases", verbose_name=_("pegawai"))
    agency = models.ForeignKey("registry.Agency", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="cases", verbose_name=_("instansi"))
    region = models.ForeignKey("registry.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="cases", verbose_name=_("kabupaten/kota kejadian"))
    conduct_date = models.DateField(_("tanggal perbuatan"))
    information_only = models.BooleanField(
        _("di luar batas waktu pelaporan"), default=False,
        help_text=_("Dilaporkan lewat dari 7 hari: ditangani sebagai informasi untuk instansi."),
    )

    contest = models.ForeignKey("rules.Contest", null=True, blank=True, on_delete=models.PROTECT,
                                verbose_name=_("kontestasi"))
    violation = models.ForeignKey("rules.ViolationType", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="cases", verbose_name=_("bentuk pelanggaran"))
    proposed_sanction = models.ForeignKey("rules.SanctionType", null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+", verbose_name=_("usulan sanksi sistem"))
    recommended_sanction = models.ForeignKey("rules.SanctionType", null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+",
                                             verbose_name=_("sanksi yang direkomendasikan"))
    sanction_override_reason = models.TextField(_("alasan mengubah usulan sanksi"), blank=True)

    authority = models.ForeignKey("rules.RecommendingAuthority", null=True, blank=True,
                                  on_delete=models.PROTECT, verbose_name=_("lembaga pemberi rekomendasi"))
    recommendation_number = models.CharField(_("nomor rekomendasi"), max_length=120, blank=True)
    recommended_on = models.DateField(_("tanggal rekomendasi"), null=True, blank=True)

    decided_sanction = models.ForeignKey("rules.SanctionType", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+", verbose_name=_("sanksi yang dijatuhkan PPK"))
    decision_number = models.CharField(_("nomor SK PPK"), max_length=120, blank=True)
    decision_date = models.DateField(_("tanggal SK PPK"), null=True, blank=True)

    escalation = models.CharField(_("eskalasi"), max_length=16, choices=Escalation.choices,
                                  default=Escalation.NONE)
    escalated_on = models.DateField(_("tanggal eskalasi terakhir"), null=True, blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged_cases", verbose_name=_("digabung ke"))
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="assigned_cases", verbose_name=_("petugas"))
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        # "-opened_at" lets the case list and the API take their newest 50 rows
        # straight from the index instead of sorting every case (issue 14).
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["-opened_at"], name="cases_case_opened_at_desc"),
            # The live counts (overdue cases, PPK follow-ups past their deadline per agency) read
            # only open cases by deadline; a partial index keeps that proportional to the open
            # cases, and holding the status, agency and recommendation date too lets PostgreSQL
            # answer them from the index alone (index-only scan), for a PPK's scope as well.
            models.Index(fields=["due_date", "status", "agency", "recommended_on"],
                         condition=models.Q(status__in=OPEN_STATUSES), name="cases_case_open_due"),
            # The desk's usual list, open cases of one region, without reading every case of
            # that region or every open case (combined with the name search's trigram index).
            models.Index(fields=["region"], condition=models.Q(status__in=OPEN_STATUSES),
                         name="cases_case_open_region"),
        ]

    def __str__(self):
        return self.code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        from . import tallies

        tallies.remember(Case, self)  # the stored values are now the ones the tallies count


class Report(models.Model):
    class Channel(models.TextChoices):
        WEB = "web", _("Formulir web")
        API = "api", _("API")
        MONITORING = "monitoring", _("Pemantauan media sosial")
        STAFF = "staff", _("Dicatat petugas")

    tracking_code = models.CharField(_("kode pelacakan"), max_length=20, unique=True,
                                     default=new_tracking_code, editable=False)
    received_at = models.DateTimeField(_("diterima"))
    channel = models.CharField(_("saluran"), max_length=12, choices=Channel.choices, default=Channel.WEB)
    is_anonymous = models.BooleanField(_("anonim"), default=True)
    identity_encrypted = models.TextField(_("identitas pelapor (terenkripsi)"), blank=True, editable=False)

    subject_name = models.CharField(_("nama terlapor"), max_length=200)
    subject_agency_text = models.CharField(_("instansi terlapor (seperti ditulis pelapor)"), max_length=200,
                                           blank=True)
    subject_nip = models.CharField(_("NIP terlapor"), max_length=18, blank=True)
    subject_position = models.CharField(_("jabatan terlapor"), max_length=200, blank=True)
    employee = models.ForeignKey("registry.Employee", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="reports")
    agency = models.ForeignKey("registry.Agency", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="reports")
    region = models.ForeignKey("registry.Region", on_delete=models.PROTECT, related_name="reports",
                               verbose_name=_("kabupaten/kota"))
    location = models.CharField(_("tempat kejadian"), max_length=300, blank=True)
    conduct_date = models.DateField(_("tanggal kejadian"))
    known_date = models.DateField(_("tanggal pelapor mengetahui"))
    within_window = models.BooleanField(_("dalam batas waktu pelaporan"), default=True)
    description = models.TextField(_("apa yang terjadi"))
    chronology = models.TextField(_("kronologi"), blank=True)
    links = models.JSONField(_("tautan"), default=list, blank=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="reports")

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")

    def __str__(self):
        return self.tracking_code


class ReportNote(models.Model):
    """More information a reporter sent later through the tracking code."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="notes")
    added_at = models.DateTimeField()
    text = models.TextField(_("keterangan tambahan"))

    class Meta:
        ordering = ["added_at"]

    def __str__(self):
        return f"{self.report_id} @ {self.added_at:%Y-%m-%d}"


class Evidence(models.Model):
    """A file or link. Files keep a sealed original; staff see a copy with metadata removed."""

    class Kind(models.TextChoices):
        FILE = "file", _("Berkas")
        LINK = "link", _("Tautan")
        POST = "post", _("Arsip unggahan media sosial")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="evidence")
    note = models.ForeignKey(ReportNote, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    received_at = models.DateTimeField()
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    sealed_file = models.FileField(storage=_evidence_storage, upload_to="sealed/", blank=True, max_length=300)
    view_file = models.FileField(storage=_evidence_storage, upload_to="view/", blank=True, max_length=300)
    metadata_removed = models.JSONField(default=list, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    text = models.TextField(blank=True, help_text=_("Teks unggahan yang diarsipkan"))
    captured_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")

    def __str__(self):
        return self.original_name or self.url or str(self.uid)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def neutral_name(self) -> str:
        """A name that says nothing about who sent the file, for roles without need to know."""
        ext = (self.view_file.name or self.sealed_file.name or "").rsplit(".", 1)[-1] if self.kind == "file" else ""
        return f"bukti-{str(self.uid)[:8]}" + (f".{ext}" if ext else "")


class AppendOnlyError(Exception):
    pass


class CaseEvent(models.Model):
    """One step of a case. Written in the same transaction as the change; never updated or deleted.

    Database triggers (migrations 0002 and 0003) enforce this even against raw SQL or the admin, and
    `prev_hash`/`hash` chain every event to the one before it, so that a change made around the
    triggers (by the database owner, or with the file) is detected by `netra verify_events` (chain.py).
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    actor_label = models.CharField(max_length=60, blank=True, help_text=_("mis. sistem, pelapor"))
    kind = models.CharField(max_length=40, choices=EventKind.choices)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("peristiwa kasus")
        verbose_name_plural = _("peristiwa kasus")

    def __str__(self):
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("case events are append-only")
        from . import chain

        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        event_appending.send(sender=type(self), instance=self)  # prepare what follows, outside the turn
        # No savepoint inside a caller's transaction: it holds the chain lock until it commits,
        # so every round trip saved here shortens the queue of reports waiting for that lock.
        with transaction.atomic(using=using, savepoint=False):
            self.prev_hash = chain.lock_and_head(using)
            self.hash = chain.event_hash(self, self.prev_hash)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("case events are append-only")


class MatchKind(models.TextChoices):
    NIP = "nip", _("NIP")
    EMPLOYEE = "employee", _("pegawai")
    NAME_TOKEN = "name_token", _("kata nama")
    NAME_KEY = "name_key", _("kunci nama")


class CaseMatchKey(models.Model):
    """Blocking key of a mergeable case, so duplicate suggestions look up a few indexed keys
    instead of scanning every case in a date window. Kept by `match_keys.sync`; derived data."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="match_keys")
    kind = models.CharField(max_length=16, choices=MatchKind.choices)
    value = models.CharField(max_length=200)
    conduct_date = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["kind", "value", "conduct_date"], name="cases_matchkey_lookup")]
        verbose_name = _("kunci pencocokan kasus")
        verbose_name_plural = _("kunci pencocokan kasus")

    def __str__(self):
        return f"{self.kind}:{self.value}"


class TallyDimension(models.TextChoices):
    REGION = "region", _("kabupaten/kota")
    AGENCY = "agency", _("instansi")
    VIOLATION = "violation", _("bentuk pelanggaran")
    SANCTION = "sanction", _("sanksi yang dijatuhkan")
    INFORMATION_ONLY = "info", _("di luar batas waktu pelaporan")
    LATE_DECISION = "late", _("diputus lewat batas waktu")
    WITH_DEADLINE = "due", _("berjalan dengan batas waktu")


class CaseTally(models.Model):
    """Running counts of cases for the dashboards, so they sum a small table instead of every case.

    Each case counts once in the REGION and AGENCY dimensions (its region and agency, or none) and
    once in each other dimension that applies to it; `government_id` (the agency's region) and
    `ppk_visible` let a PPK officer's dashboard keep only their government's cases from the
    recommendation on. WITH_DEADLINE rows (open cases with a deadline, keyed by agency) carry the
    deadline, so "overdue today" is a SUM over rows with `due_date` before today. Rows are signed deltas appended by
    `netra.cases.tallies` whenever a case changes (so concurrent writers never update one row), and
    summed into one row per group every minute by the `compact-case-tallies` task. Derived data:
    `netra rebuild_tallies` recounts it from the cases.
    """

    dimension = models.CharField(max_length=12, choices=TallyDimension.choices)
    key_id = models.IntegerField(null=True, blank=True)  # the region, agency, violation or sanction id
    status = models.CharField(max_length=16, choices=CaseStatus.choices)
    government_id = models.IntegerField(null=True, blank=True)
    ppk_visible = models.BooleanField(default=False)
    due_date = models.DateField(null=True, blank=True)  # WITH_DEADLINE rows: the stage's deadline
    n = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["dimension", "due_date"], name="cases_tally_dim_due")]
        verbose_name = _("rekap jumlah kasus")
        verbose_name_plural = _("rekap jumlah kasus")

    def __str__(self):
        return f"{self.dimension}:{self.key_id} {self.status} {self.n:+d}"


class Submission(models.Model):
    """A report accepted through the API and waiting in the intake inbox to open its case.

    Why an inbox: opening a case (report, case, tallies, match keys, the event on the hash chain and
    the verifiers' messages) costs about ten times what it takes to check a submission and store it.
    In an election-week surge the web answers as soon as the submission is durably stored, and a
    worker opens the cases at its own pace (docs/decisions.md, "The intake inbox"). The reporter's
    tracking code is fixed here and becomes the report's; looking the code up opens a waiting
    submission at once, so the reporter never meets a code that does not exist.

    The whole submission is encrypted with the reporter-identity keys: it carries the reporter's
    identity and update address. A submission that cannot be opened stays, marked failed with the
    reason, for an administrator: nothing a reporter sent is dropped.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("menunggu dicatat")
        OPENED = "opened", _("sudah dicatat")
        FAILED = "failed", _("gagal dicatat")

    tracking_code = models.CharField(_("kode pelacakan"), max_length=20, unique=True,
                                     default=new_tracking_code, editable=False)
    received_at = models.DateTimeField(_("diterima"))
    channel = models.CharField(_("saluran"), max_length=12, choices=Report.Channel.choices,
                               default=Report.Channel.API)
    payload_encrypted = models.TextField(editable=False)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    report = models.OneToOneField(Report, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="submission")
    opened_at = models.DateTimeField(_("dicatat"), null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["id"], condition=models.Q(status="pending"),
                                name="cases_submission_pending")]
        verbose_name = _("kiriman laporan (antrean)")
        verbose_name_plural = _("kiriman laporan (antrean)")

    def __str__(self):
        return self.tracking_code
