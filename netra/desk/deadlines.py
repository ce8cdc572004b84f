"""Deadline badges: a glance tells whether a stage is late, about to be, or fine."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SOON_DAYS = 2

LABELS = {
    "overdue": _("Lewat batas waktu"),
    "soon": _("Jatuh tempo ≤ 2 hari"),
    "ok": _("Sesuai jadwal"),
}


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
