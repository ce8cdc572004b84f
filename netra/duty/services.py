"""Duty letters (surat tugas): register, revoke, and find the letters that explain a presence.

Registering and revoking are the only writes, each in one transaction with its event row. Letters are
registered by the issuing side (PPK/BKD officers for employees of their government, administrators),
never by the employee a letter covers: a letter someone registers for themself after being seen at a
campaign is no evidence. Verifiers, Bawaslu and supervisors read them, and see when and by whom each
letter was registered; a letter registered after the conduct, or after a report about it, is marked
as such and never presented as a plain valid alibi (`registration_timing`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from netra.core.links import site_url
from netra.core.names import normalize_name
from netra.core.permissions import (
    DUTY_LETTER_OFFICERS,
    DUTY_LETTER_READERS,
    Scope,
    government_scope,
    officer_government_id,
)
from netra.core.roles import Role, has_role
from netra.registry.models import Employee, Region

from .models import DutyLetter, DutyLetterEvent

OFFICER_ROLES = DUTY_LETTER_OFFICERS
READER_ROLES = DUTY_LETTER_READERS
NAME_MATCH_MIN = 85
MAX_DAYS = 366


def _now(at):
    return at or timezone.now()


def can_register_for(user, employee: Employee) -> bool:
    """Administrators: anyone but themself. PPK officers: employees of agencies of their government,
    never themself, and no one while their account names no government. ASN: nobody (their office
    registers the letters that cover them, so a letter cannot be an alibi written by the accused)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if employee.user_id is not None and employee.user_id == user.pk:
        return False
    if has_role(user, Role.ADMIN):
        return True
    if has_role(user, Role.PPK):
        return Scope(government_id=officer_government_id(user)).covers(employee.agency.region_id)
    return False


def can_read(user, letter: DutyLetter) -> bool:
    if government_scope(user).covers(letter.employee.agency.region_id):
        return True
    return getattr(user, "is_authenticated", False) and letter.employee.user_id == user.pk


def can_revoke(user, letter: DutyLetter) -> bool:
    return has_role(user, *OFFICER_ROLES) and can_register_for(user, letter.employee)


@dataclass
class LetterInput:
    employee: Employee
    letter_number: str
    event: str
    place: str
    date_from: dt.date
    date_to: dt.date
    purpose: str
    issuing_official: str
    issued_on: dt.date | None = None
    region: Region | None = None


