"""Deadline badges: a glance tells whether a stage is late, about to be, or fine."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

SOON_DAYS = 2

LABELS = {
    "overdue": _("Lewat batas waktu"),
    "soon": _("Jatuh tempo ≤ 2 hari"),
    "ok": _("Sesuai jadwal"),
}


def working_days_late(case, today: dt.date | None = None) -> int:
    """Working days past the stage's due date (the legal clocks count working days, not calendar days)."""
    from netra.rules.workdays import working_days_between

    if case.due_date is None:
        return 0
    return working_days_between(case.due_date, today or timezone.localdate())


def badge_label(case, state: str | None, today: dt.date | None = None) -> str:
    """The badge text; an overdue one says how many working days late."""
    if state == "overdue":
        late = working_days_late(case, today)
        if late:
            return ngettext("Terlambat %(n)s hari kerja", "Terlambat %(n)s hari kerja", late) % {"n": late}
    return str(LABELS.get(state, ""))


def deadline_state(case, today: dt.date | None = None) -> str | None:
    """'overdue', 'soon' (due within two days), 'ok', or None for a closed case or no clock."""
    if not case.is_open or case.due_date is None:
        return None
    today = today or timezone.localdate()
    if case.due_date < today:
        return "overdue"
    if (case.due_date - today).days <= SOON_DAYS:
        return "soon"
    return "ok"
