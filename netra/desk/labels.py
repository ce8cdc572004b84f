"""Readable names for case events on the staff timeline, generated from the workflow table."""

from netra.cases.workflow import STAFF_EVENT_LABELS

EVENT_LABELS = STAFF_EVENT_LABELS


def event_label(kind: str) -> str:
    return str(EVENT_LABELS.get(kind, kind))
