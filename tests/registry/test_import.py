"""ASN register import: every row checked, all-or-nothing unless the valid rows are asked for."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from netra.registry.importer import ImportFileError, import_employees, read_table
from netra.registry.models import Agency, Employee, Region

HEADER = "jenis,nip,nama,instansi,jabatan,wilayah\n"
GOOD = (
    HEADER
    + "PNS,19900101 201503 1 001,Siti Aminah,6472-disdik,Guru,64.72\n"
    + "PPPK,199009132025242014,Andi Wijaya,Dinas Kesehatan Kota Samarinda,Perawat,64.72\n"
)
BAD_NIP = GOOD + "PNS,199001012015131001,Salah Bulan,6472-disdik,Guru,64.72\n"  # month 13


def csv_bytes(text: str) -> bytes:
    return text.encode("utf-8")


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


@pytest.fixture
def samarinda(reference):
    return Region.objects.get(code="64.72")


def test_good_csv_creates_every_row(samarinda):
    report = import_employees(csv_bytes(GOOD), "pegawai.csv")
    assert report.imported and report.created == 2 and not report.has_errors
    assert [r.status for r in report.rows] == ["ok", "ok"]
    siti = Employee.objects.get(nip="199001012015031001")
    assert siti.agency.code == "6472-disdik" and siti.region == samarinda and siti.employee_type == "PNS"
    andi = Employee.objects.get(nip="199009132025242014")
    assert andi.employee_type == "PPPK" and andi.agency.code == "6472-dinkes"  # found by exact name


def test_bad_nip_row_imports_nothing_and_reports_the_row(reference):
    report = import_employees(csv_bytes(BAD_NIP), "pegawai.csv")
    assert not report.imported
    assert Employee.objects.count() == 0
    bad = report.error_rows
    assert [r.number for r in bad] == [4]  # header is row 1
    assert "bulan pengangkatan" in " ".join(bad[0].messages)
    assert [r.status for r in report.rows] == ["ok", "ok", "error"]


def test_only_valid_rows_when_asked(reference):
    report = import_employees(csv_bytes(BAD_NIP), "pegawai.csv", only_valid=True)
    assert report.imported and report.created == 2
    assert set(Employee.objects.values_list("nip", flat=True)) == {"199001012015031001", "199009132025242014"}


def test_every_kind_of_row_error_is_reported(reference):
    text = HEADER + "\n".join([
        "PNS,199001012015031001,Siti,6472-disdik,Guru,64.72",
        "PNS,199001012015031001,Siti Lagi,6472-disdik,Guru,64.72",  # duplicate in file
        "PNS,198001012005011001,Tanpa Instansi,dinas-tidak-ada,Staf,64.72",
        "PNS,198001012005011002,Wilayah Lama,6472-disdik,Staf,64.73",  # Tarakan moved to Kaltara
        "HONORER,198001012005011003,Bukan ASN,6472-disdik,Staf,64.72",
        "PPPK,,Tanpa NIP,6472-disdik,Staf,64.72",
    ]) + "\n"
    report = import_employees(csv_bytes(text), "x.csv", only_valid=True)
    by_row = {r.number: " ".join(r.messages) for r in report.rows}
    assert by_row[2] == ""
    assert "baris 2" in by_row[3]
    assert "tidak dikenal" in by_row[4] and "Instansi" in by_row[4]
    assert "64.73" in by_row[5]
    assert "PNS atau PPPK" in by_row[6]
    assert "nip wajib diisi" in by_row[7]
    assert Employee.objects.count() == 1


def test_registered_nip_is_updated_not_duplicated(employee):
    text = HEADER + f"PNS,{employee.nip},Budi Santoso S.Pd.,6472-dinkes,Kepala Seksi,64.72\n"
    report = import_employees(csv_bytes(text), "x.csv")
    assert report.updated == 1 and report.created == 0
    employee.refresh_from_db()
    assert employee.name == "Budi Santoso S.Pd." and employee.agency.code == "6472-dinkes"
    assert employee.position == "Kepala Seksi" and employee.status == Employee.Status.ACTIVE


def test_xlsx_and_a_nip_typed_as_a_number(reference):
    data = xlsx_bytes([
        ["Jenis", "NIP", "Nama", "Instansi", "Jabatan", "Wilayah"],
        ["PNS", "199001012015031001", "Siti Aminah", "6472-disdik", "Guru", "64.72"],
        ["PPPK", "199009132025242014", "Andi Wijaya", "6472-dinkes", "Perawat", "64.72"],
        # Excel keeps an 18-digit number as a double: the last digits are already gone.
        ["PNS", 198001012005011001, "Angka Excel", "6472-disdik", "Staf", "64.72"],
    ])
    report = import_employees(data, "pegawai.xlsx")
    assert [r.status for r in report.rows] == ["ok", "ok", "error"]
    assert "teks" in report.rows[2].messages[0]
    assert Employee.objects.count() == 0
    report = import_employees(data, "pegawai.xlsx", only_valid=True)
    assert report.created == 2
    assert Employee.objects.get(nip="199009132025242014").employee_type == "PPPK"


def test_semicolon_csv_from_indonesian_excel(reference):
    text = "jenis;nip;nama;instansi;jabatan;wilayah\nPNS;199001012015031001;Siti;6472-disdik;Guru;64.72\n"
    assert import_employees(csv_bytes(text), "x.csv").created == 1


@pytest.mark.parametrize("data", [
    b"%PDF-1.7 not a register",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old xls",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"",
])
def test_wrong_file_type_changes_nothing(reference, data):
    with pytest.raises(ImportFileError) as exc:
        import_employees(data, "pegawai.csv")
    assert "Jenis berkas tidak didukung" in str(exc.value) or "kosong" in str(exc.value)
    assert Employee.objects.count() == 0


def test_missing_columns_are_named(reference):
    with pytest.raises(ImportFileError) as exc:
        read_table(b"nip,nama\n199001012015031001,Siti\n", "x.csv")
    assert "jenis" in str(exc.value) and "wilayah" in str(exc.value)


def test_government_scope_blocks_other_regions(reference, employee):
    bontang = Region.objects.get(code="64.74")
    other_agency = Agency.objects.filter(region__code="64.72").first()
    text = HEADER + f"PNS,199001012015031001,Siti,{other_agency.code},Guru,64.72\n"
    report = import_employees(csv_bytes(text), "x.csv", government=bontang)
    assert report.has_errors and not report.imported
    assert "pemerintah daerah Anda" in " ".join(report.rows[0].messages)


def test_command_reports_and_refuses_a_file_with_errors(reference, tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_bytes(csv_bytes(BAD_NIP))
    out = io.StringIO()
    with pytest.raises(CommandError, match="Tidak ada yang diimpor"):
        call_command("import_employees", str(path), stdout=out)
    assert "baris 4: error" in out.getvalue()
    assert Employee.objects.count() == 0
    call_command("import_employees", str(path), "--only-valid", stdout=out)
    assert Employee.objects.count() == 2


def test_command_dry_run_writes_nothing(reference, tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_bytes(csv_bytes(GOOD))
    out = io.StringIO()
    call_command("import_employees", str(path), "--dry-run", stdout=out)
    assert "uji coba" in out.getvalue() and Employee.objects.count() == 0
