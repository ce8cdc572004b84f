"""Trainers and admins list issued certificates and revoke one with a reason; the public
verification page says so at once."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from netra.learning import services
from netra.learning.models import Certificate, LearningEvent

from .conftest import answers_for

LIST = reverse("learning:certificates")


def revoke_url(cert):
    return reverse("learning:certificate_revoke", args=[cert.code])


def verify_state(client, cert) -> str:
    body = client.get(reverse("learning:verify_certificate", args=[cert.code])).content.decode()
    return "revoked" if 'data-state="revoked"' in body else "valid" if 'data-state="valid"' in body else "?"


@pytest.fixture
def cert(asn_employee, people, make_quiz):
    quiz = make_quiz(count=3)
    attempt = services.start_attempt(quiz, people["asn"])
    services.submit_attempt(attempt, answers_for(attempt), people["asn"])
    return Certificate.objects.get()


def webinar_cert(name, at=None, **extra):
    return Certificate.objects.create(kind=Certificate.Kind.WEBINAR, holder_name=name, title="Webinar netralitas",
                                      issued_at=at or timezone.now(), **extra)


def test_roles(client, people, cert):
    for url in (LIST, revoke_url(cert)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("desk:login"))
        client.force_login(people["asn"])
        assert client.get(url).status_code == 403
        client.force_login(people["verifier"])
        assert client.get(url).status_code == 403
        for role in ("trainer", "admin"):
            client.force_login(people[role])
            assert client.get(url).status_code == 200
        client.logout()
    # the POST is guarded too: an ASN (here the holder himself) cannot revoke
    client.force_login(people["asn"])
    assert client.post(revoke_url(cert), {"reason": "Saya sendiri"}).status_code == 403
    client.logout()
    response = client.post(revoke_url(cert), {"reason": "Tanpa masuk"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("desk:login"))
    cert.refresh_from_db()
    assert cert.revoked_at is None and not LearningEvent.objects.filter(kind="certificate_revoked").exists()


def test_trainer_reaches_the_page_from_the_trainer_desk(client, people):
    client.force_login(people["trainer"])
    assert f'href="{LIST}"' in client.get(reverse("learning:trainer")).content.decode()


def test_revoke_shows_on_verification_page_at_once(client, people, cert):
    assert verify_state(client, cert) == "valid"
    client.force_login(people["trainer"])
    page = client.get(revoke_url(cert)).content.decode()
    assert 'id="revoke-form"' in page and "Budi Santoso" in page
    response = client.post(revoke_url(cert), {"reason": "  Jawaban terbukti dibocorkan.  "})
    assert response.status_code == 302 and response["Location"].startswith(LIST)
    cert.refresh_from_db()
    assert cert.revoked_at is not None and cert.revoke_reason == "Jawaban terbukti dibocorkan."
    event = LearningEvent.objects.get(kind="certificate_revoked")
    assert event.subject == cert.code and event.actor == people["trainer"]
    listing = client.get(response["Location"]).content.decode()
    assert "dicabut" in listing and f'data-code="{cert.code}" data-state="revoked"' in listing
    client.logout()
    assert verify_state(client, cert) == "revoked"
    assert "Jawaban terbukti dibocorkan." in client.get(
        reverse("learning:verify_certificate", args=[cert.code])).content.decode()
    assert client.get(reverse("learning:certificate_pdf", args=[cert.code])).status_code == 404


def test_second_revoke_says_so_and_changes_nothing(client, people, cert):
    client.force_login(people["admin"])
    client.post(revoke_url(cert), {"reason": "Alasan pertama."})
    cert.refresh_from_db()
    first_at, first_reason = cert.revoked_at, cert.revoke_reason
    page = client.get(revoke_url(cert)).content.decode()
    assert 'id="already-revoked"' in page and 'id="revoke-form"' not in page and "sudah dicabut" in page
    response = client.post(revoke_url(cert), {"reason": "Alasan kedua."})
    body = response.content.decode()
    assert response.status_code == 400 and "Sertifikat ini sudah dicabut." in body
    cert.refresh_from_db()
    assert (cert.revoked_at, cert.revoke_reason) == (first_at, first_reason)
    assert LearningEvent.objects.filter(kind="certificate_revoked").count() == 1
    assert verify_state(client, cert) == "revoked"


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_reason_is_required(client, people, cert, reason):
    client.force_login(people["trainer"])
    response = client.post(revoke_url(cert), {"reason": reason})
    assert response.status_code == 400 and "Alasan pencabutan wajib diisi." in response.content.decode()
    cert.refresh_from_db()
    assert cert.revoked_at is None and cert.revoke_reason == ""
    assert verify_state(client, cert) == "valid"


def test_unknown_code_is_404(client, people):
    client.force_login(people["trainer"])
    assert client.get(reverse("learning:certificate_revoke", args=["SRT-0000-0000-0000-0000"])).status_code == 404


def test_search_filter_and_pages(client, people, reference):
    now = timezone.now()
    revoked = webinar_cert("Siti Aminah", at=now, revoked_at=now, revoke_reason="Tidak hadir")
    valid = webinar_cert("Siti Rahmawati", at=now - dt.timedelta(minutes=1))
    for i in range(55):
        webinar_cert(f"Peserta {i:02d}", at=now - dt.timedelta(hours=1, minutes=i))
    client.force_login(people["trainer"])

    def codes(**params):
        response = client.get(LIST, params)
        assert response.status_code == 200
        page = response.context["page"]
        return [c.code for c in page.object_list], page

    shown, page = codes()
    assert page.paginator.count == 57 and len(shown) == 50 and shown[:2] == [revoked.code, valid.code]
    rest, page2 = codes(page=2)
    assert len(rest) == 7 and not set(rest) & set(shown)
    assert 'page=2' in client.get(LIST).content.decode()
    assert codes(q="siti")[0] == [revoked.code, valid.code]
    assert codes(q="siti", state="valid")[0] == [valid.code]
    assert codes(q="siti", state="revoked")[0] == [revoked.code]
    assert codes(state="revoked")[0] == [revoked.code]
    # a code typed in lower case with O for 0 still finds the certificate
    typed = valid.code.lower().replace("0", "o")
    assert codes(q=typed)[0] == [valid.code]
    assert codes(q="Rahmawati", kind="quiz")[0] == []
    # paging keeps the filter
    filtered = client.get(LIST, {"q": "Peserta"}).content.decode()
    assert "q=Peserta&amp;page=2" in filtered
