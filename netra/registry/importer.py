"""Import the ASN register (PNS and PPPK) from a CSV or XLSX file exported by BKD/BKPSDM.

Every row is checked before anything is written, and the result is a row-by-row report that the
desk page and the `import_employees` command both show. A file with any error imports nothing,
unless the caller explicitly asks for the valid rows only: a half-imported register is worse
than none, because nobody can tell which half is missing.

Decisions:
- An NIP that is already registered is an *update* (name, type, agency, position, region), not an
  error: re-importing the latest export is how a BKD keeps the register current. The employee's
  status (active/exited) and user account are never touched by an import.
- The same NIP twice in one file is an error on the later row: the file is ambiguous.
- `instansi` is an agency code or the agency's exact name (case-insensitive); `wilayah` a region
  code such as 64.72. Unknown values are errors, never silently created.
- When the importer acts for a PPK/BKD officer (`government` given), every row must belong to an
  agency of that government, and an existing employee may only be updated if they already belong
  to it: one regional government cannot rewrite another's register.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netra.core.csvtext import sniffed_reader

from . import validators
from .models import Agency, Employee, Region

COLUMNS = ("jenis", "nip", "nama", "instansi", "jabatan", "wilayah")
REQUIRED_VALUES = ("jenis", "nip", "nama", "instansi", "wilayah")
MAX_ROWS = 50_000
# Sum of the uncompressed sizes of an XLSX's zip members: 50,000 register rows take about 15 MB.
MAX_XLSX_UNCOMPRESSED = 100_000_000
# Files larger than this are imported by a background job with a progress page (about 5,000 rows).
BACKGROUND_BYTES = 256 * 1024
PROGRESS_EVERY = 500
REPORT_ROWS_KEPT = 2000
# XLSX files are zip archives; sniffing the content (not the name) stops a renamed PDF or image.
ZIP_MAGIC = b"PK\x03\x04"


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, missing columns, empty); nothing is checked."""


@dataclass
class RowResult:
    number: int  # the row number a user sees in the spreadsheet (header is row 1)
    nip: str
    name: str
    messages: list[str] = field(default_factory=list)
    action: str = ""  # "create" or "update" for a valid row
    data: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.messages

    @property
    def status(self) -> str:
        return "ok" if self.ok else "error"


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)
    imported: bool = False
    created: int = 0
    updated: int = 0

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.rows if not r.ok]

    @property
    def valid_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.ok]

    @property
    def has_errors(self) -> bool:
        return any(not r.ok for r in self.rows)


# ---------------------------------------------------------------------------------------------
# reading


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Excel keeps numbers as doubles: an 18-digit NIP typed as a number has already lost its
        # last digits. Mark it so validation can say what went wrong instead of "wrong length".
        return f"#FLOAT#{value!r}"
    return str(value).strip()


def _check_zip_size(data: bytes) -> None:
    """Refuse an XLSX whose members expand beyond MAX_XLSX_UNCOMPRESSED, before any is parsed.

    An XLSX is a zip: 1 MB on disk can hold a million rows (or a deliberate "zip bomb"), and
    parsing them would hold the request for minutes before the row limit could be checked.
    The sizes are read from the zip directory, which costs nothing.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(_("Berkas XLSX tidak dapat dibaca; simpan ulang dari Excel sebagai .xlsx.")) from exc
    if total > MAX_XLSX_UNCOMPRESSED:
        raise ImportFileError(_("Isi berkas XLSX terlalu besar setelah diekstrak (%(mb)s MB; paling besar %(max)s MB). "
                                "Bagi menjadi beberapa berkas.") % {"mb": total // 1_000_000,
                                                                     "max": MAX_XLSX_UNCOMPRESSED // 1_000_000})


def _read_xlsx(data: bytes) -> list[list[str]]:
    """The first sheet's rows, read streaming (openpyxl read-only) and stopped past the row limit."""
    from openpyxl import load_workbook

    _check_zip_size(data)
    unreadable = _("Berkas XLSX tidak dapat dibaca; simpan ulang dari Excel sebagai .xlsx.")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for damaged files
        raise ImportFileError(unreadable) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            cells = [_cell_text(v) for v in row]
            if not any(cells):
                continue
            rows.append(cells)
            if len(rows) > MAX_ROWS + 1:  # header + MAX_ROWS
                raise ImportFileError(_("Terlalu banyak baris (paling banyak %(n)s per berkas).") % {"n": MAX_ROWS})
        return rows
    except ImportFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - a truncated sheet fails inside zlib or the XML parser
        raise ImportFileError(_("Berkas XLSX rusak atau terpotong; simpan ulang dari Excel sebagai .xlsx.")) from exc
    finally:
        workbook.close()


def _decode_text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("Jenis berkas tidak didukung. Unggah CSV (UTF-8) atau XLSX."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("Jenis berkas tidak didukung. Unggah CSV (UTF-8) atau XLSX."))


