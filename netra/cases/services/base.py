"""What every case service shares: the role and state guards, the event log, the stage clock.

One place writes a status (`_move`) and one writes an event (`_log`), so a status never changes
without its event and no event kind exists that the workflow table does not name.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.core.roles import has_role
from netra.rules import workdays

from .. import match_keys, workflow
from ..models import OPEN_STATUSES, Case, CaseEvent, CaseStatus, EventKind

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
    match_keys.sync(case)  # a case leaving RECEIVED/VERIFICATION is no longer suggested
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
