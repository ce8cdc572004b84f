"""Reading a meeting platform's participant export (Zoom style) and matching it to registrants.

Zoom's "Participants" CSV has one row per join: a person who dropped out and came back, or joined
from two devices, has several rows, so minutes are summed per person. Some exports start with a
meeting summary block before the participant header; the header row is found by its columns.
Headers in English and Indonesian are recognised. Times are read in the site time zone (WITA).

Matching: by email (case-insensitive) first, then by name (exact after normalising, then fuzzy
with rapidfuzz when one registrant is clearly the best). Every row that is malformed or matches
nobody is reported with its row number and the reason.
"""

from __future__ import annotations

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
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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


@dataclass
class Matched:
    minutes: dict[int, int]
    used: int
    problems: list[dict]


def _problem(row: int, raw: str, reason: str, kind: str = "rejected") -> dict:
    return {"row": row, "kind": kind, "reason": reason, "raw": raw[:300]}


def _decode(content: bytes | str) -> str:
    if isinstance(content, str):
        return content
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


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
    text = _decode(content)
    reader = sniffed_reader(text)
    cols = None
    rows: list[Row] = []
    problems: list[dict] = []
    total = 0
    for lineno, cells in enumerate(reader, start=1):
        if cols is None:
            cols = _find_columns(cells)
            continue
        if not any(c.strip() for c in cells):
            continue
        total += 1
        if total > MAX_ROWS:
            problems.append(_problem(lineno, "", _("Berkas terlalu besar; baris selebihnya diabaikan.")))
            break
        raw = ",".join(cells)

        def cell(key, cells=cells, cols=cols):
            i = cols.get(key)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        name, email = cell("name"), cell("email").lower()
        name = re.sub(r"\s*\(.*?\)\s*$", "", name).strip()  # "Budi (BKD Samarinda)" -> "Budi"
        if not name and not email:
            problems.append(_problem(lineno, raw, _("Nama dan email kosong.")))
            continue
        join_raw, leave_raw = cell("join"), cell("leave")
        join, leave = parse_time(join_raw), parse_time(leave_raw)
        if (join_raw and join is None) or (leave_raw and leave is None):
            problems.append(_problem(lineno, raw, _("Format waktu tidak dikenali: %(join)s / %(leave)s") % {
                "join": join_raw or "-", "leave": leave_raw or "-"}))
            continue
        if join and leave and leave < join:
            problems.append(_problem(lineno, raw, _("Waktu keluar sebelum waktu bergabung.")))
            continue
        duration_raw = cell("duration")
        if duration_raw:
            try:
                minutes = float(duration_raw.replace(",", "."))
            except ValueError:
                problems.append(_problem(lineno, raw, _("Durasi bukan angka: %(d)s") % {"d": duration_raw}))
                continue
            if minutes < 0 or minutes > 24 * 60:
                problems.append(_problem(lineno, raw, _("Durasi tidak masuk akal: %(d)s") % {"d": duration_raw}))
                continue
        elif join and leave:
            minutes = (leave - join).total_seconds() / 60
        else:
            problems.append(_problem(lineno, raw, _("Durasi dan waktu bergabung/keluar kosong.")))
            continue
        row = Row(row=lineno, name=name, email=email, minutes=int(round(minutes)), join=join, leave=leave)
        if not email:
            row.warnings.append(_("Email kosong; dicocokkan dengan nama."))
        elif not EMAIL_RE.match(email):
            row.warnings.append(_("Email tidak valid (%(e)s); dicocokkan dengan nama.") % {"e": email})
            row.email = ""
        rows.append(row)
    if cols is None:
        problems.append(_problem(0, text[:200], _("Baris judul kolom tidak ditemukan (perlu kolom nama dan durasi, "
                                                  "atau nama, waktu bergabung dan keluar).")))
    return Parsed(rows=rows, problems=problems, total=total)


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