def _check(data: LetterInput) -> dict:
    errors = {}
    for name, label in (("letter_number", _("Nomor surat")), ("event", _("Kegiatan")), ("place", _("Tempat")),
                        ("purpose", _("Maksud penugasan")), ("issuing_official", _("Pejabat pemberi tugas"))):
        if not (getattr(data, name) or "").strip():
            errors[name] = _("%(field)s wajib diisi.") % {"field": label}
    if data.date_from and data.date_to:
        if data.date_to < data.date_from:
            errors["date_to"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        elif (data.date_to - data.date_from).days > MAX_DAYS:
            errors["date_to"] = _("Masa berlaku surat tugas paling lama satu tahun.")
    if data.issued_on and data.date_to and data.issued_on > data.date_to:
        errors["issued_on"] = _("Tanggal surat tidak boleh setelah masa tugas berakhir.")
    if data.employee.status != Employee.Status.ACTIVE:
        errors["employee"] = _("Pegawai tidak berstatus aktif.")
    return errors


def register_letter(data: LetterInput, actor, at: dt.datetime | None = None) -> DutyLetter:
    at = _now(at)
    if actor is not None and not can_register_for(actor, data.employee):
        raise PermissionDenied(_("Anda tidak berwenang mencatat surat tugas untuk pegawai ini."))
    errors = _check(data)
    if errors:
        raise ValidationError(errors)
    number = data.letter_number.strip()
    with transaction.atomic():
        clash = DutyLetter.objects.filter(agency=data.employee.agency, letter_number__iexact=number,
                                          employee=data.employee, revoked_at__isnull=True).exists()
        if clash:
            raise ValidationError({"letter_number": _("Surat tugas bernomor ini untuk pegawai ini sudah tercatat.")})
        letter = DutyLetter.objects.create(
            employee=data.employee, holder_name=data.employee.name, agency=data.employee.agency,
            letter_number=number, event=data.event.strip(), place=data.place.strip(), region=data.region,
            date_from=data.date_from, date_to=data.date_to, purpose=data.purpose.strip(),
            issuing_official=data.issuing_official.strip(), issued_on=data.issued_on or timezone.localdate(at),
            registered_by=actor, registered_at=at,
        )
        DutyLetterEvent.objects.create(letter=letter, kind=DutyLetterEvent.Kind.REGISTERED, at=at, actor=actor)
    return letter


def revoke_letter(letter: DutyLetter, actor, reason: str, at: dt.datetime | None = None) -> DutyLetter:
    at = _now(at)
    if actor is not None and not can_revoke(actor, letter):
        raise PermissionDenied(_("Anda tidak berwenang mencabut surat tugas ini."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Alasan pencabutan wajib diisi.")})
    with transaction.atomic():
        letter = DutyLetter.objects.select_for_update().get(pk=letter.pk)
        if letter.revoked_at is not None:
            raise ValidationError(_("Surat tugas ini sudah dicabut."))
        letter.revoked_at = at
        letter.revoked_by = actor
        letter.revoke_reason = reason.strip()
        letter.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        DutyLetterEvent.objects.create(letter=letter, kind=DutyLetterEvent.Kind.REVOKED, at=at, actor=actor,
                                       reason=letter.revoke_reason)
    return letter


AFTER_CONDUCT = "after_conduct"
AFTER_REPORT = "after_report"


def registration_timing(letter: DutyLetter, conduct_date: dt.date | None,
                        reported_at: dt.datetime | None = None) -> str:
    """"after_report" when the letter was registered after a report about the conduct came in,
    "after_conduct" when registered on a day after the conduct, else "" (registered in time).

    A genuine duty letter exists before the duty; one that appears only once the employee was seen,
    or reported, may have been written for the occasion, whatever date it carries.
    """
    if reported_at is not None and letter.registered_at > reported_at:
        return AFTER_REPORT
    if conduct_date is not None and timezone.localdate(letter.registered_at) > conduct_date:
        return AFTER_CONDUCT
    return ""


def registrar_label(letter: DutyLetter, *, with_name: bool) -> str:
    """Who registered a letter: the role and government (public page), and the person (staff pages)."""
    user = letter.registered_by
    if user is None:
        return _("sistem")
    role = _("Petugas PPK/BKD") if has_role(user, Role.PPK) else (
        _("Administrator Netra") if has_role(user, Role.ADMIN) else _("Pengguna lain"))
    government_id = officer_government_id(user)
    government = Region.objects.filter(pk=government_id).first() if government_id else None
    parts = [role] + ([str(government)] if government else [])
    if with_name:
        parts.insert(0, user.get_full_name() or user.get_username())
    return " · ".join(parts)


def letters_for(employee: Employee | None = None, name: str | None = None, on_date: dt.date | None = None,
                region=None, include_revoked: bool = True, reported_at: dt.datetime | None = None
                ) -> list[DutyLetter]:
    """Letters that may explain an employee's presence at an event (for the verifier's case page).

    By employee when known, otherwise by a fuzzy match of `name` (rapidfuzz, score ≥ 85)
    against the name on the letter and the employee's current name. `on_date` keeps letters whose
    period covers that day; `region` keeps letters for that kabupaten/kota or without a region.
    Revoked letters are included (their state says so) unless `include_revoked` is False. Each
    letter carries `match_score` (100 for an employee match), `state` on `on_date`, and `timing`:
    whether it was registered after `on_date` or after `reported_at` (see `registration_timing`).
    """
    if employee is None and not (name or "").strip():
        return []
    qs = DutyLetter.objects.select_related("employee", "agency", "region", "registered_by")
    if on_date is not None:
        qs = qs.filter(date_from__lte=on_date, date_to__gte=on_date)
    if region is not None:
        qs = qs.filter(Q(region=region) | Q(region__isnull=True))
    if not include_revoked:
        qs = qs.filter(revoked_at__isnull=True)
    found = []
    if employee is not None:
        for letter in qs.filter(employee=employee):
            letter.match_score = 100  # type: ignore[attr-defined]  # shown with the result, not stored
            found.append(letter)
    else:
        wanted = normalize_name(name or "")
        # A subset match ("Budi Santoso" in "Budi Santoso, S.Pd") counts only for a name of two or
        # more words; a single word must resemble the whole name.
        scorer = fuzz.token_set_ratio if len(wanted.split()) >= 2 else fuzz.token_sort_ratio
        for letter in qs:
            score = max(scorer(wanted, normalize_name(letter.holder_name)),
                        scorer(wanted, normalize_name(letter.employee.name)))
            if score >= NAME_MATCH_MIN:
                letter.match_score = round(score)  # type: ignore[attr-defined]
                found.append(letter)
    for letter in found:
        letter.state = letter.state_on(on_date)  # type: ignore[attr-defined]
        letter.timing = registration_timing(letter, on_date, reported_at)  # type: ignore[attr-defined]
    found.sort(key=lambda x: (-x.match_score, x.revoked_at is not None,  # type: ignore[attr-defined]
                              -x.date_from.toordinal()))
    return found


def verify_url(letter: DutyLetter, request=None) -> str:
    return site_url(reverse("duty:verify", args=[letter.code]), request)
