"""Every state change of reports and cases, each in one function and one transaction.

Each function checks that the move is allowed (state and role), writes the change and its
CaseEvent row together, and returns the changed object. Views, the API, the CLI, Celery tasks and
`seed_demo` all call these functions; nothing else writes a case's status.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.core import crypto
from netra.core.permissions import officer_government_id
from netra.core.roles import Role, has_role
from netra.registry.models import Agency, Employee, Region
from netra.registry.validators import normalize_nip
from netra.rules import services as rules
from netra.rules import workdays
from netra.rules.models import Contest, SanctionType, ViolationType

from . import evidence as evidence_io
from . import workflow
from .models import OPEN_STATUSES, Case, CaseEvent, CaseStatus, Escalation, EventKind, Evidence, Report, ReportNote

S = CaseStatus
DEADLINES = settings.NETRA_DEADLINES


class TransitionError(ValidationError):
    """A move the workflow does not allow from the case's current state."""


# ---------------------------------------------------------------------------------------------
# helpers


def _now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def _local_date(at: dt.datetime) -> dt.date:
    return timezone.localdate(at)


def _require(actor, *roles) -> None:
    """System actions pass actor=None; people must hold one of the roles."""
    if actor is not None and not has_role(actor, *roles):
        raise PermissionDenied(_("Peran Anda tidak berwenang untuk langkah ini."))


def _allowed(actor, name: str) -> workflow.Transition:
    """The role guard of one workflow step, as the table in `workflow.py` states it."""
    step = workflow.BY_NAME[name]
    _require(actor, *step.roles)
    return step


def _expect(case: Case, *statuses) -> None:
    if case.status not in statuses:
        raise TransitionError(
            _("Langkah ini tidak bisa dilakukan saat kasus berstatus %(status)s."),
            code="bad_state",
            params={"status": case.get_status_display()},
        )


def _log(case: Case, kind: str, at: dt.datetime, actor=None, *, from_status: str = "", to_status: str = "",
         reason: str = "", data: dict | None = None, actor_label: str = "") -> CaseEvent:
    if kind not in EventKind.values:
        raise ValueError(f"event kind {kind!r} is not in the workflow table (netra/cases/workflow.py)")
    if actor is None and not actor_label:
        actor_label = "sistem"
    return CaseEvent.objects.create(
        case=case, kind=kind, at=at, actor=actor, actor_label=actor_label, from_status=from_status,
        to_status=to_status, reason=reason, data=data or {},
    )


def _move(case: Case, to: str, at: dt.datetime, actor, *, kind: str, reason: str = "",
          data: dict | None = None, due: dt.date | None = None) -> Case:
    """Change status, restart the stage clock and log the event; the caller holds the transaction."""
    previous = case.status
    case.status = to
    case.stage_started_at = at
    case.due_date = due
    if to not in OPEN_STATUSES:
        case.closed_at = at
    case.save()
    _log(case, kind, at, actor, from_status=previous, to_status=to, reason=reason, data=data)
    return case


def _locked(case: Case) -> Case:
    """Re-read the case under a row lock so two verifiers cannot move it at once."""
    return Case.objects.select_for_update().get(pk=case.pk)


def stage_due_date(status: str, started: dt.date) -> dt.date | None:
    """The legal clock of each stage (regulations §2.2, §2.4); values come from settings."""
    if status in (S.RECEIVED, S.VERIFICATION):
        return started + dt.timedelta(days=DEADLINES["verification_days"])
    if status == S.BAWASLU_REVIEW:
        return workdays.add_working_days(started, DEADLINES["bawaslu_working_days"])
    if status == S.RECOMMENDED:
        return workdays.add_working_days(started, DEADLINES["ppk_working_days"])
    return None


def report_window_end(known_date: dt.date) -> dt.date:
    return known_date + dt.timedelta(days=DEADLINES["report_window_days"])


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


def _check_report(data: ReportInput, today: dt.date) -> dict:
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


