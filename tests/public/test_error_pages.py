"""Error pages with DEBUG off: Indonesian (English on request), in the site layout, with a way on."""

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from netra.core.roles import Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

LOOKUPS = ('action="/lacak/"', 'action="/verifikasi/sertifikat/"', 'action="/verifikasi/surat-tugas/"')


def assert_site_page(page: str):
    assert 'class="topbar"' in page and 'id="error-home"' in page and 'href="/"' in page
    for form in LOOKUPS:
        assert form in page


@override_settings(DEBUG=False)
def test_404_is_indonesian_in_the_site_layout(client, reference):
    response = client.get("/tidak-ada-halaman-ini/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in page and "Not Found" not in page
    assert 'data-status="404"' in page
    assert_site_page(page)


@override_settings(DEBUG=False)
def test_404_in_english_when_chosen(client, reference):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/tidak-ada/").content.decode()
    assert "Page not found" in page and 'lang="en"' in page


@override_settings(DEBUG=False)
def test_mistyped_tracking_code_gets_the_lookup_form_back(client, reference):
    response = client.get("/lacak/NTR-ZZZZ-ZZZZ-ZZZ/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Kode pelacakan tidak ditemukan" in page and 'value="NTR-ZZZZ-ZZZZ-ZZZ"' in page


@override_settings(DEBUG=False)
def test_403_says_why_and_offers_login(client, reference):
    anonymous = client.get("/desk/")
    assert anonymous.status_code == 302  # anonymous users are sent to the login form, not refused
    client.force_login(make_user("asn-biasa", Role.ASN))
    response = client.get("/desk/kasus/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Akses ditolak" in page and "Forbidden" not in page
    assert_site_page(page)


@override_settings(DEBUG=False)
def test_csrf_failure_page_is_indonesian_and_keeps_the_layout(reference):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/lapor/", {"subject_name": "x"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Formulir tidak dapat diterima" in page and 'id="csrf-failure"' in page
    assert "CSRF verification failed" not in page
    assert_site_page(page)


@override_settings(DEBUG=False, ROOT_URLCONF="tests.public.error_urls")
def test_500_page_is_indonesian_and_needs_no_database(reference):
    client = Client(raise_request_exception=False)
    response = client.get("/uji-galat-500/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Maaf, terjadi gangguan pada sistem" in page and "Server Error" not in page
    assert_site_page(page)
    assert User.objects.count() == 0  # nothing was written on the way


@override_settings(DEBUG=False)
@pytest.mark.parametrize(("lookup", "typed", "target"), [
    ("/verifikasi/sertifikat/", "srt ab12 cd34 ef56 gh78", "/verifikasi/sertifikat/SRT-AB12-CD34-EF56-GH78/"),
    ("/verifikasi/surat-tugas/", "stab12cd34ef56gh78", "/verifikasi/surat-tugas/ST-AB12-CD34-EF56-GH78/"),
])
def test_verification_pages_take_a_typed_code(client, reference, lookup, typed, target):
    form = client.get(lookup)
    assert form.status_code == 200 and 'name="code"' in form.content.decode()
    assert client.get(lookup, {"code": typed})["Location"] == target
    assert client.get(lookup, {"code": " - "}).status_code == 200


@pytest.mark.parametrize("url", ["/verifikasi/sertifikat/SRT-ZZZZ-ZZZZ-ZZZZ-ZZZZ/",
                                 "/verifikasi/surat-tugas/ST-ZZZZ-ZZZZ-ZZZZ-ZZZZ/"])
def test_an_unknown_verification_code_can_be_retyped(client, reference, url):
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 404 and 'id="retype-code"' in page and 'value="' in page
