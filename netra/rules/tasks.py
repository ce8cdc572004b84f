"""Periodic rules tasks. `send_stage_reminders` runs from CELERY_BEAT_SCHEDULE ("stage-reminders")."""

from celery import shared_task


@shared_task(name="netra.rules.tasks.send_stage_reminders")
def send_stage_reminders(today: str | None = None) -> int:
    """Email staff once about each election stage that starts within NETRA_STAGE_REMINDER_DAYS (3)."""
    import datetime as dt

    from netra.learning.services import send_stage_reminders as send

    day = dt.date.fromisoformat(today) if today else None
    return len(send(today=day))