def submit_report(data: ReportInput, files=(), at: dt.datetime | None = None) -> Report:
    """Receive a report: validate everything first, then store report, evidence and a new case.

    Nothing is written unless every part is valid, so a rejected submission changes nothing.
    A report after the 7-day window is still accepted, marked as outside the formal window.
    """
    at = _now(at)
    today = _local_date(at)
    errors = _check_report(data, today)
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
    with transaction.atomic():
        report = Report.objects.create(
            received_at=at, channel=data.channel, is_anonymous=data.is_anonymous,
            identity_encrypted=crypto.encrypt_json(identity) if identity else "",
            subject_name=data.subject_name.strip(), subject_agency_text=data.subject_agency_text.strip(),
            subject_nip=nip, subject_position=data.subject_position.strip(),
            employee=employee, agency=data.agency or (employee.agency if employee else None),
            region=data.region, location=data.location.strip(), conduct_date=data.conduct_date,
            known_date=known, within_window=today <= report_window_end(known),
            description=data.description.strip(), chronology=data.chronology.strip(),
            links=[link.strip() for link in data.links if link.strip()],
        )
        _store_files(report, None, checked, at)
        for link in report.links:
            Evidence.objects.create(report=report, kind=Evidence.Kind.LINK, received_at=at, url=link)
        for post in data.archived_posts:
            archive_post(report, post, at)
        _open_case(report, at)
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


def _open_case(report: Report, at: dt.datetime) -> Case:
    case = Case.objects.create(
        opened_at=at, stage_started_at=at, status=S.RECEIVED,
        due_date=stage_due_date(S.RECEIVED, _local_date(at)),
        subject_name=report.subject_name, employee=report.employee, agency=report.agency,
        region=report.region, conduct_date=report.conduct_date, information_only=not report.within_window,
        contest=rules.guess_contest(report.conduct_date, report.region),
    )
    report.case = case
    report.save(update_fields=["case"])
    _log(case, "received", at, None, to_status=S.RECEIVED, actor_label="pelapor",
         data={"report": report.tracking_code, "channel": report.channel,
               "within_window": report.within_window, "evidence": report.evidence.count()})
    return case


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


# ---------------------------------------------------------------------------------------------
# workflow


@transaction.atomic
def start_verification(case: Case, actor, at: dt.datetime | None = None) -> Case:
    step = _allowed(actor, "start_verification")
    at = _now(at)
    case = _locked(case)
    _expect(case, *step.sources)
    if actor is not None and case.assigned_to_id is None:
        case.assigned_to = actor
    # The 7-day verification clock runs from receipt, not from when someone picked the case up.
    return _move(case, S.VERIFICATION, at, actor, kind=step.event,
                 due=stage_due_date(S.VERIFICATION, _local_date(case.opened_at)))


@transaction.atomic
def classify(case: Case, actor, *, violation: ViolationType, contest: Contest | None = None,
             sanction: SanctionType | None = None, reason: str = "", conduct_date: dt.date | None = None,
             at: dt.datetime | None = None) -> Case:
    """Record the violation form and the sanction to recommend.

    The verifier names the conduct; the form is derived from the conduct date against the
    contest's candidate-determination date (E before, D from that date). The catalogue proposes
    a sanction; choosing another needs a reason, which is logged.
    """
    step = _allowed(actor, "classify")
    at = _now(at)
    case = _locked(case)
    _expect(case, *step.sources)
    contest = contest or case.contest
    if contest is None:
        raise ValidationError({"contest": _("Pilih kontestasi pemilihan yang terkait.")})
    if conduct_date:
        case.conduct_date = conduct_date
    applied = rules.classify(violation, case.conduct_date, contest)
    proposed = applied.default_sanction
    chosen = sanction or proposed
    if chosen is None:
        raise ValidationError({"sanction": _("Bentuk ini tidak punya usulan sanksi; pilih sanksi dan alasannya.")})
    override = proposed is None or chosen.pk != proposed.pk
    if override and not (reason or "").strip():
        raise ValidationError({"reason": _("Sanksi berbeda dari usulan katalog: tuliskan alasannya.")})
    if applied.sanctions.exists() and not applied.sanctions.filter(pk=chosen.pk).exists() and not override:
        raise ValidationError({"sanction": _("Sanksi tidak sesuai dengan bentuk pelanggaran.")})
    case.contest = contest
    case.violation = applied
    case.proposed_sanction = proposed
    case.recommended_sanction = chosen
    case.sanction_override_reason = reason.strip() if override else ""
    case.save()
    _log(case, step.event, at, actor, reason=reason.strip(), data={
        "named": violation.code, "violation": applied.code, "contest": contest.code,
        "conduct_date": case.conduct_date.isoformat(),
        "determination_date": contest.candidate_determination_date.isoformat(),
        "proposed_sanction": proposed.code if proposed else None, "sanction": chosen.code,
        "override": override,
    })
    return case


@transaction.atomic
def forward_to_bawaslu(case: Case, actor, reason: str = "", at: dt.datetime | None = None) -> Case:
    step = _allowed(actor, "forward_to_bawaslu")
    at = _now(at)
    case = _locked(case)
    _expect(case, *step.sources)
    if case.violation_id is None or case.recommended_sanction_id is None:
        raise TransitionError(_("Klasifikasikan pelanggaran dan sanksi sebelum meneruskan ke Bawaslu."),
                              code="unclassified")
    _require_agency(case)
    return _move(case, S.BAWASLU_REVIEW, at, actor, kind=step.event, reason=reason,
                 due=stage_due_date(S.BAWASLU_REVIEW, _local_date(at)))


