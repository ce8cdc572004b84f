"""What a reporter may see about their case: stage names and dates, nothing personal."""

from . import workflow
from .models import CaseStatus

# Generated from the workflow table: the events a reporter sees and how they read.
PUBLIC_EVENT_LABELS = workflow.PUBLIC_EVENT_LABELS


def public_case(case):
    """Follow merges to the case that carries the work."""
    seen = set()
    while case.status == CaseStatus.MERGED and case.merged_into_id and case.pk not in seen:
        seen.add(case.pk)
        case = case.merged_into
    return case


def public_timeline(case) -> list[dict]:
    return [
        {"at": e.at, "label": PUBLIC_EVENT_LABELS[e.kind], "kind": e.kind}
        for e in case.events.all()
        if e.kind in PUBLIC_EVENT_LABELS
    ]
