"""Reading a meeting platform's participant export (Zoom style) and matching it to registrants.

Zoom's "Participants" CSV has one row per join: a person who dropped out and came back, or joined
from two devices, has several rows, so minutes are summed per person. Some exports start with a
meeting summary block before the participant header; the header row is found by its columns.
Headers in English and Indonesian are recognised. Times are read in the site time zone (WITA).

Matching: by email (case-insensitive) first, then by name (exact after normalising, then fuzzy
with rapidfuzz when one registrant is clearly the best). Every row that is malformed or matches
nobody is reported with its row number and the reason.

A file that cannot be read as a participant export (no recognised header, binary, undecodable) is
refused with `AttendanceFileError` before anything changes: attendance totals are replaced by each
import, so reading a wrong file as "nobody attended" would wipe every registrant's minutes.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from netra.core.csvtext import sniffed_reader
from netra.core.names import normalize_name

HEADERS = {
    "name": ["name (original name)", "name (nama asli)", "name", "nama", "participant", "peserta", "nama peserta",
             "display name"],
    "email": ["user email", "email", "e-mail", "surel", "alamat email", "email pengguna"],
    "join": ["join time", "waktu bergabung", "join", "masuk", "waktu masuk"],
    "leave": ["leave time", "waktu keluar", "leave", "keluar"],
    "duration": ["duration (minutes)", "duration (mins)", "duration", "durasi (menit)", "durasi", "lama (menit)"],
}
DATE_FORMATS = [
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M",
]
FUZZY_MIN = 90
FUZZY_MARGIN = 5
MAX_ROWS = 20000
# Zoom puts a short meeting summary above the participant header; a file whose header is not
# within the first lines is not a participant export.
HEADER_SEARCH_LINES = 50
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AttendanceFileError(Exception):
    """The file as a whole is not a usable participant export; nothing may be changed."""


class AttendanceRowErrors(AttendanceFileError):
    """Some rows cannot be read; the file is applied only if the trainer asks for the valid rows."""

    def __init__(self, problems: list[dict], total: int):
        super().__init__(_("%(n)s dari %(total)s baris tidak dapat dibaca; kehadiran tidak diubah. Perbaiki "
                           "berkasnya, atau centang \"terapkan hanya baris yang valid\".")
                         % {"n": len(problems), "total": total})
        self.problems = problems


@dataclass
class Row:
    row: int
    name: str
    email: str
    minutes: int
    join: dt.datetime | None
    leave: dt.datetime | None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Parsed:
    rows: list[Row]
    problems: list[dict]
    total: int
    encoding: str = "utf-8"

    @property
    def errors(self) -> list[dict]:
        """Rows that could not be read: with any of these the file is applied only on request."""
        return [p for p in self.problems if p["kind"] == "rejected"]


@dataclass
class Matched:
    minutes: dict[int, int]
    used: int
    problems: list[dict]


def _problem(row: int, raw: str, reason: str, kind: str = "rejected") -> dict:
    return {"row": row, "kind": kind, "reason": reason, "raw": raw[:300]}


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL, as in UTF-16 text of Latin letters."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(content: bytes | str) -> tuple[str, str]:
    """The text of an export and the encoding it was read with.

    UTF-16 is taken only when the file says so (byte-order mark) or looks like it (NUL in every
    other byte): any byte string of even length "decodes" as UTF-16, so trying it before cp1252
    turned a Windows-1252 CSV into Chinese-looking noise that matched nobody. Other NUL bytes mean
    a binary file, which is refused.
    """
    if isinstance(content, str):
        return content, "utf-8"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise AttendanceFileError(_("Berkas UTF-16 rusak dan tidak dapat dibaca.")) from exc
    head = content[:4096]
    if b"\x00" in head:
        guess = _utf16_without_bom(head)
        if guess is None:
            raise AttendanceFileError(_("Berkas ini bukan teks CSV (berisi data biner). Unggah CSV ekspor peserta "
                                        "dari Zoom atau platform rapat lain."))
        try:
            return content.decode(guess), guess
        except UnicodeDecodeError as exc:
            raise AttendanceFileError(_("Berkas UTF-16 rusak dan tidak dapat dibaca.")) from exc
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding), encoding.removesuffix("-sig")
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1"), "latin-1"


def _norm_header(h: str) -> str:
    return re.sub(r"\s+", " ", (h or "").strip().lower())


def _find_columns(header: list[str]) -> dict[str, int] | None:
    cells = [_norm_header(h) for h in header]
    cols = {}
    for key, names in HEADERS.items():
        for name in names:
            if name in cells:
                cols[key] = cells.index(name)
                break
    if "name" in cols and ("duration" in cols or ("join" in cols and "leave" in cols)):
        return cols
    return None


def parse_time(raw: str) -> dt.datetime | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    for fmt in DATE_FORMATS:
        try:
            naive = dt.datetime.strptime(raw, fmt)
        except ValueError:
            continue
        return timezone.make_aware(naive, timezone.get_default_timezone())
    return None


def parse_participants(content: bytes | str) -> Parsed:
    """Every participant row of an export; raises AttendanceFileError for a file that is not one."""
    text, encoding = decode(content)
    if "\x00" in text:
        raise AttendanceFileError(_("Berkas ini bukan teks CSV (berisi data biner). Unggah CSV ekspor peserta "
                                    "dari Zoom atau platform rapat lain."))
    cols = None
    rows: list[Row] = []
    problems: list[dict] = []
    total = 0
    reader = sniffed_reader(text)
    try:
        for lineno, cells in enumerate(reader, start=1):
            if cols is None:
                cols = _find_columns(cells)
                if cols is None and lineno >= HEADER_SEARCH_LINES:
                    break
                continue
            if not any(c.strip() for c in cells):
                continue
            total += 1
            if total > MAX_ROWS:
                problems.append(_problem(lineno, "", _("Berkas terlalu besar (paling banyak %(n)s baris peserta); "
                                                       "baris selebihnya tidak dibaca.") % {"n": MAX_ROWS}))
                break
            _parse_row(lineno, cells, cols, rows, problems)
    except csv.Error as exc:
        raise AttendanceFileError(_("Berkas CSV rusak di sekitar baris %(row)s (misalnya sel terlalu panjang atau "
                                    "tanda kutip tidak ditutup); tidak ada yang diubah.")
                                  % {"row": reader.line_num + 1}) from exc
    if cols is None:
        raise AttendanceFileError(_("Baris judul kolom tidak ditemukan (perlu kolom nama dan durasi, atau nama, "
                                    "waktu bergabung dan keluar). Periksa bahwa berkas ini ekspor peserta rapat."))
    if total == 0:
        raise AttendanceFileError(_("Berkas hanya berisi judul kolom, tanpa baris peserta."))
    return Parsed(rows=rows, problems=problems, total=total, encoding=encoding)


def _parse_row(lineno: int, cells: list[str], cols: dict[str, int], rows: list[Row], problems: list[dict]) -> None:
    """One participant row appended to `rows`, or its reason to `problems`."""
    raw = ",".join(cells)

    def cell(key, cells=cells, cols=cols):
        i = cols.get(key)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    name, email = cell("name"), cell("email").lower()
    name = re.sub(r"\s*\(.*?\)\s*$", "", name).strip()  # "Budi (BKD Samarinda)" -> "Budi"
    if not name and not email:
        problems.append(_problem(lineno, raw, _("Nama dan email kosong.")))
        return
    join_raw, leave_raw = cell("join"), cell("leave")
    join, leave = parse_time(join_raw), parse_time(leave_raw)
    if (join_raw and join is None) or (leave_raw and leave is None):
        problems.append(_problem(lineno, raw, _("Format waktu tidak dikenali: %(join)s / %(leave)s") % {
            "join": join_raw or "-", "leave": leave_raw or "-"}))
        return
    if join and leave and leave < join:
        problems.append(_problem(lineno, raw, _("Waktu keluar sebelum waktu bergabung.")))
        return
    duration_raw = cell("duration")
    if duration_raw:
        try:
            minutes = float(duration_raw.replace(",", "."))
        except ValueError:
            problems.append(_problem(lineno, raw, _("Durasi bukan angka: %(d)s") % {"d": duration_raw}))
            return
        if minutes < 0 or minutes > 24 * 60:
            problems.append(_problem(lineno, raw, _("Durasi tidak masuk akal: %(d)s") % {"d": duration_raw}))
            return
    elif join and leave:
        minutes = (leave - join).total_seconds() / 60
    else:
        problems.append(_problem(lineno, raw, _("Durasi dan waktu bergabung/keluar kosong.")))
        return
    row = Row(row=lineno, name=name, email=email, minutes=int(round(minutes)), join=join, leave=leave)
    if not email:
        row.warnings.append(_("Email kosong; dicocokkan dengan nama."))
    elif not EMAIL_RE.match(email):
        row.warnings.append(_("Email tidak valid (%(e)s); dicocokkan dengan nama.") % {"e": email})
        row.email = ""
    rows.append(row)


def match_rows(rows: list[Row], registrations: list, cap_minutes: int | None = None) -> Matched:
    by_email = {r.email.lower(): r for r in registrations if r.email}
    by_name: dict[str, list] = {}
    for r in registrations:
        by_name.setdefault(normalize_name(r.name), []).append(r)
    names = list(by_name)
    minutes: dict[int, float] = {}
    problems: list[dict] = []
    used = 0
    for row in rows:
        reg, how = None, ""
        if row.email and row.email in by_email:
            reg, how = by_email[row.email], "email"
        else:
            key = normalize_name(row.name)
            candidates = by_name.get(key, [])
            if len(candidates) == 1:
                reg, how = candidates[0], "name"
            elif len(candidates) > 1:
                problems.append(_problem(row.row, f"{row.name},{row.email}",
                                         _("Nama cocok dengan lebih dari satu pendaftar."), "unmatched"))
                continue
            elif key and names:
                best = process.extract(key, names, scorer=fuzz.token_sort_ratio, limit=2)
                top = best[0] if best else None
                runner = best[1][1] if len(best) > 1 else 0
                if top and top[1] >= FUZZY_MIN and top[1] - runner >= FUZZY_MARGIN and len(by_name[top[0]]) == 1:
                    reg, how = by_name[top[0]][0], "fuzzy"
        if reg is None:
            reason = _("Tidak cocok dengan pendaftar mana pun (email %(email)s, nama %(name)s).") % {
                "email": row.email or "-", "name": row.name or "-"}
            problems.append(_problem(row.row, f"{row.name},{row.email}", reason, "unmatched"))
            continue
        used += 1
        minutes[reg.pk] = minutes.get(reg.pk, 0) + row.minutes
        for warning in row.warnings:
            problems.append(_problem(row.row, f"{row.name},{row.email}", warning, "warning"))
        if how != "email" and row.email:
            problems.append(_problem(row.row, f"{row.name},{row.email}",
                                     _("Email %(email)s tidak terdaftar; dicocokkan dengan nama %(reg)s.") % {
                                         "email": row.email, "reg": reg.name}, "warning"))
        if how == "fuzzy":
            problems.append(_problem(row.row, f"{row.name},{row.email}",
                                     _("Dicocokkan dengan nama yang mirip: %(reg)s.") % {"reg": reg.name}, "warning"))
    result = {pk: int(round(m)) for pk, m in minutes.items()}
    if cap_minutes:
        result = {pk: min(m, cap_minutes) for pk, m in result.items()}
    return Matched(minutes=result, used=used, problems=problems)
