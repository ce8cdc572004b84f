"""What a staff account is scoped to. Roles themselves are Django groups (see netra.core.roles)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffProfile(models.Model):
    """A PPK officer acts for one regional government (see netra.core.permissions.government_scope).

    There is no agency scope: the PPK is the head of the regional government, whose officers handle
    every agency of it, and no other role is limited to one agency.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile")
    government = models.ForeignKey(
        "registry.Region", null=True, blank=True, on_delete=models.PROTECT,
        verbose_name=_("pemerintah daerah"),
        help_text=_("Untuk petugas PPK: kasus pegawai dari instansi pemerintah daerah ini."),
    )

    class Meta:
        verbose_name = _("profil staf")
        verbose_name_plural = _("profil staf")

    def __str__(self):
        return str(self.user)
