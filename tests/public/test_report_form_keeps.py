"""A report form that comes back with errors keeps the evidence already chosen, and the anonymous
choice never silently drops contact details."""

import pytest
from django.core import signing
from django.test import override_settings
from django.urls import reverse

from netra.cases.models import Evidence, Report
from netra.public import upload_stash
from tests.conftest import jpeg_with_gps, upload
from tests.public.test_report_pages import form_data


@pytest.fixture
def region_id(reference):
    from netra.registry.models import Region

    return Region.objects.get(code="64.71").pk


@pytest.fixture(autouse=True)
def evidence_root(tmp_path, settings):
    settings.STORAGES = {**settings.STORAGES, "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "evidence"), "base_url": None}}}
    return tmp_path / "evidence"


def token_in(response) -> str:
    return response.context["kept_token"]


def test_files_survive_a_wrong_nip_and_reach_the_report(client, region_id, evidence_root):
    photo = jpeg_with_gps()
    first = client.post(reverse("public:report"), {**form_data(region=region_id, subject_nip="1" * 17),
                                                   "files": [upload("bukti.jpg", photo, "image/jpeg")]})
    assert first.status_code == 400 and Report.objects.count() == 0
    page = first.content.decode()
    assert "Berkas yang sudah terlampir" in page and "bukti.jpg" in page
    token = token_in(first)
    assert token and len(list((evidence_root / "stash").iterdir())) == 2  # the file and its description

    second = client.post(reverse("public:report"), {**form_data(region=region_id), "kept_files": token})
    assert second.status_code == 302
    evidence = Evidence.objects.get(kind=Evidence.Kind.FILE)
    assert evidence.original_name == "bukti.jpg" and evidence.size == len(photo)
    assert list((evidence_root / "stash").iterdir()) == []  # the stash is gone once the report is stored


def test_a_too_large_file_is_named_and_the_good_one_kept(client, region_id, settings):
    settings.NETRA_EVIDENCE_MAX_BYTES = 2000
    response = client.post(reverse("public:report"), {
        **form_data(region=region_id, subject_nip="1" * 17),
        "files": [upload("besar.pdf", b"%PDF-1.4 " + b"x" * 3000, "application/pdf"),
                  upload("kecil.jpg", jpeg_with_gps(), "image/jpeg")]})
    page = response.content.decode()
    assert "besar.pdf terlalu besar" in page
    assert [k.name for k in response.context["kept_files"]] == ["kecil.jpg"]


def test_a_kept_file_can_be_removed(client, region_id):
    first = client.post(reverse("public:report"), {**form_data(region=region_id, subject_nip="123"),
                                                   "files": [upload("salah.jpg", jpeg_with_gps(), "image/jpeg")]})
    kept = first.context["kept_files"][0]
    second = client.post(reverse("public:report"), {**form_data(region=region_id), "kept_files": token_in(first),
                                                    "drop_kept": kept.id})
    assert second.status_code == 302 and not Evidence.objects.filter(kind=Evidence.Kind.FILE).exists()


def test_a_forged_or_expired_token_attaches_nothing(client, region_id):
    first = client.post(reverse("public:report"), {**form_data(region=region_id, subject_nip="123"),
                                                   "files": [upload("a.jpg", jpeg_with_gps(), "image/jpeg")]})
    forged = signing.dumps([first.context["kept_files"][0].id], salt="another-salt")
    assert upload_stash.unsign(forged) == [] and upload_stash.unsign("rubbish") == []
    with override_settings(SECRET_KEY="another-key-entirely-for-this-test"):
        assert upload_stash.unsign(token_in(first)) == []


def test_stale_stash_files_are_purged(client, region_id, evidence_root):
    client.post(reverse("public:report"), {**form_data(region=region_id, subject_nip="123"),
                                           "files": [upload("a.jpg", jpeg_with_gps(), "image/jpeg")]})
    import time

    assert upload_stash.purge_stale(now=time.time()) == 0
    assert upload_stash.purge_stale(now=time.time() + upload_stash.MAX_AGE_SECONDS + 60) == 2
    assert list((evidence_root / "stash").iterdir()) == []


def test_anonymous_with_contact_details_asks_instead_of_dropping(client, region_id):
    response = client.post(reverse("public:report"), form_data(region=region_id, is_anonymous="on",
                                                               reporter_phone="0812 555"))
    assert response.status_code == 400 and Report.objects.count() == 0
    page = response.content.decode()
    assert "Anda memilih anonim tetapi juga mengisi nama atau kontak" in page and 'value="0812 555"' in page
    ok = client.post(reverse("public:report"), form_data(region=region_id, is_anonymous="on"))
    assert ok.status_code == 302 and Report.objects.get().is_anonymous


def test_the_form_ships_the_browser_checks(client, reference):
    page = client.get(reverse("public:report")).content.decode()
    assert "netra/report_form.js" in page and 'data-max-bytes="10485760"' in page
    assert 'id="contact-fields"' in page and 'name="kept_files"' in page


def test_files_beyond_the_limit_are_named_not_dropped_silently(client, region_id, settings):
    settings.NETRA_EVIDENCE_MAX_FILES = 2
    response = client.post(reverse("public:report"), {
        **form_data(region=region_id, subject_nip="123"),
        "files": [upload(f"foto{i}.jpg", jpeg_with_gps(), "image/jpeg") for i in range(3)]})
    assert [k.name for k in response.context["kept_files"]] == ["foto0.jpg", "foto1.jpg"]
    assert "Paling banyak 2 berkas; tidak disimpan: foto2.jpg." in response.content.decode()
