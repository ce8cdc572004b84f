"""Notification jobs (Celery; in-process when no broker is configured, like every Netra task).

`send_message` is queued after each outbox row commits; the beat schedule runs `send_due` every
minute for retries and anything a missing broker left behind, `scan_deadlines` hourly and
`send_digests` daily (settings.CELERY_BEAT_SCHEDULE).
"""

from celery import shared_task

from . import outbox, services


@shared_task(name="netra.notifications.tasks.send_message")
def send_message(pk: int) -> str:
    return outbox.deliver(pk)


@shared_task(name="netra.notifications.tasks.send_messages")
def send_messages(pks: list[int]) -> list[str]:
    """The messages one event caused, sent one after the other (each claimed on its own)."""
    return [outbox.deliver(pk) for pk in pks]


@shared_task(name="netra.notifications.tasks.send_due")
def send_due() -> dict:
    return outbox.send_due()


@shared_task(name="netra.notifications.tasks.scan_deadlines")
def scan_deadlines() -> int:
    return services.scan_deadlines()


@shared_task(name="netra.notifications.tasks.send_digests")
def send_digests() -> int:
    return len(services.send_digests())
