"""Read posts from JSONL or CSV one line at a time, reporting bad lines instead of stopping.

Shared by the `netra screen` CLI and the platform's upload import, so both accept the same files.
Problems are returned as a kind and a detail; each caller words them for its own audience.

A line is usable when it is an object whose `text` is a string and whose other fields can be
screened and written back: `action` a string (or absent), and no lone UTF-16 surrogate or NUL in
any string (JSON may spell them as escapes; no encoder can write a lone surrogate back out, and
PostgreSQL refuses NUL). Anything else is one reported line, never the end of the run.
"""

import csv
import json
from collections.abc import Iterator
from typing import NamedTuple

BAD_JSON = "bad_json"
BAD_CSV_ROW = "bad_csv_row"
NO_TEXT = "no_text"
BAD_HEADER = "bad_header"
BAD_FIELD = "bad_field"
CSV_UNREADABLE = "csv_unreadable"

# Python's csv refuses fields over 131,072 characters by default; a long post in a CSV export is
# still a post. The limit is process-wide, so only the `netra screen` process raises it to this;
# beyond the limit the file is reported as unreadable from that line on.
CSV_FIELD_LIMIT = 16 * 1024 * 1024


class Line(NamedTuple):
    number: int
    row: dict | None
    problem: str | None = None
    detail: str = ""


def _bad_string(value) -> bool:
    if not isinstance(value, str):
        return False
    if "\x00" in value:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def field_problem(row: dict) -> str:
    """The name of the first field that makes `row` unusable (see the module doc), or ""."""
    action = row.get("action")
    if action is not None and not isinstance(action, str):
        return "action"
    for key, value in row.items():
        if _bad_string(key) or _bad_string(value):
            return str(key).encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\0")[:30]
    return ""


def check_row(number: int, row) -> Line:
    """A Line for an already-parsed record: usable, or the reason it is not."""
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        return Line(number, None, NO_TEXT)
    bad = field_problem(row)
    if bad:
        return Line(number, None, BAD_FIELD, bad)
    return Line(number, row)


def parse_json_line(number: int, text: str) -> Line | None:
    """One JSONL line as a Line; None for a blank line."""
    if not text.strip():
        return None
    try:
        row = json.loads(text)
    except json.JSONDecodeError as exc:
        return Line(number, None, BAD_JSON, exc.msg)
    except RecursionError:
        return Line(number, None, BAD_JSON, "nested too deeply")
    return check_row(number, row)


def iter_csv(fh) -> Iterator[Line]:
    reader = csv.DictReader(fh)
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        yield Line(1, None, CSV_UNREADABLE, str(exc))
        return
    if not fieldnames or "text" not in {(f or "").strip() for f in fieldnames}:
        yield Line(1, None, BAD_HEADER)
        return
    # Excel and people write "id, text": the names count without their spaces.
    reader.fieldnames = [(f or "").strip() for f in fieldnames]
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Line(reader.line_num + 1, None, CSV_UNREADABLE, str(exc))
            return
        if row.get("text") is None or None in row:
            yield Line(reader.line_num, None, BAD_CSV_ROW)
            continue
        yield check_row(reader.line_num, row)


def iter_records(fh, fmt: str) -> Iterator[Line]:
    """Yield a Line per record: `row` when usable, else `problem` (one of the kinds above)."""
    if fmt == "csv":
        yield from iter_csv(fh)
        return
    for number, text in enumerate(fh, 1):
        line = parse_json_line(number, text)
        if line is not None:
            yield line
