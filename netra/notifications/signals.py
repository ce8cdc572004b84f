"""The one hook into the case workflow: a post_save receiver on CaseEvent.

Why a receiver and not a call in `netra.cases.services`: every state change, escalation step and
assignment already writes exactly one CaseEvent through `CaseEvent.objects.create`, inside the
service's transaction. Listening there means (1) the outbox row is written in the SAME transaction
as the event, so a rolled-back transition leaves no message and a committed one always has its
rows; (2) the case services need no knowledge of notifications, so `cases` does not import this
app and the workflow code can be reorganised freely; (3) a new transition is covered as soon as it
logs an event whose kind is listed in `services.REPORTER_TOPICS` / `QUEUE_EVENTS`.
CaseEvent is append-only, so `created` is always true for a save that reaches the receiver.

Two steps, because the event's turn on the hash chain lasts until commit: recipients and texts are
found and rendered on `event_appending` (before the turn), and written with one INSERT on post_save.
"""

from django.db.models.signals import post_save

DISPATCH_UID = "netra.notifications.case_event"
PREPARE_UID = "netra.notifications.case_event_prepare"


def _case_event_appending(sender, instance, **kwargs):
    from .services import prepare_event_messages

    instance._prepared_messages = prepare_event_messages(instance)


def _case_event_saved(sender, instance, created, raw=False, **kwargs):
    if not created or raw:  # raw: fixtures/loaddata replay history; they must not message anyone
        return
    from .services import prepare_event_messages, write_event_messages

    prepared = getattr(instance, "_prepared_messages", None)
    if prepared is None:  # saved without `event_appending` (not through CaseEvent.save)
        prepared = prepare_event_messages(instance)
    write_event_messages(instance, prepared)
    instance._prepared_messages = None


def _submission_opened(sender, report, extras, **kwargs):
    """A report from the intake inbox opened its case: keep the reporter's update address, if given,
    in the same transaction (it sends the "received" message too)."""
    updates = extras.get("updates")
    if updates:
        from .services import save_reporter_contact

        save_reporter_contact(report, updates["channel"], updates["address"], updates.get("language"))


def connect() -> None:
    from netra.cases.models import CaseEvent, Submission
    from netra.cases.signals import event_appending, submission_opened

    event_appending.connect(_case_event_appending, sender=CaseEvent, dispatch_uid=PREPARE_UID)
    submission_opened.connect(_submission_opened, sender=Submission, dispatch_uid="netra.notifications.submission")
    post_save.connect(_case_event_saved, sender=CaseEvent, dispatch_uid=DISPATCH_UID)
