"""Who hears about what: case events, deadlines and digests become outbox rows.

Every function here only WRITES outbox rows (in the caller's transaction) and asks for them to be
sent after commit; sending lives in `outbox.py`. Messages carry the case code and stage, never the
reported person's name, NIP or the reporter's identity: they travel through mail servers and
phone gateways outside the province's control.
"""

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from netra.cases.access import QUEUES
from netra.cases.models import OPEN_STATUSES, Case, CaseEvent, CaseStatus, Escalation
from netra.core.roles import Role
from netra.rules import workdays

from . import outbox
from .models import Channel, Message, ReporterContact, StaffPreference
from .render import render

log = logging.getLogger(__name__)
S = CaseStatus
A = Message.Audience


def absolute(path: str) -> str:
    return settings.SITE_URL + path


# ---------------------------------------------------------------------------------------------
# writing rows


def _row(*, audience: str, topic: str, channel: str, language: str, context: dict, case: Case | None = None,
         event: CaseEvent | None = None, user=None, contact: ReporterContact | None = None,
         held: bool = False, dedup_key: str | None = None, at: dt.datetime | None = None) -> Message:
    """One unsaved outbox row with its text rendered in the recipient's language."""
    subject, body = render(topic, language, context)
    now = at or timezone.now()
    return Message(audience=audience, topic=topic, case=case, event=event, recipient_user=user,
                   reporter_contact=contact, channel=channel, language=language, subject=subject, body=body,
                   status=Message.Status.HELD if held else Message.Status.PENDING, created_at=now,
                   next_attempt_at=now, dedup_key=dedup_key)


def _write(**fields) -> Message | None:
    """One outbox row; a repeat of a `dedup_key` (a reminder already written) is silently skipped."""
    row = _row(**fields)
    dedup_key = fields.get("dedup_key")
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        if dedup_key and Message.objects.filter(dedup_key=dedup_key).exists():
            return None
        raise
    if row.status != Message.Status.HELD:
        outbox.dispatch_after_commit(row.pk)
    return row


# ---------------------------------------------------------------------------------------------
# reporters


def _dismissal_text(kind: str) -> tuple[Any, Any]:  # lazy translations, rendered in the recipient's language
    return {
        "dismissed_not_proven": (_("tidak terbukti"), _("Setelah diperiksa, dugaan pelanggaran tidak dapat "
                                                        "dibuktikan.")),
        "dismissed_rejected": (_("ditolak"), _("Hal yang dilaporkan bukan pelanggaran netralitas ASN.")),
        "dismissed_cancelled": (_("dibatalkan"), ""),
        "employee_exited": (_("pegawai sudah tidak berstatus ASN"), _("Orang yang dilaporkan sudah keluar dari "
                                                                      "ASN, sehingga sanksi disiplin tidak dapat "
                                                                      "dijatuhkan.")),
    }[kind]


REPORTER_TOPICS = {
    "received": "reporter_received",
    "forwarded_to_bawaslu": "reporter_verified",
    "recommended": "reporter_forwarded",
    "ppk_decided": "reporter_decided",
    "closed": "reporter_closed",
    "dismissed_not_proven": "reporter_dismissed",
    "dismissed_rejected": "reporter_dismissed",
    "dismissed_cancelled": "reporter_dismissed",
    "employee_exited": "reporter_dismissed",
}


def _sanction_words(case: Case, language: str) -> dict:
    sanction = case.decided_sanction
    if sanction is None:
        return {"sanction": "", "sanction_level": ""}
    name = sanction.name_en if language == "en" and sanction.name_en else sanction.name
    return {"sanction": name, "sanction_level": sanction.get_level_display()}


def _reporter_fields(contact: ReporterContact, event: CaseEvent, topic: str) -> dict:
    """What a message to a reporter about one event holds (texts rendered by `_row`)."""
    report = contact.report
    context = {"tracking_code": report.tracking_code,
               "status_url": absolute(reverse("public:status", args=[report.tracking_code]))}
    language = contact.language
    with translation.override(language):
        if topic == "reporter_dismissed":
            outcome, explanation = _dismissal_text(event.kind)
            context.update(outcome=str(outcome), explanation=str(explanation))
        if topic == "reporter_decided":
            context.update(_sanction_words(event.case, language))
    return dict(audience=A.REPORTER, topic=topic, channel=contact.channel, language=language, context=context,
                case=event.case, contact=contact)


def _notify_reporter(contact: ReporterContact, event: CaseEvent, topic: str) -> Message | None:
    """The message about an event already in the log (a contact saved after the event)."""
    return _write(**_reporter_fields(contact, event, topic), event=event, dedup_key=f"r:{contact.pk}:e:{event.pk}")