def _read_csv(data: bytes) -> list[list[str]]:
    text = _decode_text(data)
    reader = sniffed_reader(text)
    rows = []
    try:
        for row in reader:
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            rows.append(cells)
            if len(rows) > MAX_ROWS + 1:
                raise ImportFileError(_("Terlalu banyak baris (paling banyak %(n)s per berkas).") % {"n": MAX_ROWS})
    except csv.Error as exc:
        raise ImportFileError(_("Berkas CSV rusak di sekitar baris %(row)s (misalnya sel terlalu panjang atau "
                                "tanda kutip tidak ditutup); tidak ada yang diubah.")
                              % {"row": reader.line_num + 1}) from exc
    return rows


def read_table(data: bytes, filename: str = "") -> list[dict]:
    """Rows as dicts keyed by the expected column names, each with its spreadsheet row number.

    The type is taken from the content: a zip is XLSX, readable text is CSV, anything else is
    refused with a message the user can act on.
    """
    if not data:
        raise ImportFileError(_("Berkas kosong."))
    if data.startswith(ZIP_MAGIC):
        table = _read_xlsx(data)
    elif data.startswith(b"%PDF") or data.startswith(b"\xd0\xcf\x11\xe0"):
        # PDF, or the old binary .xls format openpyxl cannot read.
        raise ImportFileError(_("Jenis berkas tidak didukung. Unggah CSV (UTF-8) atau XLSX (bukan .xls lama "
                                "atau PDF)."))
    else:
        table = _read_csv(data)
    table = [row for row in table if any(cell for cell in row)]
    if not table:
        raise ImportFileError(_("Berkas kosong."))
    header = [cell.strip().lower() for cell in table[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportFileError(
            _("Kolom wajib tidak ada: %(missing)s. Baris pertama harus berisi kolom: %(columns)s.")
            % {"missing": ", ".join(missing), "columns": ", ".join(COLUMNS)}
        )
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(_("Terlalu banyak baris (paling banyak %(n)s per berkas).") % {"n": MAX_ROWS})
    index = {name: header.index(name) for name in COLUMNS}
    rows = []
    for offset, raw in enumerate(table[1:], start=2):
        row = {name: (raw[i] if i < len(raw) else "") for name, i in index.items()}
        row["_row"] = offset
        rows.append(row)
    if not rows:
        raise ImportFileError(_("Berkas hanya berisi judul kolom, tanpa data pegawai."))
    return rows


# ---------------------------------------------------------------------------------------------
# checking


class _Lookups:
    """Reference data read once per file, not once per row."""

    def __init__(self):
        self.regions = {r.code: r for r in Region.objects.filter(is_active=True)}
        agencies = list(Agency.objects.filter(is_active=True).select_related("region"))
        self.agency_by_code = {a.code.lower(): a for a in agencies}
        self.agency_by_name = {}
        for agency in agencies:
            self.agency_by_name.setdefault(agency.name.strip().lower(), []).append(agency)

    def agency(self, raw: str):
        key = raw.strip().lower()
        if key in self.agency_by_code:
            return self.agency_by_code[key], None
        matches = self.agency_by_name.get(key, [])
        if len(matches) == 1:
            return matches[0], None
        if len(matches) > 1:
            return None, _("Nama instansi \"%(value)s\" tidak unik; gunakan kode instansi.") % {"value": raw}
        return None, _("Instansi \"%(value)s\" tidak dikenal (isi kode instansi atau nama persisnya).") % {
            "value": raw}


def _check_row(row: dict, lookups: _Lookups, seen: dict, existing: dict, government) -> RowResult:
    result = RowResult(number=row["_row"], nip=row["nip"], name=row["nama"])
    messages = result.messages
    for column in REQUIRED_VALUES:
        if not row[column]:
            messages.append(_("Kolom %(column)s wajib diisi.") % {"column": column})

    kind = row["jenis"].strip().upper()
    if row["jenis"] and kind not in (validators.PNS, validators.PPPK):
        messages.append(_("Jenis \"%(value)s\" tidak dikenal; isi PNS atau PPPK.") % {"value": row["jenis"]})

    nip = ""
    if row["nip"].startswith("#FLOAT#"):
        result.nip = ""
        messages.append(_("NIP tersimpan sebagai angka di Excel sehingga digit terakhirnya hilang; format kolom "
                          "nip sebagai teks lalu ketik ulang."))
    elif row["nip"] and kind in (validators.PNS, validators.PPPK):
        try:
            nip = validators.validate_nip(row["nip"], kind)
        except ValidationError as exc:
            messages.extend(exc.messages)
        else:
            result.nip = nip
            if nip in seen:
                messages.append(_("NIP ini sudah muncul di baris %(row)s berkas yang sama.") % {"row": seen[nip]})
            else:
                seen[nip] = result.number

    agency = None
    if row["instansi"]:
        agency, problem = lookups.agency(row["instansi"])
        if problem:
            messages.append(problem)
    region = None
    if row["wilayah"]:
        region = lookups.regions.get(row["wilayah"].strip())
        if region is None:
            messages.append(_("Kode wilayah \"%(value)s\" tidak dikenal (contoh: 64.72 untuk Samarinda).")
                            % {"value": row["wilayah"]})

    if government is not None and agency is not None and agency.region_id != government.pk:
        messages.append(_("Instansi %(agency)s bukan instansi %(gov)s; Anda hanya dapat mengimpor pegawai "
                          "pemerintah daerah Anda.") % {"agency": agency.name, "gov": government.name})
    current = existing.get(nip) if nip else None
    if current is not None and government is not None and current.agency.region_id != government.pk:
        messages.append(_("NIP ini terdaftar pada instansi pemerintah daerah lain; perubahan harus dilakukan "
                          "oleh BKD daerah tersebut atau administrator."))
    if len(row["nama"]) > 200 or len(row["jabatan"]) > 200:
        messages.append(_("Nama dan jabatan paling panjang 200 karakter."))

    if not messages:
        result.action = "update" if current is not None else "create"
        result.data = {"employee_type": kind, "nip": nip, "name": row["nama"].strip(), "agency": agency,
                       "position": row["jabatan"].strip(), "region": region}
    return result


def check_rows(rows: list[dict], government=None, progress=None) -> ImportReport:
    """Check every row; `progress(done)` is called every PROGRESS_EVERY rows for a background job."""
    lookups = _Lookups()
    nips = set()
    for row in rows:
        digits = validators.normalize_nip(row["nip"]) if not row["nip"].startswith("#FLOAT#") else ""
        if digits:
            nips.add(digits)
    existing = {e.nip: e for e in Employee.objects.filter(nip__in=nips).select_related("agency")}
    seen: dict[str, int] = {}
    report = ImportReport()
    for done, row in enumerate(rows, start=1):
        report.rows.append(_check_row(row, lookups, seen, existing, government))
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done)
    return report


# ---------------------------------------------------------------------------------------------
# writing


@transaction.atomic
def _apply(report: ImportReport) -> None:
    valid = report.valid_rows
    existing = {e.nip: e for e in Employee.objects.select_for_update().filter(nip__in=[r.nip for r in valid])}
    for row in valid:
        fields = {k: v for k, v in row.data.items() if k != "nip"}
        employee = existing.get(row.nip)
        if employee is None:
            Employee.objects.create(nip=row.nip, **fields)
            report.created += 1
        else:
            for name, value in fields.items():
                setattr(employee, name, value)
            employee.save(update_fields=list(fields))
            report.updated += 1
    report.imported = True


def import_employees(data: bytes, filename: str = "", *, only_valid: bool = False, dry_run: bool = False,
                     government=None) -> ImportReport:
    """Check every row; write the rows only if all are valid, or the valid ones if asked to.

    Raises ImportFileError when the file itself cannot be used.
    """
    report = check_rows(read_table(data, filename), government=government)
    if dry_run or not report.valid_rows:
        return report
    if report.has_errors and not only_valid:
        return report
    _apply(report)
    return report


# ---------------------------------------------------------------------------------------------
# background jobs


def queue_import(data: bytes, filename: str, user, *, only_valid: bool = False, dry_run: bool = False,
                 government=None):
    """Store the upload as a job and start it after commit (a Celery worker, or in-process)."""
    import uuid

    from django.utils import timezone

    from .models import EmployeeImportJob
    from .tasks import run_employee_import

    job = EmployeeImportJob.objects.create(uid=uuid.uuid4(), created_at=timezone.now(), created_by=user,
                                           government=government, filename=filename[:200], data=data,
                                           only_valid=only_valid, dry_run=dry_run)
    transaction.on_commit(lambda: run_employee_import.delay(job.pk))
    return job


def run_job(job_id: int):
    """Run a queued job: read, check with progress, write as `import_employees` would; never raises
    for a bad file (the job records the message)."""
    from django.utils import timezone

    from .models import EmployeeImportJob

    job = EmployeeImportJob.objects.get(pk=job_id)
    if job.status not in (EmployeeImportJob.Status.QUEUED, EmployeeImportJob.Status.RUNNING):
        return job
    jobs = EmployeeImportJob.objects.filter(pk=job.pk)
    jobs.update(status=EmployeeImportJob.Status.RUNNING)
    try:
        rows = read_table(bytes(job.data), job.filename)
        jobs.update(rows_total=len(rows))
        report = check_rows(rows, government=job.government, progress=lambda done: jobs.update(rows_checked=done))
        if not job.dry_run and report.valid_rows and (job.only_valid or not report.has_errors):
            _apply(report)
    except ImportFileError as exc:
        jobs.update(status=EmployeeImportJob.Status.FAILED, error=str(exc), finished_at=timezone.now())
        return EmployeeImportJob.objects.get(pk=job.pk)
    kept = [{"number": r.number, "nip": r.nip, "name": r.name, "messages": r.messages}
            for r in report.error_rows[:REPORT_ROWS_KEPT]]
    jobs.update(status=EmployeeImportJob.Status.DONE, rows_checked=len(report.rows), created=report.created,
                updated=report.updated, imported=report.imported, finished_at=timezone.now(),
                report={"valid": len(report.valid_rows), "errors": len(report.error_rows), "error_rows": kept})
    return EmployeeImportJob.objects.get(pk=job.pk)
