"""The workflow steps of a case, from verification to the PPK's decision and the side outcomes.

Each step is one function and one transaction; its roles and source states come from the
workflow table (`netra/cases/workflow.py`), which also names the event each step writes.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netra.core.permissions import officer_government_id
from netra.core.roles import Role, has_role
from netra.registry.models import Agency, Employee
from netra.rules import services as rules
from netra.rules.models import Contest, SanctionType, ViolationType

from .. import match_keys, workflow
from ..models import Case
from .base import (
    S,
    TransitionError,
    _allowed,
    _expect,
    _local_date,
    _locked,
    _log,
    _move,
    _now,
    _require,
    stage_due_date,
)

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
    match_keys.sync(case)  # the conduct date may have been corrected
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
    match_keys.sync(target)  # the moved reports' NIPs and the earlier date now belong to it
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
    match_keys.sync(case)
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
