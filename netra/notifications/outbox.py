"""Sending outbox rows: claim with a conditional UPDATE, send, record the outcome, back off.

Two workers (or a worker and the periodic sweep) may reach the same row at once. The claim is a
single UPDATE … WHERE status='pending' AND next_attempt_at <= now; the database lets only one of
them change the row, and only the one that did sends. A claim older than CLAIM_TIMEOUT (a worker
died mid-send) may be taken again, so no message is stranded in `sending`.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from . import transports
from .models import Message

log = logging.getLogger(__name__)

CLAIM_TIMEOUT = dt.timedelta(minutes=10)
MAX_BACKOFF = dt.timedelta(hours=6)
SWEEP_BATCH = 500

S = Message.Status


def _due(now: dt.datetime) -> Q:
    return Q(status=S.PENDING, next_attempt_at__lte=now) | Q(status=S.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT)


def claim(pk: int, now: dt.datetime) -> bool:
    """True if this caller now owns the row (one conditional UPDATE; see the module docstring)."""
    return Message.objects.filter(_due(now), pk=pk).update(
        status=S.SENDING, claimed_at=now, attempts=F("attempts") + 1) == 1


def retry_now(messages) -> list[int]:
    """An admin's "send again now": failed or waiting messages become due at once and are sent."""
    ids = list(messages.filter(status__in=[S.FAILED, S.PENDING]).values_list("pk", flat=True))
    Message.objects.filter(pk__in=ids).update(status=S.PENDING, next_attempt_at=timezone.now())
    for pk in ids:
        dispatch_after_commit(pk)
    return ids


def backoff(attempts: int) -> dt.timedelta:
    """base, 2·base, 4·base … after the 1st, 2nd, 3rd failure; never more than six hours."""
    return min(dt.timedelta(seconds=settings.NETRA_NOTIFY_RETRY_SECONDS * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def deliver(pk: int, now: dt.datetime | None = None) -> str:
    """Send one message if it is due and nobody else holds it; returns the resulting status.

    Transport errors never escape: they are recorded on the row and retried later, so a broken
    gateway cannot turn the caller (a transition's on_commit, a worker) into an error.
    """
    now = now or timezone.now()
    if not claim(pk, now):
        return "skipped"
    message = Message.objects.select_related("reporter_contact", "recipient_user").get(pk=pk)
    try:
        transports.send(message.channel, message.address(), message.subject, message.body)
    except Exception as exc:  # noqa: BLE001 - every failure is recorded and retried, none is lost
        attempts = message.attempts
        final = attempts >= settings.NETRA_NOTIFY_MAX_ATTEMPTS
        Message.objects.filter(pk=pk, status=S.SENDING).update(
            status=S.FAILED if final else S.PENDING, next_attempt_at=now + backoff(attempts),
            last_error=f"{type(exc).__name__}: {exc}"[:2000])
        log.warning("notification %s attempt %s failed: %s", pk, attempts, exc)
        return S.FAILED if final else S.PENDING
    Message.objects.filter(pk=pk, status=S.SENDING).update(status=S.SENT, sent_at=timezone.now(), last_error="")
    return S.SENT


def send_due(now: dt.datetime | None = None) -> dict:
    """The periodic sweep: every due row (new, retry, or abandoned claim), oldest first."""
    now = now or timezone.now()
    ids = list(Message.objects.filter(_due(now)).order_by("next_attempt_at", "id")
               .values_list("pk", flat=True)[:SWEEP_BATCH])
    outcome: dict[str, int] = {}
    for pk in ids:
        status = deliver(pk, now)
        outcome[status] = outcome.get(status, 0) + 1
    return outcome


def dispatch_after_commit(pk: int) -> None:
    """Queue the send once the writing transaction commits; nothing is sent for a rolled-back change."""
    transaction.on_commit(lambda: _dispatch(pk))


def dispatch_many_after_commit(pks: list[int]) -> None:
    """Like `dispatch_after_commit` for the messages of one event: one broker message, not one each."""
    if len(pks) == 1:
        dispatch_after_commit(pks[0])
    elif pks:
        transaction.on_commit(lambda: _dispatch_many(pks))


def _dispatch_many(pks: list[int]) -> None:
    from .tasks import send_messages

    try:
        send_messages.delay(pks)
    except Exception:  # broker down: the rows stay pending and the periodic sweep sends them
        log.exception("could not queue notifications %s; the sweep will send them", pks)


def _dispatch(pk: int) -> None:
    from .tasks import send_message

    try:
        send_message.delay(pk)
    except Exception:  # broker down: the row stays pending and the periodic sweep sends it
        log.exception("could not queue notification %s; the sweep will send it", pk)
