"""Regions, agencies (OPD), civil servants and their public social-media accounts."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import validators


class Region(models.Model):
    """A province or kabupaten/kota with its Kemendagri code (regulations §6)."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Provinsi")
        REGENCY = "kabupaten", _("Kabupaten")
        CITY = "kota", _("Kota")

    code = models.CharField(_("kode Kemendagri"), max_length=8, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    area_km2 = models.DecimalField(_("luas (km²)"), max_digits=10, decimal_places=3, null=True, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    # IKN has no Kemendagri code yet (UNCONFIRMED); it is an overlay on 64.02/64.09.
    has_ikn_area = models.BooleanField(_("memuat wilayah IKN"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self):
        if self.kind == self.Kind.PROVINCE:
            return self.name
        return f"{self.get_kind_display()} {self.name}"


class Agency(models.Model):
    """A government body (OPD) whose PPK is the head of the region that owns it."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="agencies",
                               verbose_name=_("pemerintah daerah"))
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["region__code", "name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")

    def __str__(self):
        return self.short_name or self.name


class Employee(models.Model):
    class Type(models.TextChoices):
        PNS = validators.PNS, _("PNS")
        PPPK = validators.PPPK, _("PPPK")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktif")
        EXITED = "exited", _("Keluar (diberhentikan/pensiun/mengundurkan diri)")

    employee_type = models.CharField(_("jenis pegawai"), max_length=5, choices=Type.choices, default=Type.PNS)
    nip = models.CharField(_("NIP / NI PPPK"), max_length=18, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="employees",
                               verbose_name=_("instansi"))
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="employees",
                               verbose_name=_("lokasi kerja"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    user = models.OneToOneField("auth.User", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="employee")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("pegawai ASN")
        verbose_name_plural = _("pegawai ASN")

    def __str__(self):
        return self.name

    def clean(self):
        try:
            self.nip = validators.validate_nip(self.nip, self.employee_type)
        except ValidationError as exc:
            raise ValidationError({"nip": exc.messages}) from None


class SocialAccount(models.Model):
    """A public social-media account known to belong to an employee (for screening)."""

    class Platform(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        INSTAGRAM = "instagram", "Instagram"
        X = "x", "X/Twitter"
        TIKTOK = "tiktok", "TikTok"
        YOUTUBE = "youtube", "YouTube"
        OTHER = "other", _("Lainnya")

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="social_accounts")
    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    handle = models.CharField(_("nama akun"), max_length=120)
    url = models.URLField(_("tautan profil"), blank=True)
    is_active = models.BooleanField(_("dipantau"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "handle"], name="uniq_social_account")]
        verbose_name = _("akun media sosial")
        verbose_name_plural = _("akun media sosial")

    def __str__(self):
        return f"{self.get_platform_display()} @{self.handle}"


class EmployeeImportJob(models.Model):
    """A large register file imported in the background (a Celery task, in-process without a broker).

    The uploaded bytes are kept with the job so nothing a user submitted is lost if a worker stops;
    the page polls `rows_checked` for progress and shows the row report from `report` when done.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("menunggu")
        RUNNING = "running", _("diproses")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    uid = models.UUIDField(unique=True, editable=False)
    created_at = models.DateTimeField(_("dibuat"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    government = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("nama berkas"), max_length=200, blank=True)
    data = models.BinaryField(_("isi berkas"))
    only_valid = models.BooleanField(default=False)
    dry_run = models.BooleanField(default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    imported = models.BooleanField(default=False)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("impor daftar ASN")
        verbose_name_plural = _("impor daftar ASN")

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return int(100 * self.rows_checked / self.rows_total) if self.rows_total else 0
