"""The intake inbox: an API report is checked and stored in one row, and its case opens after the answer.

Opening a case (report, case, tallies, match keys, the event on the hash chain, the verifiers'
messages) costs about ten times what checking and storing the submission does. With
NETRA_INTAKE_INBOX on (the default wherever a Celery broker is configured) the web answers 201 with
the tracking code once the submission is committed, and a worker opens the cases in order; a surge
of reports then waits in a table instead of in front of the web server. Without a broker (the
development server, the tests) the submission is opened at once, in the request's transaction, so
the behaviour is the synchronous one it always was.

What the reporter sees does not change: the answer carries the same tracking code, status and
window; looking the code up (status page, API) opens a waiting submission on the spot; a submission
that cannot be opened is kept, marked failed with the reason, for an administrator to retry.
See models.Submission and docs/decisions.md, "The intake inbox".
"""

import dataclasses
import datetime as dt
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.core import crypto
from netra.registry import refcache

from ..models import Report, Submission
from ..signals import submission_opened
from .base import _local_date, report_window_end
from .intake import ReportInput, check_report, submit_report

log = logging.getLogger(__name__)

KICK_KEY = "netra:intake-inbox:kick"
KICK_SECONDS = 60  # a kick older than this is forgotten, so a lost task cannot silence the inbox
SAMPLE_KEY = "netra:intake-inbox:arrivals"  # (time, highest submission id) at the worker's last look
BATCH = 25  # submissions opened between two looks at the arrival rate
MAX_ATTEMPTS = 5
PAYLOAD_VERSION = 1
ST = Submission.Status


@dataclasses.dataclass(frozen=True)
class Accepted:
    """What the reporter is told at once: the same as for a case opened synchronously."""

    tracking_code: str
    within_window: bool
    received_at: dt.datetime


def _payload(data: ReportInput, extras: dict) -> str:
    report = {}
    for f in dataclasses.fields(ReportInput):
        value = getattr(data, f.name)
        if f.name in ("region", "agency"):
            value = value.pk if value is not None else None
        elif isinstance(value, dt.date):
            value = value.isoformat()
        report[f.name] = value
    return crypto.encrypt_json({"v": PAYLOAD_VERSION, "report": report, "extras": extras})


def _input(report: dict) -> ReportInput:
    """The report as it was checked, with its region and agency as they are now (the reference copy).

    A region deactivated meanwhile makes the submission fail for an administrator; an agency that is
    gone leaves the report with the agency as the reporter typed it.
    """
    values = dict(report)
    region = refcache.region_by_pk(values["region"])
    if region is None:
        raise ValidationError({"region": _("Kabupaten/kota laporan ini tidak lagi aktif.")})
    values["region"] = region
    values["agency"] = refcache.agency_by_pk(values["agency"]) if values.get("agency") else None
    for key in ("conduct_date", "known_date"):
        values[key] = dt.date.fromisoformat(values[key]) if values.get(key) else None
    return ReportInput(**values)


def accept_report(data: ReportInput, extras: dict | None = None, at: dt.datetime | None = None) -> Accepted:
    """Check a report as `submit_report` does and keep it in the inbox; raises ValidationError first.

    `extras` travel with it for other apps (the reporter's update address; signals.submission_opened).
    Runs in the caller's transaction: nothing is kept when the caller rolls back.
    """
    at = at or timezone.now()
    if not settings.NETRA_INTAKE_INBOX:  # no worker to wait for: open the case now, in this transaction
        with transaction.atomic():  # the case and the reporter's update contact, together or not at all
            report = submit_report(data, at=at)
            submission_opened.send(sender=Submission, report=report, extras=extras or {})
        return Accepted(report.tracking_code, report.within_window, at)
    errors = check_report(data, _local_date(at))
    if errors:
        raise ValidationError(errors)
    submission = Submission.objects.create(received_at=at, channel=data.channel,
                                           payload_encrypted=_payload(data, extras or {}))
    transaction.on_commit(kick)
    known = data.known_date or data.conduct_date
    return Accepted(submission.tracking_code, _local_date(at) <= report_window_end(known), at)


def _open(submission: Submission) -> Report:
    """Open the case of one submission (the caller holds its row); the payload is dropped once opened,
    so the reporter's identity and address live only where the report and its contact keep them."""
    payload = crypto.decrypt_json(submission.payload_encrypted)
    report = submit_report(_input(payload["report"]), at=submission.received_at,
                           tracking_code=submission.tracking_code)
    submission_opened.send(sender=Submission, report=report, extras=payload.get("extras") or {})
    Submission.objects.filter(pk=submission.pk).update(
        status=ST.OPENED, report=report, opened_at=timezone.now(), payload_encrypted="", last_error="")
    return report


def _record_failure(submission: Submission, exc: Exception) -> None:
    """Count a failed opening; a submission that can never open (its region or agency is gone, it no
    longer passes the checks) or failed MAX_ATTEMPTS times is marked failed for an administrator."""
    attempts = submission.attempts + 1
    permanent = isinstance(exc, ValidationError | ObjectDoesNotExist) or attempts >= MAX_ATTEMPTS
    Submission.objects.filter(pk=submission.pk).update(
        attempts=attempts, status=ST.FAILED if permanent else ST.PENDING,
        last_error=f"{type(exc).__name__}: {exc}"[:2000])
    log.error("submission %s could not be opened (attempt %s%s): %s", submission.pk, attempts,
              ", marked failed" if permanent else "", exc)


