"""Reporter identity in escrow: hidden on case pages until someone opens it, with a reason, on the record.

Verifiers, Bawaslu reviewers and admins may need to contact a reporter, but most case work does not
need the name. So the page shows that an identity exists, and opening it is a deliberate act: a reason
is required, and a CaseEvent records who opened which report's identity, when and why. The reporter
sees on their status page that their identity was opened and by which role (not by whom).

An opening lets that person see that identity for OPEN_HOURS; after that a new reason is needed. The
record itself is the state: no session flag that could outlive it or be forged.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.core import crypto
from netra.core.roles import SEES_REPORTER_IDENTITY, Role, roles_of

from .models import CaseEvent, Report

KIND = "identity_opened"
OPEN_HOURS = 8
MIN_REASON = 10


def opening_role(user) -> str:
    """The role under which a user opens an identity: the most specific one they hold."""
    held = roles_of(user)
    for role in (Role.VERIFIER, Role.BAWASLU, Role.ADMIN):
        if role.value in held and role in SEES_REPORTER_IDENTITY:
            return role.value
    return ""


def open_identity(report: Report, actor, reason: str, at: dt.datetime | None = None) -> dict:
    """Record why `actor` opens the reporter's identity, then return it."""
    if not opening_role(actor):
        raise PermissionDenied(_("Peran Anda tidak berwenang membuka identitas pelapor."))
    if report.is_anonymous or not report.identity_encrypted:
        raise ValidationError(_("Laporan ini anonim; tidak ada identitas yang dapat dibuka."), code="anonymous")
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise ValidationError({"reason": _("Tuliskan alasan membuka identitas pelapor (paling sedikit "
                                           "%(n)s karakter).") % {"n": MIN_REASON}})
    with transaction.atomic():
        CaseEvent.objects.create(
            case=report.case, at=at or timezone.now(), actor=actor, kind=KIND, reason=reason,
            data={"report": report.pk, "role": opening_role(actor)},
        )
    return crypto.decrypt_json(report.identity_encrypted)


def opened_for(report: Report, user, now: dt.datetime | None = None) -> dict | None:
    """The identity if `user` opened it within OPEN_HOURS (and may still see identities), else None."""
    if report.is_anonymous or not report.identity_encrypted or not opening_role(user):
        return None
    since = (now or timezone.now()) - dt.timedelta(hours=OPEN_HOURS)
    if not CaseEvent.objects.filter(kind=KIND, actor=user, data__report=report.pk, at__gte=since).exists():
        return None
    return crypto.decrypt_json(report.identity_encrypted)


def openings(report: Report) -> list[dict]:
    """For the reporter's status page: when their identity was opened and by which role."""
    return [{"at": at, "role": Role(data.get("role")).label if data.get("role") in Role.values else ""}
            for at, data in CaseEvent.objects.filter(kind=KIND, data__report=report.pk)
            .order_by("at", "id").values_list("at", "data")]
