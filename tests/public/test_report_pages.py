"""Citizen pages through Django's test client: Indonesian, complete, and without personal data."""

import pytest
from django.urls import reverse
from django.utils import timezone

from netra.cases.models import Case, Report
from tests.conftest import jpeg_with_gps, upload


def form_data(**overrides):
    data = {
        "subject_name": "Rahmat Hidayat", "subject_agency_text": "Dinas Kesehatan Kota Balikpapan",
        "subject_nip": "19860926 201505 1 001", "region": "", "location": "Lapangan Merdeka",
        "conduct_date": timezone.localdate().isoformat(), "description": "Ikut berorasi di kampanye paslon 02.",
        "chronology": "", "links": "https://example.org/video/1", "is_anonymous": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def region_id(reference):
    from netra.registry.models import Region

    return Region.objects.get(code="64.71").pk


def test_home_and_form_answer_in_indonesian(client, reference):
    home = client.get("/")
    assert home.status_code == 200 and 'lang="id"' in home.content.decode()
    assert "Laporkan" in home.content.decode()
    form = client.get(reverse("public:report"))
    assert form.status_code == 200
    assert "Kabupaten/kota tempat kejadian" in form.content.decode()
    assert "7 hari" in form.content.decode()


def test_english_is_available(client, reference):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert 'lang="en"' in client.get("/").content.decode()


def test_report_through_the_form_gets_a_code_and_a_status_page_without_personal_data(client, region_id):
    response = client.post(reverse("public:report"), {
        **form_data(region=region_id, is_anonymous="", reporter_name="Dewi Lestari",
                    reporter_email="dewi@example.org", reporter_phone="0812345"),
        "files": [upload("bukti.jpg", jpeg_with_gps(), "image/jpeg")]})
    assert response.status_code == 302
    report = Report.objects.get()
    done = client.get(response["Location"])
    assert report.tracking_code in done.content.decode()
    status = client.get(reverse("public:status", args=[report.tracking_code]))
    page = status.content.decode()
    assert status.status_code == 200 and "Diterima" in page
    for private in ("Rahmat", "Dewi", "dewi@example.org", "198609262015051001", "0812345", "Dinas Kesehatan"):
        assert private not in page
    # A second browser without the session sees the status page, not the one-time code page.
    from django.test import Client

    assert Client().get(response["Location"]).status_code == 302


def test_codes_typed_loosely_are_found(client, region_id):
    client.post(reverse("public:report"), form_data(region=region_id))
    code = Report.objects.get().tracking_code
    found = client.get(reverse("public:track"), {"code": code.lower().replace("-", " - ")})
    assert found.status_code == 302
    assert client.get(reverse("public:track"), {"code": "NTR-0000-0000-0000"}).status_code == 404
    assert client.get(reverse("public:status", args=["NTR-0000-0000-0000"])).status_code == 404


@pytest.mark.parametrize(("field", "value", "message"), [
    ("subject_nip", "12345", "18 digit"),
    ("subject_name", "", "harus diisi"),
    ("region", "", "harus diisi"),
    ("conduct_date", "2099-01-01", "masa depan"),
    ("links", "bukan tautan", "Tautan tidak sah"),
    ("subject_name", "\u200b", "huruf yang terlihat"),  # issue 11: only a zero-width space
    ("description", "x" * 5001, "5000"),  # issue 11: limits per field
    ("chronology", "x" * 10_001, "10000"),
])
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, region_id, field, value, message):
    data = form_data(region=region_id)
    data[field] = value
    response = client.post(reverse("public:report"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Report.objects.count() == 0 and Case.objects.count() == 0


def test_wrong_file_type_is_refused_in_indonesian(client, region_id):
    response = client.post(reverse("public:report"), {**form_data(region=region_id),
                                                      "files": [upload("a.exe", b"MZ" + b"\x00" * 64)]})
    assert response.status_code == 400
    assert "Jenis berkas a.exe tidak diterima" in response.content.decode()
    assert Report.objects.count() == 0


def test_late_report_is_accepted_and_the_reporter_is_told(client, region_id):
    import datetime as dt

    old = (timezone.localdate() - dt.timedelta(days=20)).isoformat()
    response = client.post(reverse("public:report"), form_data(region=region_id, conduct_date=old))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "informasi untuk instansi" in page
    assert Report.objects.get().within_window is False


def test_reporter_adds_information_through_the_status_page(client, region_id):
    client.post(reverse("public:report"), form_data(region=region_id))
    report = Report.objects.get()
    url = reverse("public:status", args=[report.tracking_code])
    assert client.post(url, {"text": "", "links": ""}).status_code == 400
    assert client.post(url, {"text": "Ada video kedua", "links": "https://example.org/v2"}).status_code == 302
    assert report.notes.count() == 1
    assert "Pelapor menambahkan keterangan" in client.get(url).content.decode()


def test_transparency_page_suppresses_small_cells(client, region_id):
    for _ in range(6):
        client.post(reverse("public:report"), form_data(region=region_id))
    page = client.get(reverse("public:transparency")).content.decode()
    assert "Balikpapan" in page and "6" in page
    assert "Rahmat" not in page


def test_indonesian_unless_english_is_chosen(client, reference):
    assert 'lang="id"' in client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="id")
    assert 'lang="en"' in response.content.decode() and response["Content-Language"] == "en"


def test_a_request_in_english_does_not_change_the_language_of_later_work(client, reference):
    from django.utils import translation

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.get("/")
    assert translation.get_language() == "id"


def test_form_states_its_length_limits(client, reference):
    page = client.get(reverse("public:report")).content.decode()
    assert 'maxlength="5000"' in page and 'maxlength="10000"' in page
