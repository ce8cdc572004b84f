"""Intake: a report arrives (web, API, a confirmed monitoring flag), its evidence is sealed and a case
opens; the reporter may add information later. The reporter's identity is decrypted only here.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netra.core import crypto
from netra.registry.models import Agency, Employee, Region
from netra.registry.validators import normalize_nip
from netra.rules import services as rules

from .. import evidence as evidence_io
from .. import match_keys
from ..models import Case, Evidence, Report, ReportNote
from .base import (
    S,
    _local_date,
    _log,
    _now,
    report_window_end,
    stage_due_date,
)

# ---------------------------------------------------------------------------------------------
# intake


@dataclass
class ReportInput:
    """What a reporter tells us; forms and the API both fill this."""

    subject_name: str
    region: Region
    conduct_date: dt.date
    description: str
    known_date: dt.date | None = None
    subject_agency_text: str = ""
    agency: Agency | None = None
    subject_nip: str = ""
    subject_position: str = ""
    location: str = ""
    chronology: str = ""
    links: list[str] = field(default_factory=list)
    is_anonymous: bool = True
    reporter_name: str = ""
    reporter_email: str = ""
    reporter_phone: str = ""
    reporter_address: str = ""
    channel: str = Report.Channel.WEB
    # Social-media posts archived as evidence (monitoring): dicts with text, url, captured_at.
    archived_posts: list[dict] = field(default_factory=list)


def check_report(data: ReportInput, today: dt.date) -> dict:
    errors = {}
    if not (data.subject_name or "").strip():
        errors["subject_name"] = _("Nama terlapor wajib diisi.")
    if not (data.description or "").strip():
        errors["description"] = _("Uraikan apa yang terjadi.")
    if data.conduct_date and data.conduct_date > today:
        errors["conduct_date"] = _("Tanggal kejadian tidak boleh di masa depan.")
    if data.known_date and data.conduct_date and data.known_date < data.conduct_date:
        errors["known_date"] = _("Tanggal mengetahui tidak boleh sebelum tanggal kejadian.")
    if data.known_date and data.known_date > today:
        errors["known_date"] = _("Tanggal mengetahui tidak boleh di masa depan.")
    if not data.is_anonymous and not (data.reporter_name or "").strip():
        errors["reporter_name"] = _("Isi nama Anda, atau pilih melapor secara anonim.")
    if not data.is_anonymous and not (data.reporter_email or data.reporter_phone):
        errors["reporter_email"] = _("Isi email atau nomor telepon agar petugas dapat menghubungi Anda.")
    return errors


def _check_files(files, errors: dict) -> list:
    """Check every upload before anything is written; problems go into `errors["files"]`."""
    files = list(files or [])
    if len(files) > settings.NETRA_EVIDENCE_MAX_FILES:
        errors["files"] = _("Paling banyak %(n)s berkas.") % {"n": settings.NETRA_EVIDENCE_MAX_FILES}
        return []
    checked, problems = [], []
    for uploaded in files:
        try:
            checked.append(evidence_io.check_upload(uploaded))
        except ValidationError as exc:
            problems.extend(exc.messages)
    if problems:
        errors["files"] = " ".join(problems)
    return checked


def _store_files(report: Report, note: ReportNote | None, checked: list, at: dt.datetime) -> None:
    for item in checked:
        ev = Evidence(report=report, note=note, kind=Evidence.Kind.FILE, received_at=at, original_name=item.name,
                      content_type=item.content_type, size=len(item.data), sha256=item.sha256,
                      metadata_removed=item.removed)
        evidence_io.store(ev, item)
        ev.save()


def submit_report(data: ReportInput, files=(), at: dt.datetime | None = None,
                  tracking_code: str | None = None) -> Report:
    """Receive a report: validate everything first, then store report, evidence and a new case.

    Nothing is written unless every part is valid, so a rejected submission changes nothing.
    A report after the 7-day window is still accepted, marked as outside the formal window.
    `tracking_code` is the code already given to the reporter when the report waited in the intake
    inbox (services/inbox.py); a new one is drawn otherwise.
    """
    at = _now(at)
    today = _local_date(at)
    errors = check_report(data, today)
    checked = _check_files(files, errors)
    if errors:
        raise ValidationError(errors)

    nip = normalize_nip(data.subject_nip)
    employee = Employee.objects.filter(nip=nip).select_related("agency").first() if nip else None
    known = data.known_date or data.conduct_date
    identity = {}
    if not data.is_anonymous:
        identity = {k: v for k, v in {
            "name": data.reporter_name.strip(), "email": data.reporter_email.strip(),
            "phone": data.reporter_phone.strip(), "address": data.reporter_address.strip(),
        }.items() if v}
    within_window = today <= report_window_end(known)
    agency = data.agency or (employee.agency if employee else None)
    subject_name = data.subject_name.strip()
    # No savepoint when the caller already holds a transaction (the API view keeps the update
    # contact with the report): a failure here aborts the caller's transaction anyway.
    with transaction.atomic(savepoint=False):
        # The case first, so the report is written once with its case (no second UPDATE).
        case = _new_case(subject_name=subject_name, employee=employee, agency=agency, region=data.region,
                         conduct_date=data.conduct_date, within_window=within_window, at=at)
        code = {"tracking_code": tracking_code} if tracking_code else {}
        report = Report.objects.create(
            **code, received_at=at, channel=data.channel, is_anonymous=data.is_anonymous,
            identity_encrypted=crypto.encrypt_json(identity) if identity else "",
            subject_name=subject_name, subject_agency_text=data.subject_agency_text.strip(),
            subject_nip=nip, subject_position=data.subject_position.strip(),
            employee=employee, agency=agency, case=case,
            region=data.region, location=data.location.strip(), conduct_date=data.conduct_date,
            known_date=known, within_window=within_window,
            description=data.description.strip(), chronology=data.chronology.strip(),
            links=[link.strip() for link in data.links if link.strip()],
        )
        match_keys.add_for_new_case(case, report)  # after the report: its typed NIP is a key
        _store_files(report, None, checked, at)
        for link in report.links:
            Evidence.objects.create(report=report, kind=Evidence.Kind.LINK, received_at=at, url=link)
        for post in data.archived_posts:
            archive_post(report, post, at)
        # The evidence count is known here; the event is logged last, after everything it describes.
        _log(case, "received", at, None, to_status=S.RECEIVED, actor_label="pelapor",
             data={"report": report.tracking_code, "channel": report.channel,
                   "within_window": report.within_window,
                   "evidence": len(checked) + len(report.links) + len(data.archived_posts)})
    return report


def archive_post(report: Report, post: dict, at: dt.datetime) -> Evidence:
    """Keep a social-media post as evidence: text, URL and capture time, sealed by a SHA-256.

    The hash covers a canonical JSON of the three fields, so anyone holding the archived text can
    recompute it and show it is what the monitor captured.
    """
    captured = post["captured_at"]
    canonical = evidence_io.canonical_post(post.get("text", ""), post.get("url", ""), captured)
    return Evidence.objects.create(
        report=report, kind=Evidence.Kind.POST, received_at=at, url=post.get("url", "")[:1000],
        text=post.get("text", ""), captured_at=captured, sha256=evidence_io.sha256_text(canonical),
        original_name=post.get("account", "")[:255], content_type="text/plain; charset=utf-8",
        size=len(canonical.encode("utf-8")),
    )


def _new_case(*, subject_name, employee, agency, region, conduct_date, within_window, at) -> Case:
    """The case a new report opens, in the received stage, with a guessed contest."""
    return Case.objects.create(
        opened_at=at, stage_started_at=at, status=S.RECEIVED,
        due_date=stage_due_date(S.RECEIVED, _local_date(at)),
        subject_name=subject_name, employee=employee, agency=agency,
        region=region, conduct_date=conduct_date, information_only=not within_window,
        contest=rules.guess_contest(conduct_date, region),
    )


def add_report_info(report: Report, text: str, files=(), links=(), at: dt.datetime | None = None) -> ReportNote:
    """A reporter adds information through the tracking code; it joins the case's record."""
    at = _now(at)
    text = (text or "").strip()
    links = [x.strip() for x in links if x and x.strip()]
    files = list(files or [])
    errors = {}
    if not text and not files and not links:
        errors["text"] = _("Tulis keterangan tambahan atau lampirkan bukti.")
    checked = _check_files(files, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        note = ReportNote.objects.create(report=report, added_at=at, text=text or "-")
        _store_files(report, note, checked, at)
        for link in links:
            Evidence.objects.create(report=report, note=note, kind=Evidence.Kind.LINK, received_at=at, url=link)
        if report.case is not None:
            _log(report.case, "reporter_added_info", at, None, actor_label="pelapor",
                 data={"report": report.tracking_code, "files": len(checked), "links": len(links)})
    return note


def reporter_identity(report: Report, viewer) -> dict | None:
    """Decrypted identity for roles that need it; None for everyone else."""
    from netra.core.roles import can_see_reporter_identity

    if report.is_anonymous or not can_see_reporter_identity(viewer):
        return None
    return crypto.decrypt_json(report.identity_encrypted)
