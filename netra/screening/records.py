"""Read posts from JSONL or CSV one line at a time, reporting bad lines instead of stopping.

Shared by the `netra screen` CLI and the platform's upload import, so both accept the same files.
Problems are returned as a kind and a detail; each caller words them for its own audience.
"""

import csv
import json
from collections.abc import Iterator
from typing import NamedTuple

BAD_JSON = "bad_json"
BAD_CSV_ROW = "bad_csv_row"
NO_TEXT = "no_text"
BAD_HEADER = "bad_header"


class Line(NamedTuple):
    number: int
    row: dict | None
    problem: str | None = None
    detail: str = ""


def iter_records(fh, fmt: str) -> Iterator[Line]:
    """Yield a Line per record: `row` when usable, else `problem` (one of the kinds above)."""
    if fmt == "csv":
        reader = csv.DictReader(fh)
        if not reader.fieldnames or "text" not in {f.strip() for f in reader.fieldnames}:
            yield Line(1, None, BAD_HEADER)
            return
        for row in reader:
            if row.get("text") is None or None in row:
                yield Line(reader.line_num, None, BAD_CSV_ROW)
                continue
            yield Line(reader.line_num, {k.strip(): v for k, v in row.items()})
        return
    for number, text in enumerate(fh, 1):
        if not text.strip():
            continue
        try:
            row = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Line(number, None, BAD_JSON, exc.msg)
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            yield Line(number, None, NO_TEXT)
            continue
        yield Line(number, row)
