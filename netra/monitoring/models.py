"""Social-media posts of ASN accounts, their screening results, and flags for verifiers.

A screener result is a lead for a human, never a verdict: a partisan result only opens a Flag;
a verifier confirms it (which files a report with the post archived as evidence) or dismisses it.
Both decisions are kept as labelled feedback for retraining.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.registry.models import SocialAccount


class Action(models.TextChoices):
    POST = "post", _("Mengunggah")
    SHARE = "share", _("Membagikan")
    LIKE = "like", _("Menyukai")
    COMMENT = "comment", _("Mengomentari")
    CAPTION = "caption", _("Keterangan foto")
    PHOTO_GESTURE = "photo_gesture", _("Foto dengan gestur")
    FOLLOW = "follow", _("Mengikuti akun")


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu penyaringan")
        SCREENING = "screening", _("Sedang disaring")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(_("sumber"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    screened = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)
    row_errors = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("impor unggahan")
        verbose_name_plural = _("impor unggahan")

    def __str__(self):
        return f"{self.source or self.uid} ({timezone.localtime(self.created_at):%Y-%m-%d %H:%M} WITA)"


class Post(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="posts")
    account = models.ForeignKey(SocialAccount, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="posts", verbose_name=_("akun ASN"))
    platform = models.CharField(_("platform"), max_length=20, blank=True)
    account_handle = models.CharField(_("nama akun"), max_length=120, blank=True)
    external_id = models.CharField(_("ID unggahan"), max_length=200)
    url = models.URLField(_("tautan"), max_length=1000, blank=True)
    text = models.TextField(_("teks"))
    action = models.CharField(_("tindakan"), max_length=16, choices=Action.choices, default=Action.POST)
    posted_at = models.DateTimeField(_("waktu unggah"), null=True, blank=True)
    captured_at = models.DateTimeField(_("waktu tangkap"))
    screened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-captured_at"]
        constraints = [models.UniqueConstraint(fields=["platform", "external_id"], name="uniq_post_per_platform")]
        verbose_name = _("unggahan")
        verbose_name_plural = _("unggahan")

    def __str__(self):
        return f"{self.platform}:{self.external_id}"


class ScreeningResult(models.Model):
    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="result")
    label = models.CharField(max_length=20, db_index=True)
    score = models.FloatField()
    scores = models.JSONField(default=dict)
    targets = models.JSONField(default=list)
    stance = models.CharField(max_length=10)
    evidence = models.JSONField(default=list)
    violation = models.CharField(max_length=4, blank=True)
    violation_note = models.TextField(blank=True)
    model_version = models.CharField(max_length=60)
    # A screener decision rule that fixed the label (netra.screening.model): "bare_campaign", "campaign_cue"
    rule = models.CharField(max_length=20, blank=True)
    screened_at = models.DateTimeField()

    def __str__(self):
        return f"{self.label} {self.score:.2f}"


class Flag(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Perlu ditinjau")
        CONFIRMED = "confirmed", _("Dikonfirmasi: dijadikan laporan")
        DISMISSED = "dismissed", _("Ditolak")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    post = models.OneToOneField(Post, on_delete=models.PROTECT, related_name="flag")
    created_at = models.DateTimeField()
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("alasan"), blank=True)
    report = models.ForeignKey("cases.Report", null=True, blank=True, on_delete=models.PROTECT, related_name="flags")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tanda")
        verbose_name_plural = _("tanda")

    def __str__(self):
        return f"{self.post} {self.status}"


class Feedback(models.Model):
    """A verifier's label for a screened post: the training data of the next model."""

    post = models.OneToOneField(Post, on_delete=models.PROTECT, related_name="feedback")
    label = models.CharField(max_length=20)
    target = models.JSONField(default=list, blank=True)
    stance = models.CharField(max_length=10, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    def __str__(self):
        return f"{self.post} → {self.label}"


class LexiconEntry(models.Model):
    """An admin's addition to the election lexicon (same JSON schema as the shipped lexicon file)."""

    name = models.CharField(_("nama"), max_length=200)
    entry = models.JSONField(_("entri"), help_text=_("Potongan leksikon: mis. kontestasi baru beserta kontestannya."))
    is_active = models.BooleanField(_("aktif"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("entri leksikon")
        verbose_name_plural = _("entri leksikon")

    def __str__(self):
        return self.name