def _require_agency(case: Case) -> None:
    """A case goes to the PPK of its agency's government; without an agency it would reach no one."""
    if case.agency_id is None:
        raise TransitionError(
            _("Instansi terlapor belum ditetapkan. Tetapkan instansinya dulu (langkah “Tetapkan instansi "
              "terlapor”); tanpa instansi kasus tidak akan sampai ke PPK yang berwenang."),
            code="no_agency")


@transaction.atomic
def return_to_verification(case: Case, actor, reason: str, at: dt.datetime | None = None) -> Case:
    step = _allowed(actor, "return_to_verification")
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan apa yang perlu dilengkapi.")})
    at = _now(at)
    case = _locked(case)
    _expect(case, *step.sources)
    return _move(case, S.VERIFICATION, at, actor, kind=step.event, reason=reason,
                 due=stage_due_date(S.VERIFICATION, _local_date(at)))


@transaction.atomic
def recommend(case: Case, actor, *, number: str, issued_on: dt.date | None = None, reason: str = "",
              at: dt.datetime | None = None) -> Case:
    """Bawaslu's review confirms the case; the recommendation goes to the PPK.

    A recommendation letter is often entered days after it was signed. Its issue date (`issued_on`,
    the letter's date; the entry day when not given) is what counts: the recommending authority is
    the one in office on that date (KASN until 23 Aug 2024, BKN after, §2.6) and the PPK's
    14-working-day clock runs from it. The entry day stays in the event (`at`, `entered_on`).
    """
    step = _allowed(actor, "recommend")
    at = _now(at)
    today = _local_date(at)
    issued_on = issued_on or today
    errors = {}
    if not (number or "").strip():
        errors["number"] = _("Nomor rekomendasi wajib diisi.")
    if issued_on > today:
        errors["issued_on"] = _("Tanggal rekomendasi tidak boleh di masa depan.")
    if errors:
        raise ValidationError(errors)
    case = _locked(case)
    _expect(case, *step.sources)
    _require_agency(case)
    if issued_on < case.conduct_date:
        raise ValidationError({"issued_on": _("Tanggal rekomendasi tidak boleh sebelum tanggal perbuatan.")})
    authority = rules.authority_on(issued_on)
    case.authority = authority
    case.recommendation_number = number.strip()
    case.recommended_on = issued_on
    return _move(case, S.RECOMMENDED, at, actor, kind=step.event, reason=reason,
                 due=stage_due_date(S.RECOMMENDED, issued_on),
                 data={"authority": authority.code if authority else None, "number": number.strip(),
                       "issued_on": issued_on.isoformat(), "entered_on": today.isoformat(),
                       "sanction": case.recommended_sanction.code if case.recommended_sanction else None})


def _require_own_government(actor, case: Case) -> None:
    """A PPK-only officer may touch only cases of their own government (verifiers/admins are not scoped)."""
    if actor is None or has_role(actor, Role.VERIFIER, Role.ADMIN):
        return
    if not can_act_as_ppk(actor, case):
        raise PermissionDenied(_("Kasus ini bukan kewenangan PPK Anda."))


def can_act_as_ppk(actor, case: Case) -> bool:
    """A PPK officer acts only for the regional government that employs the person."""
    if actor is None or has_role(actor, Role.ADMIN):
        return True
    government_id = officer_government_id(actor)
    return government_id is not None and case.agency is not None and case.agency.region_id == government_id


