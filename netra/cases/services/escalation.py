"""Escalation of overdue PPK follow-ups (regulations §2.4 step 5), run hourly by Celery beat.
"""

import datetime as dt

from django.db import transaction

from netra.rules import workdays

from ..models import Case, Escalation
from .base import (
    DEADLINES,
    S,
    _local_date,
    _log,
    _now,
)

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
