"""Duty letters (surat tugas): proof that an ASN was at an event on official duty.

A letter is registered by an agency officer, carries an unguessable code and a QR code to a public
page that answers valid / expired / revoked with minimal personal data. State changes are in
`services.py`; the log is append-only.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.core.codes import random_code


def new_letter_code() -> str:
    return random_code(groups=4, prefix="ST")


class LetterState(models.TextChoices):
    UPCOMING = "upcoming", _("Belum berlaku")
    VALID = "valid", _("Berlaku")
    EXPIRED = "expired", _("Kedaluwarsa")
    REVOKED = "revoked", _("Dicabut")


class DutyLetter(models.Model):
    code = models.CharField(_("kode verifikasi"), max_length=24, unique=True, default=new_letter_code,
                            editable=False)
    employee = models.ForeignKey("registry.Employee", on_delete=models.PROTECT, related_name="duty_letters",
                                 verbose_name=_("pegawai"))
    holder_name = models.CharField(_("nama pegawai (saat terbit)"), max_length=200)
    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="duty_letters",
                               verbose_name=_("instansi"))
    letter_number = models.CharField(_("nomor surat"), max_length=120)
    event = models.CharField(_("kegiatan"), max_length=300)
    place = models.CharField(_("tempat"), max_length=300)
    region = models.ForeignKey("registry.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="duty_letters", verbose_name=_("kabupaten/kota tempat tugas"))
    date_from = models.DateField(_("berlaku dari"))
    date_to = models.DateField(_("berlaku sampai"))
    purpose = models.TextField(_("maksud penugasan"))
    issuing_official = models.CharField(_("pejabat pemberi tugas"), max_length=200)
    issued_on = models.DateField(_("tanggal surat"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                      related_name="+", verbose_name=_("dicatat oleh"))
    registered_at = models.DateTimeField(_("dicatat"))
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    revoke_reason = models.TextField(_("alasan pencabutan"), blank=True)

    class Meta:
        ordering = ["-date_from", "-registered_at"]
        verbose_name = _("surat tugas")
        verbose_name_plural = _("surat tugas")
        indexes = [models.Index(fields=["date_from", "date_to"])]
        constraints = [models.CheckConstraint(condition=models.Q(date_to__gte=models.F("date_from")),
                                              name="duty_letter_dates_ordered")]

    def __str__(self):
        return f"{self.letter_number} ({self.holder_name})"

    def state_on(self, day: dt.date | None = None) -> str:
        day = day or timezone.localdate()
        if self.revoked_at is not None:
            return LetterState.REVOKED
        if day < self.date_from:
            return LetterState.UPCOMING
        if day > self.date_to:
            return LetterState.EXPIRED
        return LetterState.VALID

    def state_label(self, day: dt.date | None = None) -> str:
        return str(LetterState(self.state_on(day)).label)


class DutyLetterEvent(models.Model):
    class Kind(models.TextChoices):
        REGISTERED = "registered", _("Dicatat")
        REVOKED = "revoked", _("Dicabut")

    letter = models.ForeignKey(DutyLetter, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    at = models.DateTimeField(_("waktu"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    reason = models.TextField(_("alasan"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("riwayat surat tugas")
        verbose_name_plural = _("riwayat surat tugas")

    def __str__(self):
        return f"{self.letter.code}: {self.get_kind_display()}"
