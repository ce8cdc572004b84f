"""The ASN register upload page for admins and PPK/BKD officers."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netra.registry.models import Employee
from tests.registry.test_import import BAD_NIP, GOOD


def post(client, text, name="pegawai.csv", **extra):
    data = text.encode() if isinstance(text, str) else text
    return client.post(reverse("desk:employee_import"),
                       {"file": SimpleUploadedFile(name, data, content_type="text/csv"), **extra})


def test_good_file_is_imported_and_reported(client, people):
    client.force_login(people["admin"])
    response = post(client, GOOD)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.imported and report.created == 2
    assert Employee.objects.count() == 2


def test_file_with_errors_imports_nothing_and_shows_each_row(client, people):
    client.force_login(people["admin"])
    response = post(client, BAD_NIP)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="nothing-imported"' in body and "bulan pengangkatan" in body
    assert Employee.objects.count() == 0
    response = post(client, BAD_NIP, only_valid="on")
    assert response.status_code == 200 and Employee.objects.count() == 2


def test_check_only_writes_nothing(client, people):
    client.force_login(people["admin"])
    response = post(client, GOOD, check_only="1")
    assert response.status_code == 200 and not response.context["report"].imported
    assert Employee.objects.count() == 0


def test_wrong_file_type_has_a_clear_message(client, people):
    client.force_login(people["admin"])
    response = post(client, b"%PDF-1.4 dokumen", name="pegawai.pdf")
    assert response.status_code == 400
    assert "Jenis berkas tidak didukung" in response.content.decode()
    assert Employee.objects.count() == 0


def test_ppk_imports_only_for_their_government(client, people):
    client.force_login(people["ppk_other"])  # Bontang; the file is about Samarinda agencies
    response = post(client, GOOD)
    assert response.status_code == 400 and Employee.objects.count() == 0
    assert "pemerintah daerah Anda" in response.content.decode()
    client.force_login(people["ppk"])  # Samarinda
    assert post(client, GOOD).status_code == 200 and Employee.objects.count() == 2