def save_reporter_contact(report, channel: str, address: str, language: str | None) -> ReporterContact:
    """Keep the reporter's update address and send the "received" message for events already logged.

    The report form calls this in the same transaction as `submit_report`; the case's "received"
    event is written before the contact exists, so its message is written here.
    """
    from .contacts import save_contact

    contact = save_contact(report, channel, address, language)
    if report.case_id:
        for event in report.case.events.filter(kind__in=REPORTER_TOPICS):
            _notify_reporter(contact, event, REPORTER_TOPICS[event.kind])
    return contact


def _reporter_rows(event: CaseEvent) -> list[tuple[Message, str]]:
    topic = REPORTER_TOPICS.get(event.kind)
    if topic is None or event.kind == "received":
        # "received" is logged as the case opens, in the intake transaction, before any contact can
        # exist: `save_reporter_contact` writes that message itself. No query for nobody.
        return []
    return [(_row(**_reporter_fields(contact, event, topic)), f"r:{contact.pk}")
            for contact in ReporterContact.objects.filter(report__case=event.case).select_related("report")]


# ---------------------------------------------------------------------------------------------
# staff


def _users_with_role(role: str):
    return get_user_model().objects.filter(is_active=True, groups__name=str(role)).distinct()


def responsible_staff(case: Case) -> list:
    """Who works the case at its current stage: the assigned verifier, else the role's queue holders.

    PPK officers are those acting for the government that employs the person (§2.4).
    """
    if case.status in QUEUES[Role.VERIFIER]:
        if case.assigned_to is not None and case.assigned_to.is_active:
            return [case.assigned_to]
        return list(_users_with_role(Role.VERIFIER))
    if case.status in QUEUES[Role.BAWASLU]:
        return list(_users_with_role(Role.BAWASLU))
    if case.status in QUEUES[Role.PPK]:
        if case.agency is None:
            return []
        return list(_users_with_role(Role.PPK).filter(staff_profile__government_id=case.agency.region_id))
    return []


def preference(user) -> StaffPreference:
    pref = StaffPreference.objects.filter(user=user).first()
    return pref or StaffPreference(user=user)


def preferences(users) -> dict:
    """Each user's preference (the defaults where none is saved), in one query."""
    saved = {p.user_id: p for p in StaffPreference.objects.filter(user__in=[u.pk for u in users])}
    return {u.pk: saved.get(u.pk) or StaffPreference(user=u) for u in users}


def _has_address(user, pref: StaffPreference) -> bool:
    return bool(user.email) if pref.channel == Channel.EMAIL else bool(pref.phone)


def _case_context(case: Case) -> dict:
    return {"case_code": case.code, "status_label": str(case.get_status_display()), "due_date": case.due_date,
            "case_url": absolute(reverse("desk:case_detail", args=[case.code]))}


def _staff_fields(user, pref: StaffPreference, topic: str, case: Case, extra: dict | None) -> dict | None:
    """What a staff message holds, or None when the person has no address for their channel."""
    if not _has_address(user, pref):
        return None  # the preferences page tells the person that no address is set
    with translation.override(pref.language):
        context = {**_case_context(case), **(extra or {})}
    return dict(audience=A.STAFF, topic=topic, channel=pref.channel, language=pref.language, context=context,
                case=case, user=user, held=pref.daily_digest)


def notify_staff(user, topic: str, case: Case, *, event: CaseEvent | None = None, extra: dict | None = None,
                 dedup_key: str | None = None, at: dt.datetime | None = None) -> Message | None:
    """One staff message, held for the daily digest when the person prefers that."""
    fields = _staff_fields(user, preference(user), topic, case, extra)
    if fields is None:
        return None
    return _write(**fields, event=event, dedup_key=dedup_key, at=at)


# Events that put a case into someone's queue.
QUEUE_EVENTS = {"received", "forwarded_to_bawaslu", "returned_to_verification", "recommended"}


def _staff_rows(event: CaseEvent) -> list[tuple[Message, str]]:
    case = event.case
    extra = None
    if event.kind in QUEUE_EVENTS:
        topic = "staff_new_case"
        recipients = [u for u in responsible_staff(case) if u.pk != event.actor_id]
    elif event.kind == "assigned" and case.assigned_to_id and case.assigned_to_id != event.actor_id:
        topic, recipients = "staff_new_case", [case.assigned_to]
    elif event.kind == "escalated":
        topic = "staff_escalated"
        by_pk = {u.pk: u for u in responsible_staff(case)}
        if case.assigned_to is not None and case.assigned_to.is_active:
            by_pk[case.assigned_to.pk] = case.assigned_to  # the Satgas follows up the PPK's delay
        recipients = list(by_pk.values())
        level = event.data.get("level", "")
        extra = {"overdue_days": event.data.get("overdue_working_days", "")}
    else:
        return []
    rows = []
    prefs = preferences(recipients)
    for user in recipients:
        pref = prefs[user.pk]
        more = extra
        if topic == "staff_escalated":
            with translation.override(pref.language):
                label = str(Escalation(level).label) if level in Escalation.values else level
            more = {**(extra or {}), "level_label": label}
        fields = _staff_fields(user, pref, topic, case, more)
        if fields is not None:
            rows.append((_row(**fields), f"u:{user.pk}"))
    return rows


