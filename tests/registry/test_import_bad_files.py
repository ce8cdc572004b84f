"""Register import with hostile files: bounded before parsing, stopped at the limit, clear messages (issue 11)."""

import csv
import io
import time
import zipfile

import pytest

from netra.registry import importer
from netra.registry.importer import ImportFileError, import_employees
from netra.registry.models import Employee

from .test_import import GOOD, xlsx_bytes

HEADER = ["jenis", "nip", "nama", "instansi", "jabatan", "wilayah"]


def test_xlsx_over_the_row_limit_stops_while_streaming(reference, monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 100)
    data = xlsx_bytes([HEADER] + [["PNS", "x", f"Nama {i}", "a", "b", "64.72"] for i in range(5000)])
    read = []
    real = importer._cell_text
    monkeypatch.setattr(importer, "_cell_text", lambda v: read.append(v) or real(v))
    with pytest.raises(ImportFileError, match="Terlalu banyak baris"):
        import_employees(data, "besar.xlsx")
    assert len(read) <= 6 * 102  # stopped right after the limit, not after reading all 5,000 rows


def test_csv_over_the_row_limit(reference, monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 10)
    text = ",".join(HEADER) + "\n" + "PNS,x,Nama,a,b,64.72\n" * 50
    with pytest.raises(ImportFileError, match="Terlalu banyak baris"):
        import_employees(text.encode(), "besar.csv")


def test_xlsx_expanding_beyond_the_bound_is_refused_before_parsing(reference):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (importer.MAX_XLSX_UNCOMPRESSED + 1))
    data = buf.getvalue()
    assert len(data) < 1_000_000
    started = time.monotonic()
    with pytest.raises(ImportFileError, match="terlalu besar setelah diekstrak"):
        import_employees(data, "bom.xlsx")
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("cut", ["zip", "sheet"])
def test_truncated_xlsx_is_a_clear_error(reference, cut):
    data = xlsx_bytes([HEADER] + [["PNS", "199001012015031001", f"Nama {i}", "6472-disdik", "Guru", "64.72"]
                                  for i in range(200)])
    if cut == "zip":
        data = data[: len(data) // 2]
    else:  # a whole zip whose sheet XML stops in the middle
        source = zipfile.ZipFile(io.BytesIO(data))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
            for info in source.infolist():
                content = source.read(info.filename)
                if info.filename.startswith("xl/worksheets/"):
                    content = content[: len(content) // 2]
                archive.writestr(info.filename, content)
        data = buf.getvalue()
    with pytest.raises(ImportFileError, match="XLSX"):
        import_employees(data, "potong.xlsx")
    assert Employee.objects.count() == 0


def test_csv_field_over_the_csv_module_limit_is_a_clear_error(reference):
    csv.field_size_limit(131_072)  # Python's default (netra screen raises it in its own process)
    data = (GOOD + 'PNS,1,"' + "x" * 140_000 + '",a,b,64.72\n').encode()
    with pytest.raises(ImportFileError, match="CSV rusak"):
        import_employees(data, "panjang.csv")
    assert Employee.objects.count() == 0