@transaction.atomic
def record_ppk_decision(case: Case, actor, *, sanction: SanctionType, number: str, decision_date: dt.date,
                        reason: str = "", at: dt.datetime | None = None) -> Case:
    step = _allowed(actor, "record_ppk_decision")
    at = _now(at)
    case = _locked(case)
    if not can_act_as_ppk(actor, case):
        raise PermissionDenied(_("Kasus ini bukan kewenangan PPK Anda."))
    _expect(case, *step.sources)
    errors = {}
    if sanction is None:
        errors["sanction"] = _("Pilih sanksi yang dijatuhkan.")
    if not (number or "").strip():
        errors["number"] = _("Nomor SK wajib diisi.")
    if decision_date is None or decision_date > _local_date(at):
        errors["decision_date"] = _("Tanggal SK wajib diisi dan tidak boleh di masa depan.")
    elif case.recommended_on and decision_date < case.recommended_on:
        errors["decision_date"] = _("Tanggal SK tidak boleh sebelum tanggal rekomendasi.")
    if sanction and case.recommended_sanction_id and sanction.pk != case.recommended_sanction_id \
            and not (reason or "").strip():
        errors["reason"] = _("Sanksi berbeda dari rekomendasi: tuliskan alasannya.")
    if errors:
        raise ValidationError(errors)
    on_time = decision_date <= case.due_date if case.due_date else True
    case.decided_sanction = sanction
    case.decision_number = number.strip()
    case.decision_date = decision_date
    return _move(case, S.PPK_DECIDED, at, actor, kind=step.event, reason=reason, data={
        "sanction": sanction.code, "number": number.strip(), "decision_date": decision_date.isoformat(),
        "on_time": on_time, "recommended": case.recommended_sanction.code if case.recommended_sanction else None,
    })


@transaction.atomic
def close_case(case: Case, actor, reason: str = "", at: dt.datetime | None = None) -> Case:
    """The decision is recorded (in BKN's I'DIS); the case is done."""
    step = _allowed(actor, "close_case")
    at = _now(at)
    case = _locked(case)
    _require_own_government(actor, case)
    _expect(case, *step.sources)
    return _move(case, S.CLOSED, at, actor, kind=step.event, reason=reason)


# The side outcomes `dismiss` can reach, each with the table's steps that lead there.
DISMISSALS: dict[str, list[workflow.Transition]] = {}
for _step in workflow.TRANSITIONS:
    if _step.service == "dismiss":
        DISMISSALS.setdefault(_step.outcome, []).append(_step)


def dismissal_steps(actor, case: Case) -> list[workflow.Transition]:
    """The dismissals this person may take on this case now (for forms; the service checks again)."""
    return [step for steps in DISMISSALS.values() for step in steps
            if case.status in step.sources and (actor is None or has_role(actor, *step.roles))]


@transaction.atomic
def dismiss(case: Case, actor, outcome: str, reason: str, at: dt.datetime | None = None) -> Case:
    """End a case without a sanction: not proven, rejected (not a neutrality matter) or cancelled.

    Each outcome belongs to the body holding the case at that stage (see `workflow.TRANSITIONS`):
    a verifier cannot cancel Bawaslu's review, nor Bawaslu a case still being verified.
    """
    if outcome not in DISMISSALS:
        raise ValidationError({"outcome": _("Hasil penutupan tidak dikenal.")})
    steps = DISMISSALS[outcome]
    _require(actor, *{role for step in steps for role in step.roles})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Alasan wajib diisi.")})
    at = _now(at)
    case = _locked(case)
    _expect(case, *{status for step in steps for status in step.sources})
    step = next(step for step in steps if case.status in step.sources)
    _require(actor, *step.roles)
    return _move(case, outcome, at, actor, kind=step.event, reason=reason)


@transaction.atomic
def mark_employee_exited(case: Case, actor, reason: str = "", decision_reference: str = "",
                         at: dt.datetime | None = None) -> Case:
    """The reported person is no longer an ASN; the case ends without a sanction.

    This is final and takes the case out of the PPK's hands, so only the verifier may record it,
    and only on the personnel decision that ended the employment (its number is kept in the event).
    """
    step = _allowed(actor, "mark_employee_exited")
    if not (decision_reference or "").strip():
        raise ValidationError({"decision_reference": _(
            "Sebutkan nomor keputusan kepegawaian (mis. SK pemberhentian/pensiun).")})
    at = _now(at)
    case = _locked(case)
    _expect(case, *step.sources)
    return _move(case, S.EMPLOYEE_EXITED, at, actor, kind=step.event, reason=reason,
                 data={"decision_reference": decision_reference.strip()})


@transaction.atomic
def merge_cases(target: Case, duplicate: Case, actor, reason: str = "", at: dt.datetime | None = None) -> Case:
    """Fold a duplicate case (same person, same event) into `target`; every report stays."""
    step = _allowed(actor, "merge_cases")
    if target.pk == duplicate.pk:
        raise ValidationError(_("Kasus tidak dapat digabung dengan dirinya sendiri."))
    at = _now(at)
    target, duplicate = _locked(target), _locked(duplicate)
    _expect(target, *step.sources)
    _expect(duplicate, *step.sources)
    moved = list(duplicate.reports.values_list("tracking_code", flat=True))
    duplicate.reports.update(case=target)
    if target.employee_id is None and duplicate.employee_id:
        target.employee_id = duplicate.employee_id
    # An agency set on either side must survive the merge, or the case may never reach its PPK.
    carried_agency = target.agency_id is None and duplicate.agency_id is not None
    if carried_agency:
        target.agency_id = duplicate.agency_id
    target.conduct_date = min(target.conduct_date, duplicate.conduct_date)
    target.information_only = target.information_only and duplicate.information_only
    target.save()
    duplicate.merged_into = target
    _move(duplicate, S.MERGED, at, actor, kind=step.event, reason=reason,
          data={"target": target.code, "reports": moved})
    _log(target, "merged_from", at, actor, reason=reason, data={
        "source": duplicate.code, "reports": moved,
        **({"agency": duplicate.agency.code if duplicate.agency else None} if carried_agency else {})})
    return target


