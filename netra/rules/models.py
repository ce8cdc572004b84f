"""The legal catalogue (SKB 2022 violation forms and sanctions) and the election calendars.

Everything here is reference data: loaded from versioned files by `netra load_reference` and
editable in the admin, because several values are UNCONFIRMED in the sources and must change
without a code release.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SanctionType(models.Model):
    class Level(models.TextChoices):
        MORAL = "moral", _("Sanksi moral")
        LIGHT = "light", _("Hukuman disiplin ringan")
        MODERATE = "moderate", _("Hukuman disiplin sedang")
        HEAVY = "heavy", _("Hukuman disiplin berat")
        PTDH = "ptdh", _("Pemberhentian tidak dengan hormat")
        CRIMINAL = "criminal", _("Pidana")

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    name = models.CharField(_("nama"), max_length=200)
    name_en = models.CharField(_("nama (Inggris)"), max_length=200, blank=True)
    legal_basis = models.CharField(_("dasar hukum"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("jenis sanksi")
        verbose_name_plural = _("jenis sanksi")

    def __str__(self):
        return self.name


class ViolationType(models.Model):
    """One form of the SKB 2022 matrix (E1–E7 code of ethics, D1–D13 discipline)."""

    class Group(models.TextChoices):
        ETHICS = "E", _("Pelanggaran kode etik")
        DISCIPLINE = "D", _("Pelanggaran disiplin")

    class Stage(models.TextChoices):
        BEFORE = "before", _("Sebelum penetapan calon (bakal calon)")
        AFTER = "after", _("Sesudah penetapan calon (calon)")
        ANY = "any", _("Kapan pun")

    code = models.CharField(_("kode"), max_length=4, unique=True)
    group = models.CharField(_("kelompok"), max_length=1, choices=Group.choices)
    stage = models.CharField(_("tahap"), max_length=6, choices=Stage.choices)
    title = models.CharField(_("bentuk pelanggaran"), max_length=400)
    title_en = models.CharField(_("bentuk (Inggris)"), max_length=400, blank=True)
    legal_basis = models.CharField(_("dasar hukum"), max_length=300, blank=True)
    sanction_level = models.CharField(_("tingkat sanksi"), max_length=10, choices=SanctionType.Level.choices,
                                      blank=True)
    sanctions = models.ManyToManyField(SanctionType, blank=True, related_name="violation_types",
                                       verbose_name=_("sanksi yang dapat dijatuhkan"))
    default_sanction = models.ForeignKey(SanctionType, null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+", verbose_name=_("usulan sanksi bawaan"))
    counterpart = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("padanan di sisi lain tanggal penetapan"),
        help_text=_("Bentuk yang berlaku bila tanggal perbuatan jatuh di tahap yang lain."),
    )
    social_media = models.BooleanField(_("relevan untuk media sosial"), default=False)
    note = models.TextField(_("catatan sumber"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("bentuk pelanggaran")
        verbose_name_plural = _("bentuk pelanggaran")

    def __str__(self):
        return f"{self.code} – {self.title}"


class Contest(models.Model):
    """One race: Pilpres 2024, Pileg 2024, Pilgub Kaltim 2024, Pilwali Samarinda 2024, …"""

    class Kind(models.TextChoices):
        PRESIDENT = "pilpres", _("Pemilu Presiden dan Wakil Presiden")
        LEGISLATIVE = "pileg", _("Pemilu DPR, DPD dan DPRD")
        GOVERNOR = "pilgub", _("Pemilihan Gubernur")
        REGENT = "pilbup", _("Pemilihan Bupati")
        MAYOR = "pilwali", _("Pemilihan Wali Kota")

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    election = models.CharField(_("pemilihan"), max_length=60, help_text=_("mis. Pemilu 2024, Pilkada 2024"))
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    region = models.ForeignKey("registry.Region", null=True, blank=True, on_delete=models.PROTECT,
                               verbose_name=_("wilayah"), help_text=_("Kosong untuk pemilihan nasional."))
    candidate_determination_date = models.DateField(
        _("tanggal penetapan calon"),
        help_text=_("Perbuatan sebelum tanggal ini menyangkut bakal calon (kode etik); sejak tanggal ini, "
                    "calon (disiplin)."),
    )
    voting_date = models.DateField(_("hari pemungutan suara"))
    note = models.TextField(_("catatan sumber"), blank=True)

    class Meta:
        ordering = ["-voting_date", "kind", "name"]
        verbose_name = _("kontestasi")
        verbose_name_plural = _("kontestasi")

    def __str__(self):
        return self.name


class ContestStage(models.Model):
    """A stage of an election calendar and what it means for ASN."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Pendaftaran calon")
        DETERMINATION = "determination", _("Penetapan calon")
        CAMPAIGN = "campaign", _("Masa kampanye")
        QUIET = "quiet", _("Masa tenang")
        VOTING = "voting", _("Pemungutan suara")
        RECAP = "recap", _("Penghitungan dan rekapitulasi")

    election = models.CharField(_("pemilihan"), max_length=60, db_index=True)
    kind = models.CharField(_("tahap"), max_length=14, choices=Kind.choices)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    asn_guidance = models.TextField(_("arti bagi ASN"))
    asn_guidance_en = models.TextField(_("arti bagi ASN (Inggris)"), blank=True)

    class Meta:
        ordering = ["starts_on", "kind"]
        constraints = [models.UniqueConstraint(fields=["election", "kind"], name="uniq_stage_per_election")]
        verbose_name = _("tahapan pemilihan")
        verbose_name_plural = _("tahapan pemilihan")

    def __str__(self):
        return f"{self.election}: {self.get_kind_display()}"


class RecommendingAuthority(models.Model):
    """Who sends the sanction recommendation to the PPK, by date (regulations §2.6)."""

    code = models.SlugField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    valid_from = models.DateField(_("berlaku sejak"), null=True, blank=True)
    valid_to = models.DateField(_("berlaku sampai"), null=True, blank=True)

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("lembaga pemberi rekomendasi")
        verbose_name_plural = _("lembaga pemberi rekomendasi")

    def __str__(self):
        return self.name


class ExtraNonWorkingDay(models.Model):
    """A day off the `holidays` library does not know (a regional holiday, a late decree)."""

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("keterangan"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("hari libur tambahan")
        verbose_name_plural = _("hari libur tambahan")

    def __str__(self):
        return f"{self.date}: {self.name}"
