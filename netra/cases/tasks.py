"""Background jobs of the case workflow (Celery; in-process when no broker is configured)."""

from celery import shared_task

from . import services


@shared_task(name="netra.cases.tasks.escalate_overdue")
def escalate_overdue() -> list[str]:
    """Hourly: step overdue PPK follow-ups up the warning → reprimand → block ladder."""
    return [case.code for case in services.escalate_overdue()]
