"""Read an uploaded file of posts (JSONL or CSV) into (line number, row) pairs and line errors.

The parsing is the screener's own (`netra.screening.records`), so the upload accepts exactly the
files `netra screen` accepts; only the messages are worded here, in the UI language.
"""

import io

from django.utils.translation import gettext as _

from netra.screening import records

PROBLEMS = {
    records.BAD_JSON: lambda detail: _("JSON tidak sah: %(msg)s") % {"msg": detail},
    records.BAD_CSV_ROW: lambda detail: _("baris CSV rusak (kolom text kosong atau kolom berlebih)"),
    records.NO_TEXT: lambda detail: _("kolom text kosong"),
    records.BAD_HEADER: lambda detail: _("Baris judul CSV harus memuat kolom id dan text."),
    records.BAD_FIELD: lambda detail: _("kolom %(field)s memuat karakter yang tidak sah (NUL atau surrogate tunggal)")
    % {"field": detail} if detail != "action" else _("kolom action harus berupa teks"),
    records.CSV_UNREADABLE: lambda detail: _("CSV rusak mulai baris ini (misalnya sel terlalu panjang atau tanda "
                                             "kutip tidak ditutup); baris selebihnya tidak dibaca."),
}


def read_upload(uploaded) -> tuple[list[tuple[int, dict]], list[tuple[int, str]]]:
    name = (getattr(uploaded, "name", "") or "").lower()
    if not name.endswith((".csv", ".jsonl", ".json", ".ndjson")):
        return [], [(0, _("Jenis berkas tidak dikenal: gunakan .csv atau .jsonl."))]
    try:
        content = uploaded.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [(0, _("Berkas harus berupa teks UTF-8 (CSV atau JSONL)."))]
    fmt = "csv" if name.endswith(".csv") else "jsonl"
    rows, errors = [], []
    for line in records.iter_records(io.StringIO(content, newline=""), fmt):
        if line.problem:
            errors.append((line.number, PROBLEMS[line.problem](line.detail)))
        else:
            rows.append((line.number, line.row))
    return rows, errors