@transaction.atomic
def link_employee(case: Case, actor, employee: Employee, at: dt.datetime | None = None) -> Case:
    """The verifier identifies the reported person in the registry."""
    step = _allowed(actor, "link_employee")
    at = _now(at)
    case = _locked(case)
    _expect(case, *step.sources)
    case.employee = employee
    case.agency = employee.agency
    case.subject_name = employee.name
    case.save()
    _log(case, step.event, at, actor, data={"employee": employee.pk})
    return case


@transaction.atomic
def set_agency(case: Case, actor, agency: Agency, reason: str = "", at: dt.datetime | None = None) -> Case:
    """The verifier sets or corrects the reported person's agency.

    A reporter types the agency as free text; when it matches no registry entry the case has no
    agency, and the agency's government decides which PPK officer receives the recommendation.
    The previous and new agency are both kept in the event.
    """
    step = _allowed(actor, "set_agency")
    if agency is None:
        raise ValidationError({"agency": _("Pilih instansi terlapor.")})
    at = _now(at)
    case = _locked(case)
    _expect(case, *step.sources)
    if case.agency_id == agency.pk:
        raise ValidationError({"agency": _("Kasus ini sudah tercatat pada instansi tersebut.")})
    previous = case.agency
    case.agency = agency
    case.save(update_fields=["agency"])
    _log(case, step.event, at, actor, reason=(reason or "").strip(), data={
        "agency": agency.code, "agency_name": agency.name,
        "previous": previous.code if previous else None})
    return case


@transaction.atomic
def assign(case: Case, actor, user, at: dt.datetime | None = None) -> Case:
    step = _allowed(actor, "assign")
    at = _now(at)
    case = _locked(case)
    _expect(case, *step.sources)
    case.assigned_to = user
    case.save(update_fields=["assigned_to"])
    _log(case, step.event, at, actor, data={"user": user.get_username() if user else None})
    return case


ESCALATION_ORDER: list[str] = [Escalation.NONE, Escalation.WARNING, Escalation.REPRIMAND, Escalation.BLOCK_REQUESTED]


def escalate_overdue(at: dt.datetime | None = None) -> list[Case]:
    """Step overdue PPK follow-ups up the BKN control ladder (§2.4 step 5).

    After the 14-working-day deadline: warning; each further period of
    `escalation_step_working_days` without a decision: reprimand, then a request to block the
    employee's data in SIASN. Each step is its own event; re-running is harmless.
    """
    at = _now(at)
    today = _local_date(at)
    step = DEADLINES["escalation_step_working_days"]
    changed = []
    candidates = Case.objects.filter(status=S.RECOMMENDED, due_date__lt=today).exclude(
        escalation=Escalation.BLOCK_REQUESTED).values_list("pk", flat=True)
    for pk in candidates:
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=pk)
            due = case.due_date
            if case.status != S.RECOMMENDED or due is None:
                continue
            stepped = False
            while case.escalation != Escalation.BLOCK_REQUESTED:
                level = ESCALATION_ORDER.index(case.escalation)
                # Level n+1 is due n steps after the deadline.
                threshold = due if level == 0 else workdays.add_working_days(due, step * level)
                if today <= threshold:
                    break
                case.escalation = ESCALATION_ORDER[level + 1]
                case.escalated_on = today
                case.save(update_fields=["escalation", "escalated_on"])
                _log(case, "escalated", at, None, data={
                    "level": str(case.escalation), "due_date": due.isoformat(),
                    "overdue_working_days": workdays.working_days_between(due, today)})
                stepped = True
            if not stepped:
                continue
            changed.append(case)
    return changed


def reporter_identity(report: Report, viewer) -> dict | None:
    """Decrypted identity for roles that need it; None for everyone else."""
    from netra.core.roles import can_see_reporter_identity

    if report.is_anonymous or not can_see_reporter_identity(viewer):
        return None
    return crypto.decrypt_json(report.identity_encrypted)