def prepare_event_messages(event: CaseEvent) -> list[tuple[Message, str]]:
    """Who hears about a case event that is about to be logged, with the texts already rendered.

    Runs BEFORE the event takes its turn on the hash chain (whose lock is held until commit), so the
    recipients' queries and the templates cost the other writers nothing; `write_event_messages`
    then needs one INSERT. Returns (unsaved row, recipient part of its dedup key) pairs. A failure is
    logged and sends nothing: a legal step must never be blocked by a notification problem.
    """
    try:
        return _reporter_rows(event) + _staff_rows(event)
    except Exception:
        log.exception("notifications for a %s event of case %s could not be written (preparing them failed)",
                      event.kind, event.case_id)
        return []


def write_event_messages(event: CaseEvent, prepared: list[tuple[Message, str]]) -> None:
    """The prepared outbox rows of a logged event, in one INSERT in the event's transaction.

    Written in a savepoint: should writing them fail, the error is logged loudly and the transition
    still commits; the event itself stays in the log for anyone to follow up. The dedup key (recipient
    and event) keeps a message from being written twice for the same event.
    """
    if not prepared:
        return
    rows = []
    for row, recipient in prepared:
        row.event, row.dedup_key = event, f"{recipient}:e:{event.pk}"
        rows.append(row)
    try:
        with transaction.atomic():
            Message.objects.bulk_create(rows)
    except Exception:
        log.exception("notifications for case event %s (%s) could not be written", event.pk, event.kind)
        return
    outbox.dispatch_many_after_commit([row.pk for row in rows if row.status != Message.Status.HELD])


def on_case_event(event: CaseEvent) -> None:
    """Outbox rows for everyone a new case event concerns (runs inside the event's transaction)."""
    write_event_messages(event, prepare_event_messages(event))


# ---------------------------------------------------------------------------------------------
# deadlines and digests


def scan_deadlines(today: dt.date | None = None) -> int:
    """Warn the people working a case two working days before its stage deadline, and once overdue.

    Run hourly; the dedup key (case, stage deadline, person) makes each warning go out once per
    stage, however often the scan runs or whichever worker runs it.
    """
    today = today or timezone.localdate()
    horizon = workdays.add_working_days(today, settings.NETRA_NOTIFY_DEADLINE_WORKING_DAYS)
    written = 0
    cases = (Case.objects.filter(status__in=OPEN_STATUSES, due_date__isnull=False, due_date__lte=horizon)
             .select_related("agency", "assigned_to"))
    for case in cases:
        due = case.due_date
        if due is None:  # excluded by the query; narrows the type
            continue
        overdue = due < today
        topic = "staff_overdue" if overdue else "staff_deadline"
        extra = {"working_days": workdays.working_days_between(today, due)} if not overdue else {}
        for user in responsible_staff(case):
            with transaction.atomic():
                key = f"u:{user.pk}:{topic}:{case.pk}:{case.status}:{due.isoformat()}"
                if notify_staff(user, topic, case, extra=extra, dedup_key=key):
                    written += 1
    return written


def send_digests(now: dt.datetime | None = None) -> list[Message]:
    """Fold each person's held messages into one digest message (daily, from the beat schedule)."""
    now = now or timezone.now()
    digests = []
    held = Message.objects.filter(status=Message.Status.HELD, recipient_user__isnull=False)
    for user_id in held.order_by().values_list("recipient_user", flat=True).distinct():
        with transaction.atomic():
            items = list(Message.objects.select_for_update().filter(
                status=Message.Status.HELD, recipient_user_id=user_id).order_by("created_at", "id"))
            if not items:
                continue
            user = items[0].recipient_user
            pref = preference(user)
            digest = _write(audience=A.STAFF, topic="staff_digest", channel=pref.channel, language=pref.language,
                            user=user, at=now, context={
                                "items": items, "desk_url": absolute(reverse("desk:home")),
                                "preferences_url": absolute(reverse("notifications:preferences"))})
            if digest is None:
                continue
            Message.objects.filter(pk__in=[m.pk for m in items]).update(status=Message.Status.BATCHED, digest=digest)
            digests.append(digest)
    return digests
