"""Every state change of reports and cases, each in one function and one transaction.

Each function checks that the move is allowed (state and role), writes the change and its
CaseEvent row together, and returns the changed object. Views, the API, the CLI, Celery tasks and
`seed_demo` all call these functions; nothing else writes a case's status
(tests/cases/test_status_writes.py). The functions live in three modules by concern:
`intake` (reports arrive), `transitions` (the workflow steps of the table in `cases/workflow.py`)
and `escalation` (overdue PPK follow-ups); `base` holds the guards and the event log they share.
"""

from .base import DEADLINES, S, TransitionError, report_window_end, stage_due_date
from .escalation import ESCALATION_ORDER, escalate_overdue
from .intake import ReportInput, add_report_info, archive_post, reporter_identity, submit_report
from .transitions import (
    DISMISSALS,
    assign,
    can_act_as_ppk,
    classify,
    close_case,
    dismiss,
    dismissal_steps,
    forward_to_bawaslu,
    link_employee,
    mark_employee_exited,
    merge_cases,
    recommend,
    record_ppk_decision,
    return_to_verification,
    set_agency,
    start_verification,
)

__all__ = [
    "DEADLINES", "DISMISSALS", "ESCALATION_ORDER", "ReportInput", "S", "TransitionError", "add_report_info",
    "archive_post", "assign", "can_act_as_ppk", "classify", "close_case", "dismiss", "dismissal_steps",
    "escalate_overdue", "forward_to_bawaslu", "link_employee", "mark_employee_exited", "merge_cases",
    "recommend", "record_ppk_decision", "report_window_end", "reporter_identity", "return_to_verification",
    "set_agency", "stage_due_date", "start_verification", "submit_report",
]
