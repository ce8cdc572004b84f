"""The outbox and who wants to hear what.

`Message` is the outbox: a row is written in the same transaction as the case event it is about,
and a Celery task sends it afterwards (see `outbox.py`). `ReporterContact` is the reporter's
optional address for updates, encrypted and never shown to staff. `StaffPreference` lets a staff
member choose a channel, a language and a daily digest.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.core import crypto


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")


class ReporterContact(models.Model):
    """Where a reporter (anonymous or not) wants updates about one report.

    The address is encrypted with the reporter-identity keys and is read only by the sender; no
    desk page, admin page, export or API response shows it.
    """

    report = models.OneToOneField("cases.Report", on_delete=models.CASCADE, related_name="update_contact")
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    address_encrypted = models.TextField(editable=False)
    language = models.CharField(_("bahasa"), max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kontak pelapor untuk kabar")
        verbose_name_plural = _("kontak pelapor untuk kabar")

    def __str__(self):
        return f"{self.report_id} ({self.channel})"

    @property
    def address(self) -> str:
        return crypto.decrypt_json(self.address_encrypted).get("address", "")

    def set_address(self, address: str) -> None:
        self.address_encrypted = crypto.encrypt_json({"address": address})


class StaffPreference(models.Model):
    """How one staff member receives notifications: channel, language, single messages or a digest."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference")
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    phone = models.CharField(_("nomor WhatsApp/SMS"), max_length=20, blank=True,
                             help_text=_("Hanya untuk saluran WhatsApp atau SMS, mis. +6281234567890."))
    language = models.CharField(_("bahasa"), max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    daily_digest = models.BooleanField(
        _("ringkasan harian"), default=False,
        help_text=_("Kumpulkan pemberitahuan dan kirim sekali sehari, bukan satu per satu."))

    class Meta:
        verbose_name = _("preferensi notifikasi")
        verbose_name_plural = _("preferensi notifikasi")

    def __str__(self):
        return str(self.user)


class Message(models.Model):
    """One outgoing message. Rendered when written, sent after the transaction commits.

    `attempts`, `last_error` and `next_attempt_at` record the delivery; a failed send is retried
    with exponential backoff up to NETRA_NOTIFY_MAX_ATTEMPTS, then marked failed for an operator.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu dikirim")
        SENDING = "sending", _("Sedang dikirim")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")
        HELD = "held", _("Menunggu ringkasan harian")
        BATCHED = "batched", _("Masuk ringkasan harian")

    class Audience(models.TextChoices):
        REPORTER = "reporter", _("Pelapor")
        STAFF = "staff", _("Staf")

    created_at = models.DateTimeField(_("dibuat"), db_index=True)
    audience = models.CharField(_("penerima"), max_length=10, choices=Audience.choices)
    topic = models.CharField(_("jenis"), max_length=40)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    event = models.ForeignKey("cases.CaseEvent", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recipient_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                                       related_name="+", verbose_name=_("staf penerima"))
    reporter_contact = models.ForeignKey(ReporterContact, null=True, blank=True, on_delete=models.CASCADE,
                                         related_name="messages")
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    language = models.CharField(_("bahasa"), max_length=8)
    subject = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    dedup_key = models.CharField(max_length=120, null=True, blank=True, unique=True,
                                 help_text=_("Mencegah pengingat yang sama terkirim dua kali."))
    digest = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="items",
                               verbose_name=_("ringkasan"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pesan keluar")
        verbose_name_plural = _("pesan keluar (outbox)")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.topic} → {self.get_audience_display()} ({self.get_status_display()})"

    def address(self) -> str:
        """Resolved when sending, so a staff member's changed e-mail or phone is used."""
        if self.reporter_contact_id:
            return self.reporter_contact.address
        user = self.recipient_user
        if user is None:
            return ""
        if self.channel == Channel.EMAIL:
            return user.email
        pref = getattr(user, "notification_preference", None)
        return pref.phone if pref else ""