def _open_locked(submission: Submission) -> Report | None:
    try:
        with transaction.atomic():
            return _open(submission)
    except Exception as exc:  # noqa: BLE001 - recorded on the row; the submission itself is never lost
        _record_failure(submission, exc)
        return None


def open_next() -> bool:
    """Open the oldest waiting submission that no other worker holds; False when none waits.

    FOR UPDATE SKIP LOCKED: two workers never open the same submission, and the opening commits
    together with the row's new status, so a killed worker leaves it waiting, never half-opened.
    """
    with transaction.atomic():
        submission = (Submission.objects.select_for_update(skip_locked=True)
                      .filter(status=ST.PENDING).order_by("id").first())
        if submission is None:
            return False
        _open_locked(submission)
    return True


def open_pending(limit: int | None = None) -> int:
    """Open waiting submissions, oldest first, until none waits (or `limit` were tried)."""
    done = 0
    while (limit is None or done < limit) and open_next():
        done += 1
    return done


def kick() -> None:
    """Ask a worker to empty the inbox: one broker message for a burst of reports, not one each."""
    if not cache.add(KICK_KEY, 1, timeout=KICK_SECONDS):
        return  # a worker is already on it (see tasks.open_submissions for the hand-over)
    from ..tasks import open_submissions

    try:
        open_submissions.delay()
    except Exception:  # broker down: the beat schedule's sweep opens them
        log.exception("could not queue the intake inbox; the periodic sweep will open the submissions")
        cache.delete(KICK_KEY)


def arrival_rate() -> float | None:
    """Submissions received per second since the worker's previous look (None on a first look).

    Read from the highest submission id, one index lookup, so the web pays nothing for it.
    """
    now, latest = time.time(), Submission.objects.aggregate(m=Max("id"))["m"] or 0
    previous = cache.get(SAMPLE_KEY)
    cache.set(SAMPLE_KEY, (now, latest), KICK_SECONDS)
    if not previous or not 0.05 <= now - previous[0] <= KICK_SECONDS:
        return None
    return max(latest - previous[1], 0) / (now - previous[0])


def gives_way() -> bool:
    """True while reports arrive in a surge and none has waited longer than it may.

    The web and the worker share the machine's cores. In a surge (NETRA_INBOX_SURGE_RATE reports a
    second or more) every core the worker spends opening cases is taken from accepting reports, and
    a report that is not accepted is the one thing that must not happen; an opened case can wait a
    minute (its reporter's lookup opens it on the spot). So the worker steps back, but never for
    longer than NETRA_INBOX_MAX_WAIT seconds for the oldest waiting report: the oldest ones are
    opened regardless, so a surge that does not end cannot starve the inbox. 0 turns this off
    (a worker on a machine of its own takes nothing from the web).
    """
    surge = settings.NETRA_INBOX_SURGE_RATE
    if not surge:
        return False
    rate = arrival_rate()
    if rate is None or rate < surge:
        return False
    oldest = (Submission.objects.filter(status=ST.PENDING).order_by("id")
              .values_list("received_at", flat=True).first())
    return oldest is not None and timezone.now() - oldest < dt.timedelta(seconds=settings.NETRA_INBOX_MAX_WAIT)


def drain() -> int:
    """The worker's job: open everything waiting, lower the kick flag, then look once more.

    A submission committed while the flag was still up did not queue a task; it committed before
    the flag went down, so the second look sees it. Between batches the worker looks at the arrival
    rate and, in a surge, hands the rest to a task in a few seconds (`gives_way`); the kick flag
    stays up meanwhile, so the web does not queue more tasks.
    """
    done = 0
    while True:
        if gives_way():
            _come_back()
            return done
        opened = open_pending(limit=BATCH)
        done += opened
        if opened < BATCH:
            break
    cache.delete(KICK_KEY)
    return done + open_pending()


def _come_back() -> None:
    """Queue the next look in NETRA_INBOX_SURGE_PAUSE seconds; the beat sweep covers a lost one."""
    from ..tasks import open_submissions

    cache.set(KICK_KEY, 1, timeout=KICK_SECONDS)
    try:
        open_submissions.apply_async(countdown=settings.NETRA_INBOX_SURGE_PAUSE)
    except Exception:
        log.exception("could not queue the intake inbox; the periodic sweep will open the submissions")
        cache.delete(KICK_KEY)


def find_report(code: str) -> Report | None:
    """The report behind a tracking code, opening it now if it still waits in the inbox.

    The lookup waits while a worker is opening that very submission (its row is locked) and then
    finds the report. None for an unknown code and for a submission that failed to open.
    """
    report = Report.objects.select_related("case").filter(tracking_code=code).first()
    if report is not None:
        return report
    with transaction.atomic():
        submission = Submission.objects.select_for_update().filter(tracking_code=code).first()
        if submission is None:
            return None
        if submission.status == ST.PENDING:
            _open_locked(submission)
    return Report.objects.select_related("case").filter(tracking_code=code).first()


def is_held(code: str) -> bool:
    """True when a submission with this code was received but could not be opened (failed)."""
    return Submission.objects.filter(tracking_code=code, status=ST.FAILED).exists()


def retry(submissions) -> int:
    """An administrator's "try again": failed submissions wait again and are opened now."""
    ids = list(submissions.filter(status=ST.FAILED).values_list("pk", flat=True))
    Submission.objects.filter(pk__in=ids).update(status=ST.PENDING, attempts=0)
    opened = 0
    for pk in ids:
        with transaction.atomic():
            submission = Submission.objects.select_for_update(skip_locked=True).filter(
                pk=pk, status=ST.PENDING).first()
            if submission is not None and _open_locked(submission) is not None:
                opened += 1
    return opened
