"""Signals of the case record that other apps listen to (the cases app imports none of them).

`event_appending` is sent just BEFORE a new CaseEvent takes its turn on the hash chain. The turn
(an advisory lock on PostgreSQL, the write transaction on SQLite) lasts until the transaction
commits, so work that can be done before it, such as finding and rendering the notifications an
event causes, is done here and only its INSERT follows the event's own (in post_save).
"""

from django.dispatch import Signal

event_appending = Signal()  # sender: CaseEvent, instance: the unsaved event

# Sent when a submission from the intake inbox has opened its report and case, in the same
# transaction; `extras` holds what the submission carried for other apps (the reporter's update
# address, {"updates": {"channel", "address", "language"}}), which the notifications app keeps.
submission_opened = Signal()  # sender: Submission, report: the new Report, extras: dict
