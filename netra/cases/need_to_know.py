"""What of a reporter's own material each staff role may read.

PPK officers (the accused's employer) and leadership act on the verifier's findings, not on the
reporter's words: the raw description, chronology and notes can name the reporter, a tracking code lets
its holder read the reporter's status page and post a note as the reporter, and original file names
often carry a person's name or phone model. So only the roles that handle the report itself (verifier,
Bawaslu reviewer, admin) see those; the others see the findings, and the evidence copies (metadata
removed) under neutral names.
"""

from netra.core.roles import Role, has_role

SEES_REPORT_CONTENT = (Role.VERIFIER, Role.BAWASLU, Role.ADMIN)
# Events whose staff-written reason is the verifier's (and Bawaslu's) finding on the case.
FINDING_EVENTS = ("classified", "forwarded_to_bawaslu", "recommended")


def sees_report_content(user) -> bool:
    """Tracking codes, the reporter's description, chronology and notes, original file names."""
    return has_role(user, *SEES_REPORT_CONTENT)


def neutral_report_label(index: int) -> str:
    from django.utils.translation import gettext as _

    return _("Laporan %(n)s") % {"n": index}


def findings(case) -> list:
    """The staff findings on a case, oldest first: classification, forwarding, recommendation."""
    return list(case.events.filter(kind__in=FINDING_EVENTS).select_related("actor").order_by("at", "id"))


def redact_event_data(data: dict) -> dict:
    """Event data without tracking codes (the `received`, note and merge events carry them)."""
    return {k: v for k, v in (data or {}).items() if k not in {"report", "reports"}}
