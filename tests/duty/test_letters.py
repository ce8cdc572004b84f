"""Duty letters: register, verify (valid / expired / revoked / not found), revoke, find for a case."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone as django_timezone

from netra.core.roles import Role
from netra.duty import services
from netra.duty.models import DutyLetter, DutyLetterEvent, LetterState
from netra.registry.models import Agency, Employee, Region

WITA = dt.timezone(dt.timedelta(hours=8))


def letter_input(employee, start="2024-11-01", end="2024-11-03", number="800.1.11/123/BKD", **extra):
    return services.LetterInput(
        employee=employee, letter_number=number, event="Pengamanan rapat umum pasangan calon",
        place="GOR Segiri", date_from=dt.date.fromisoformat(start), date_to=dt.date.fromisoformat(end),
        purpose="Pengamanan dan ketertiban", issuing_official="Kepala Satpol PP Kota Samarinda",
        issued_on=dt.date(2024, 10, 30), **extra)


@pytest.fixture
def letter(people, employee):
    return services.register_letter(letter_input(employee, region=Region.objects.get(code="64.72")), people["ppk"],
                                    at=dt.datetime(2024, 10, 31, 9, tzinfo=WITA))


def on_day(monkeypatch, day: str):
    """Make 'today' (WITA) the given day for the state shown on the pages."""
    moment = dt.datetime.fromisoformat(day).replace(hour=12, tzinfo=WITA)
    monkeypatch.setattr(django_timezone, "now", lambda: moment)


def test_public_page_valid_within_dates_expired_after_revoked_once_revoked(client, letter, people, monkeypatch):
    url = f"/verifikasi/surat-tugas/{letter.code}/"
    on_day(monkeypatch, "2024-10-31")
    body = client.get(url).content.decode()
    assert 'data-state="upcoming"' in body
    for day in ("2024-11-01", "2024-11-03"):
        on_day(monkeypatch, day)
        response = client.get(url)
        assert response.status_code == 200 and 'data-state="valid"' in response.content.decode()
        assert "BERLAKU" in response.content.decode()
    on_day(monkeypatch, "2024-11-04")
    body = client.get(url).content.decode()
    assert 'data-state="expired"' in body and "KEDALUWARSA" in body
    # minimal personal data: partial name, no NIP
    assert "Budi S." in body and "Budi Santoso" not in body and letter.employee.nip not in body
    on_day(monkeypatch, "2024-11-02")
    services.revoke_letter(letter, people["ppk"], "Acara dibatalkan.")
    body = client.get(url).content.decode()
    assert 'data-state="revoked"' in body and "DICABUT" in body
    forged = client.get("/verifikasi/surat-tugas/ST-0000-0000-0000-0000/")
    assert forged.status_code == 404 and "tidak ditemukan" in forged.content.decode()


def test_states_and_events(letter, people):
    assert letter.state_on(dt.date(2024, 11, 2)) == LetterState.VALID
    assert letter.state_on(dt.date(2024, 11, 4)) == LetterState.EXPIRED
    assert letter.holder_name == "Budi Santoso" and letter.code.startswith("ST-")
    with pytest.raises(ValidationError):
        services.revoke_letter(letter, people["ppk"], "  ")
    services.revoke_letter(letter, people["ppk"], "Salah orang.")
    with pytest.raises(ValidationError):
        services.revoke_letter(letter, people["ppk"], "lagi")
    assert list(DutyLetterEvent.objects.filter(letter=letter).values_list("kind", flat=True)) == [
        "registered", "revoked"]
    assert DutyLetter.objects.get().state_on(dt.date(2024, 11, 2)) == LetterState.REVOKED


def test_register_checks(people, employee):
    with pytest.raises(PermissionDenied):  # Bontang PPK, Samarinda employee
        services.register_letter(letter_input(employee), people["ppk_other"])
    with pytest.raises(PermissionDenied):
        services.register_letter(letter_input(employee), people["verifier"])
    with pytest.raises(ValidationError) as exc:
        services.register_letter(letter_input(employee, start="2024-11-05", end="2024-11-01"), people["ppk"])
    assert "date_to" in exc.value.message_dict
    services.register_letter(letter_input(employee), people["ppk"])
    with pytest.raises(ValidationError) as exc:
        services.register_letter(letter_input(employee), people["ppk"])
    assert "letter_number" in exc.value.message_dict
    # the issuing office registers: an ASN registers no letter, not even their own (issue 10, item 8)
    employee.user = people["asn"]
    employee.save()
    with pytest.raises(PermissionDenied):
        services.register_letter(letter_input(employee, number="2/ST"), people["asn"])
    other = Employee.objects.create(employee_type="PNS", nip="199001012015032001", name="Siti Aminah",
                                    agency=employee.agency, region=employee.region)
    with pytest.raises(PermissionDenied):
        services.register_letter(letter_input(other, number="3/ST"), people["asn"])


def test_letters_for_employee_name_date_region(people, employee, letter):
    bontang = Agency.objects.get(code="6474-disdik")
    namesake = Employee.objects.create(employee_type="PNS", nip="198701012012011001", name="Budi Santosa",
                                       agency=bontang, region=bontang.region)
    other = services.register_letter(letter_input(namesake, start="2024-11-02", end="2024-11-02", number="9/ST"),
                                     people["admin"])
    assert [x.pk for x in services.letters_for(employee=employee, on_date=dt.date(2024, 11, 2))] == [letter.pk]
    assert services.letters_for(employee=employee, on_date=dt.date(2024, 11, 5)) == []
    found = services.letters_for(name="budi santoso", on_date=dt.date(2024, 11, 2))
    assert [x.pk for x in found] == [letter.pk, other.pk] and found[0].match_score == 100
    assert found[1].match_score >= services.NAME_MATCH_MIN and found[0].state == LetterState.VALID
    assert [x.pk for x in services.letters_for(name="Budi Santoso, S.Pd", region=Region.objects.get(code="64.72"))] \
        == [letter.pk, other.pk]  # the namesake's letter has no region: kept
    assert services.letters_for(name="Rahmat Hidayat", on_date=dt.date(2024, 11, 2)) == []
    assert services.letters_for(name="Budi") == []  # one word must resemble the whole name
    services.revoke_letter(letter, people["ppk"], "Dibatalkan.")
    found = services.letters_for(employee=employee)
    assert found[0].state == LetterState.REVOKED
    assert services.letters_for(employee=employee, include_revoked=False) == []


def test_officer_pages_register_pdf_revoke(client, people, employee):
    client.force_login(people["ppk"])
    response = client.post(reverse("duty:new"), {
        "nip": "19860315 201001 1 002", "letter_number": "800/77/SATPOL", "event": "Pengamanan debat publik",
        "place": "Hotel Mercure", "region": Region.objects.get(code="64.72").pk, "date_from": "2024-11-10",
        "date_to": "2024-11-10", "purpose": "Pengamanan", "issuing_official": "Kepala Satpol PP",
        "issued_on": "2024-11-08"})
    letter = DutyLetter.objects.get()
    assert response.status_code == 302 and response.url == reverse("duty:detail", args=[letter.code])
    pdf = client.get(reverse("duty:pdf", args=[letter.code]))
    assert pdf.content.startswith(b"%PDF") and services.verify_url(letter, pdf.wsgi_request).encode() in pdf.content
    client.post(reverse("duty:revoke", args=[letter.code]), {"reason": "Acara batal."})
    letter.refresh_from_db()
    assert letter.revoked_at is not None and letter.revoked_by == people["ppk"]
    client.force_login(people["ppk_other"])
    assert client.get(reverse("duty:detail", args=[letter.code])).status_code == 403
    client.force_login(people["verifier"])
    page = client.get(reverse("duty:list"), {"name": "Budi Santoso"}).content.decode()
    assert letter.letter_number in page and "Dicabut" in page
    client.force_login(people["trainer"])
    assert client.get(reverse("duty:list")).status_code == 403


def test_asn_cannot_register_a_letter_but_reads_their_own(client, people, employee, letter):
    employee.user = people["asn"]
    employee.save()
    client.force_login(people["asn"])
    assert client.get(reverse("duty:new")).status_code == 403
    response = client.post(reverse("duty:new"), {
        "letter_number": "5/ST/DISDIK", "event": "Pendampingan siswa di lokasi debat", "place": "Samarinda",
        "date_from": "2024-11-10", "date_to": "2024-11-11", "purpose": "Tugas sekolah",
        "issuing_official": "Kepala Sekolah"})
    assert response.status_code == 403 and DutyLetter.objects.count() == 1
    assert 'href="/surat-tugas/baru/"' not in client.get(reverse("duty:list")).content.decode()
    assert client.get(reverse("duty:detail", args=[letter.code])).status_code == 200
    stranger = User.objects.create_user("asn-lain")
    stranger.groups.add(Group.objects.get(name=Role.ASN))
    client.force_login(stranger)
    assert client.get(reverse("duty:detail", args=[letter.code])).status_code == 403


def test_case_page_shows_the_letter_valid_on_the_conduct_date(client, people, employee, letter, make_report):
    on_duty = make_report(conduct="2024-11-02", received="2024-11-04", nip=employee.nip).case
    elsewhere = make_report(conduct="2024-11-10", received="2024-11-11", nip=employee.nip).case
    client.force_login(people["verifier"])
    page = client.get(reverse("desk:case_detail", args=[on_duty.code])).content.decode()
    assert letter.letter_number in page and "Berlaku pada tanggal itu" in page
    other = client.get(reverse("desk:case_detail", args=[elsewhere.code])).content.decode()
    assert letter.letter_number not in other and "Tidak ada surat tugas yang cocok" in other
