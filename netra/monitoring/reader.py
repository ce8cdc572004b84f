"""Read an uploaded file of posts (JSONL or CSV) into (line number, row) pairs and line errors."""

import csv
import io
import json

from django.utils.translation import gettext as _


def read_upload(uploaded) -> tuple[list[tuple[int, dict]], list[tuple[int, str]]]:
    name = (getattr(uploaded, "name", "") or "").lower()
    if not name.endswith((".csv", ".jsonl", ".json", ".ndjson")):
        return [], [(0, _("Jenis berkas tidak dikenal: gunakan .csv atau .jsonl."))]
    raw = uploaded.read()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [(0, _("Berkas harus berupa teks UTF-8 (CSV atau JSONL)."))]
    rows, errors = [], []
    if name.endswith(".csv"):
        reader = csv.DictReader(io.StringIO(content))
        if not reader.fieldnames or not {"id", "text"} <= {f.strip() for f in reader.fieldnames}:
            return [], [(1, _("Baris judul CSV harus memuat kolom id dan text."))]
        for row in reader:
            rows.append((reader.line_num, {k.strip(): v for k, v in row.items() if k}))
        return rows, errors
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            errors.append((number, _("JSON tidak sah: %(msg)s") % {"msg": exc.msg}))
    return rows, errors
