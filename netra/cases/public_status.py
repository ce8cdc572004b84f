"""What a reporter may see about their case: stage names and dates, nothing personal."""

from django.utils.translation import gettext as _

from . import workflow
from .models import CaseStatus

# Generated from the workflow table: the events a reporter sees and how they read.
PUBLIC_EVENT_LABELS = workflow.PUBLIC_EVENT_LABELS


def public_outcome(case) -> str:
    """The result of a finished (or decided) case in plain words for the reporter.

    Only the kind of outcome and the sanction's level are told, never names or decree numbers:
    the reporter learns that the report led somewhere without the page exposing the civil servant.
    """
    if case.status in (CaseStatus.PPK_DECIDED, CaseStatus.CLOSED):
        if case.decided_sanction_id:
            level = case.decided_sanction.get_level_display().lower()
            return _("Laporan Anda terbukti. Pejabat Pembina Kepegawaian (PPK) telah menjatuhkan sanksi "
                     "kepada ASN yang dilaporkan: %(sanction)s.") % {"sanction": level}
        if case.status == CaseStatus.CLOSED:
            return _("Pemeriksaan atas laporan Anda telah selesai dan hasilnya tercatat.")
    return {
        CaseStatus.NOT_PROVEN: _("Setelah diperiksa, dugaan pelanggaran tidak terbukti. Tidak ada sanksi yang "
                                 "dijatuhkan."),
        CaseStatus.REJECTED: _("Laporan tidak dapat diproses karena yang dilaporkan bukan pelanggaran "
                               "netralitas ASN."),
        CaseStatus.CANCELLED: _("Penanganan laporan ini dibatalkan."),
        CaseStatus.EMPLOYEE_EXITED: _("ASN yang dilaporkan sudah tidak berstatus ASN, sehingga sanksi ASN tidak "
                                      "dapat dijatuhkan. Laporan tetap tercatat."),
    }.get(case.status, "")


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
