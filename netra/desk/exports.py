"""CSV and XLSX exports of the filtered case list.

What leaves the system is decided here, once, for both formats: never reporter identity or the
reporters' free text (a description can name the reporter), and the NIP only for roles in SEES_NIP.
Cells that begin like a formula are neutralised, because subject names come from the public.
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from netra.core.roles import can_see_nip

from .deadlines import deadline_state

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def columns(user) -> list[tuple[str, object]]:
    cols = [
        (_("Kode kasus"), lambda c: c.code),
        (_("Status"), lambda c: c.get_status_display()),
        (_("Dibuka"), lambda c: timezone.localtime(c.opened_at).strftime("%Y-%m-%d %H:%M")),
        (_("Batas waktu tahap"), lambda c: c.due_date.isoformat() if c.due_date else ""),
        (_("Tenggat"), lambda c: {"overdue": _("lewat"), "soon": _("segera"), "ok": _("sesuai")}.get(
            deadline_state(c), "")),
        (_("Nama terlapor"), lambda c: c.subject_name),
    ]
    if can_see_nip(user):
        cols.append((_("NIP"), lambda c: c.employee.nip if c.employee else ""))
    cols += [
        (_("Jenis pegawai"), lambda c: c.employee.get_employee_type_display() if c.employee else ""),
        (_("Instansi"), lambda c: c.agency.name if c.agency else ""),
        (_("Kabupaten/kota"), lambda c: c.region.name if c.region else ""),
        (_("Tanggal perbuatan"), lambda c: c.conduct_date.isoformat()),
        (_("Di luar batas waktu pelaporan"), lambda c: _("ya") if c.information_only else _("tidak")),
        (_("Kontestasi"), lambda c: c.contest.name if c.contest else ""),
        (_("Bentuk pelanggaran"), lambda c: c.violation.code if c.violation else ""),
        (_("Sanksi direkomendasikan"), lambda c: c.recommended_sanction.name if c.recommended_sanction else ""),
        (_("Nomor rekomendasi"), lambda c: c.recommendation_number),
        (_("Sanksi dijatuhkan PPK"), lambda c: c.decided_sanction.name if c.decided_sanction else ""),
        (_("Nomor SK PPK"), lambda c: c.decision_number),
        (_("Tanggal SK PPK"), lambda c: c.decision_date.isoformat() if c.decision_date else ""),
        (_("Eskalasi"), lambda c: c.get_escalation_display()),
    ]
    return cols


def rows(qs, user):
    cols = columns(user)
    qs = qs.select_related("employee", "agency", "region", "contest", "violation", "recommended_sanction",
                           "decided_sanction")
    yield [name for name, _get in cols]
    for case in qs.iterator(chunk_size=500):
        yield [_safe(get(case)) for _name, get in cols]


def to_csv(qs, user) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    for row in rows(qs, user):
        writer.writerow(row)
    # A BOM lets Excel open the UTF-8 file with the right characters.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(qs, user) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Kasus"))
    for row in rows(qs, user):
        sheet.append([str(v) for v in row])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
