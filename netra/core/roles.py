"""Staff roles, kept as Django groups so that admins manage them with Django's own tools.

The role decides which queues a person sees and which personal data they may read. Keeping the
names in one place means views, the API and tests check the same strings.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VERIFIER = "verifier", _("Verifikator (Satgas Netralitas)")
    BAWASLU = "bawaslu", _("Peninjau Bawaslu")
    PPK = "ppk", _("Petugas PPK/BKD")
    SUPERVISOR = "supervisor", _("Pimpinan/Pengawas")
    MONITOR = "monitor", _("Pemantau Media Sosial")
    TRAINER = "trainer", _("Pelatih BPSDM")
    ASN = "asn", _("ASN")
    ADMIN = "admin", _("Administrator")


# Who may read what. Reporter identity protects whistle-blowers: only those who must contact
# the reporter or examine the report formally see it. NIP identifies the employee for sanctions.
SEES_REPORTER_IDENTITY = {Role.VERIFIER, Role.BAWASLU, Role.ADMIN}
SEES_NIP = {Role.VERIFIER, Role.BAWASLU, Role.PPK, Role.ADMIN, Role.MONITOR}
# The other role sets (who works on cases, letters, imports ...) are in netra.core.permissions.


def roles_of(user) -> set[str]:
    """The set of role names a user holds; superusers hold every role."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return {r.value for r in Role}
    cached = getattr(user, "_netra_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) & {r.value for r in Role}
        user._netra_roles = cached
    return cached


def has_role(user, *roles) -> bool:
    return bool(roles_of(user) & {str(r) for r in roles})


def can_see_reporter_identity(user) -> bool:
    return has_role(user, *SEES_REPORTER_IDENTITY)


def can_see_nip(user) -> bool:
    return has_role(user, *SEES_NIP)
