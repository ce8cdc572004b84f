"""Webinar registration, Zoom-style attendance import with a row report, and certificates."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netra.learning import attendance, services
from netra.learning.models import AttendanceImport, Certificate

WITA = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2023, 11, 27, 9, 0, tzinfo=WITA)

ZOOM_CSV = """\
Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,Netralitas ASN 2024,11/27/2023 09:00:00 AM,11/27/2023 11:30:00 AM,bpsdm@example.go.id,150,9

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
Budi Santoso (Disdik Samarinda),budi@example.go.id,11/27/2023 09:01:00 AM,11/27/2023 09:41:00 AM,40,No
Budi Santoso,BUDI@example.go.id,11/27/2023 09:50:00 AM,11/27/2023 10:20:00 AM,30,No
Siti Aminah,,11/27/2023 09:00:00 AM,11/27/2023 10:30:00 AM,90,Yes
Rahmat Hidayat,rahmat@example.go.id,11/27/2023 09:00:00 AM,11/27/2023 09:30:00 AM,30,No
"Dewi Lestari, S.Pd",dewi.lain@example.org,11/27/2023 09:05:00 AM,11/27/2023 11:00:00 AM,115,No
Orang Asing,asing@example.org,11/27/2023 09:00:00 AM,11/27/2023 11:00:00 AM,120,Yes
Tanggal Rusak,rusak@example.go.id,27 November pagi,11/27/2023 11:00:00 AM,120,No
Durasi Rusak,budi@example.go.id,11/27/2023 09:00:00 AM,11/27/2023 11:00:00 AM,dua jam,No
Terbalik,budi@example.go.id,11/27/2023 11:00:00 AM,11/27/2023 09:00:00 AM,30,No
,,11/27/2023 09:00:00 AM,11/27/2023 11:00:00 AM,120,No
"""


@pytest.fixture
def webinar(people):
    return services.create_webinar(services.WebinarInput(
        title="Netralitas ASN Menjelang Pemilu Tahun 2024", starts_at=START,
        ends_at=START + dt.timedelta(hours=2, minutes=30), min_minutes=60), people["trainer"],
        at=START - dt.timedelta(days=7))


@pytest.fixture
def registered(webinar):
    at = START - dt.timedelta(days=1)
    regs = {}
    for name, email in [("Budi Santoso", "Budi@Example.go.id"), ("Siti Aminah", "siti@example.go.id"),
                        ("Rahmat Hidayat", "rahmat@example.go.id"), ("Dewi Lestari", "dewi@example.go.id"),
                        ("Yusuf Absen", "yusuf@example.go.id")]:
        regs[name], created = services.register(webinar, name, email, "Pemprov Kaltim", at=at)
        assert created
    return regs


def test_registration_rules(webinar, registered):
    again, created = services.register(webinar, "Budi S", "budi@example.go.id", at=START - dt.timedelta(days=1))
    assert not created and again == registered["Budi Santoso"] and again.email == "budi@example.go.id"
    with pytest.raises(ValidationError):
        services.register(webinar, "", "x", at=START - dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.register(webinar, "Telat", "telat@example.org", at=START + dt.timedelta(days=1))


def test_zoom_import_sums_rows_matches_and_reports_bad_rows(webinar, registered, people):
    record = services.import_attendance(webinar, ZOOM_CSV.encode(), people["trainer"], filename="participants.csv",
                                        at=START + dt.timedelta(hours=3), only_valid=True)
    regs = {r.name: r for r in webinar.registrations.all()}
    assert regs["Budi Santoso"].attended_minutes == 70 and regs["Budi Santoso"].attended  # 40 + 30, email any case
    assert regs["Siti Aminah"].attended_minutes == 90 and regs["Siti Aminah"].attended  # no email: by name
    assert regs["Rahmat Hidayat"].attended_minutes == 30 and not regs["Rahmat Hidayat"].attended  # too short
    assert regs["Dewi Lestari"].attended_minutes == 115  # other email, name with a title: fuzzy
    assert regs["Yusuf Absen"].attended_minutes == 0 and not regs["Yusuf Absen"].attended
    assert (record.rows_total, record.rows_used, record.matched_registrations, record.attendees) == (10, 5, 4, 3)
    by_row = {}
    for p in record.problems:
        by_row.setdefault(p["row"], []).append(p)
    kinds = {row: sorted(p["kind"] for p in ps) for row, ps in by_row.items()}
    # file lines: 1-3 meeting summary, 4 header, 5-14 participants
    assert kinds == {7: ["warning"], 9: ["warning"], 10: ["unmatched"], 11: ["rejected"], 12: ["rejected"],
                     13: ["rejected"], 14: ["rejected"]}
    assert "Email kosong" in by_row[7][0]["reason"] and "tidak terdaftar" in by_row[9][0]["reason"]
    assert "Format waktu" in by_row[11][0]["reason"] and "Durasi bukan angka" in by_row[12][0]["reason"]
    assert "keluar sebelum" in by_row[13][0]["reason"] and "kosong" in by_row[14][0]["reason"]
    assert "Orang Asing" in by_row[10][0]["raw"]

    # a corrected export imported again replaces the totals
    fixed = ZOOM_CSV.replace("Rahmat Hidayat,rahmat@example.go.id,11/27/2023 09:00:00 AM,11/27/2023 09:30:00 AM,30",
                             "Rahmat Hidayat,rahmat@example.go.id,11/27/2023 09:00:00 AM,11/27/2023 10:30:00 AM,90")
    services.import_attendance(webinar, fixed, people["trainer"], only_valid=True)
    assert webinar.registrations.get(name="Rahmat Hidayat").attended
    assert webinar.registrations.get(name="Budi Santoso").attended_minutes == 70
    assert AttendanceImport.objects.count() == 2


def test_semicolon_indonesian_headers_and_missing_header():
    text = "Nama;Email;Waktu bergabung;Waktu keluar;Durasi (menit)\nAni;ani@x.id;2023-11-27 09:00;2023-11-27 10:00;60\n"
    parsed = attendance.parse_participants(text)
    assert [(r.name, r.email, r.minutes) for r in parsed.rows] == [("Ani", "ani@x.id", 60)]
    assert parsed.rows[0].join.tzinfo is not None
    with pytest.raises(attendance.AttendanceFileError, match="judul kolom"):
        attendance.parse_participants("foo,bar\n1,2\n")
    computed = attendance.parse_participants("Name,Join Time,Leave Time\nAni,2023-11-27 09:00,2023-11-27 10:15\n")
    assert computed.rows[0].minutes == 75


def test_certificates_for_attendees_are_mailed(webinar, registered, people, django_capture_on_commit_callbacks):
    services.import_attendance(webinar, ZOOM_CSV, people["trainer"], only_valid=True)
    with django_capture_on_commit_callbacks(execute=True):
        issued = services.issue_webinar_certificates(webinar, people["trainer"])
    assert sorted(c.holder_name for c in issued) == ["Budi Santoso", "Dewi Lestari", "Siti Aminah"]
    assert len(mail.outbox) == 3 and issued[0].code in "".join(m.body for m in mail.outbox)
    assert services.issue_webinar_certificates(webinar, people["trainer"]) == []  # no duplicates
    assert Certificate.objects.filter(kind="webinar").count() == 3


def test_webinar_pages(client, webinar, people):
    webinar.ends_at = webinar.starts_at + dt.timedelta(days=3650)  # keep it open for the public list
    webinar.save()
    assert webinar.title in client.get(reverse("learning:webinars")).content.decode()
    response = client.post(reverse("learning:webinar_register", args=[webinar.code]),
                           {"name": "Ani Warga", "email": "ani@example.org", "institution": "Umum"})
    assert response.status_code == 302 and webinar.registrations.filter(email="ani@example.org").exists()
    client.force_login(people["trainer"])
    upload = SimpleUploadedFile("participants.csv", b"Name,User Email,Duration (Minutes)\nAni Warga,ani@example.org,"
                                b"65\nX,x@y.z,abc\n", content_type="text/csv")
    response = client.post(reverse("learning:webinar_detail", args=[webinar.code]), {"file": upload})
    assert response.status_code == 400 and 'id="import-errors"' in response.content.decode()
    assert not webinar.registrations.get(email="ani@example.org").attended  # a file with errors changes nothing
    upload.seek(0)
    response = client.post(reverse("learning:webinar_detail", args=[webinar.code]),
                           {"file": upload, "only_valid": "on"})
    assert response.status_code == 302
    page = client.get(reverse("learning:webinar_detail", args=[webinar.code])).content.decode()
    assert 'id="import-report"' in page and "Durasi bukan angka" in page
    assert webinar.registrations.get(email="ani@example.org").attended
