"""Duty letters as alibis: who registered a letter and when is shown; a letter registered after the
conduct or after the report is marked, never shown as a plain valid alibi (issue 10, item 8)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from netra.duty import services
from tests.duty.test_letters import WITA, letter_input


def registered(people, employee, day: str, hour: int = 9, number="800/1/ST"):
    y, m, d = (int(x) for x in day.split("-"))
    return services.register_letter(letter_input(employee, number=number), people["ppk"],
                                    at=dt.datetime(y, m, d, hour, tzinfo=WITA))


@pytest.fixture
def reported(make_report, employee):
    """Seen at a campaign on 2 Nov 2024 (the letter's period is 1-3 Nov), reported on 4 Nov."""
    return make_report(conduct="2024-11-02", received="2024-11-04", nip=employee.nip).case


def panel(client, people, case):
    client.force_login(people["verifier"])
    body = client.get(reverse("desk:case_detail", args=[case.code])).content.decode()
    return body[body.index('id="duty-letters"'):body.index('id="timeline"')]


def test_a_letter_registered_in_time_is_a_valid_alibi_with_who_and_when(client, people, employee, reported):
    people["ppk"].first_name, people["ppk"].last_name = "Rina", "Kepegawaian"
    people["ppk"].save()
    letter = registered(people, employee, "2024-10-31")
    html = panel(client, people, reported)
    assert letter.letter_number in html and 'data-timing="in_time"' in html and "Berlaku pada tanggal itu" in html
    assert "31 Okt 2024" in html or "31 Oct 2024" in html
    assert "Rina Kepegawaian" in html and "Petugas PPK/BKD" in html and "Samarinda" in html


def test_a_letter_registered_after_the_conduct_is_marked(client, people, employee, reported):
    registered(people, employee, "2024-11-03")
    html = panel(client, people, reported)
    assert 'data-timing="after_conduct"' in html and "Dicatat setelah tanggal perbuatan" in html
    assert "Berlaku pada tanggal itu" not in html


def test_a_backdated_letter_registered_after_the_report_is_no_alibi(client, people, employee, reported):
    registered(people, employee, "2024-11-05")  # dated 30 Oct, valid 1-3 Nov, entered after the report
    html = panel(client, people, reported)
    assert 'data-timing="after_report"' in html and "Dicatat setelah laporan masuk" in html
    assert "Bukan alibi" in html and "Berlaku pada tanggal itu" not in html


def test_timing_rule(people, employee, reported):
    letter = registered(people, employee, "2024-11-02", hour=7)  # the morning of the conduct: in time
    assert services.registration_timing(letter, dt.date(2024, 11, 2), reported.opened_at) == ""
    assert services.registration_timing(letter, dt.date(2024, 11, 1), None) == services.AFTER_CONDUCT


def test_the_public_page_shows_when_and_by_whom_and_flags_late_registration(client, people, employee):
    in_time = registered(people, employee, "2024-10-31")
    late = registered(people, employee, "2024-11-05", number="800/2/ST")
    body = client.get(reverse("duty:verify", args=[in_time.code])).content.decode()
    assert "Dicatat di Netra" in body and "31 Oktober 2024" in body and "Petugas PPK/BKD" in body
    assert "ppk_samarinda" not in body and 'id="registered-late"' not in body  # the office, not the person
    body = client.get(reverse("duty:verify", args=[late.code])).content.decode()
    assert 'id="registered-late"' in body and "baru dicatat setelah masa tugasnya dimulai" in body


def test_an_officer_cannot_register_a_letter_for_themself(people, employee):
    employee.user = people["ppk"]
    employee.save()
    with pytest.raises(PermissionDenied):
        services.register_letter(letter_input(employee), people["ppk"])
