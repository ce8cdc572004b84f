"""Attendance import follows the registry's rule: a file that cannot be trusted changes nothing."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netra.learning import attendance, services

from .test_webinar import START, ZOOM_CSV, registered, webinar  # noqa: F401 - fixtures

GOOD = ("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        "Budi Santoso,budi@example.go.id,11/27/2023 09:01:00 AM,11/27/2023 10:41:00 AM,100\n"
        "Siti Aminah,siti@example.go.id,11/27/2023 09:00:00 AM,11/27/2023 10:30:00 AM,90\n"
        "Andrés Pérez,andres@example.org,11/27/2023 09:00:00 AM,11/27/2023 10:30:00 AM,90\n")


def _minutes(webinar):  # noqa: F811
    return {r.name: r.attended_minutes for r in webinar.registrations.all()}


@pytest.fixture
def imported(webinar, registered, people):  # noqa: F811
    services.import_attendance(webinar, GOOD, people["trainer"])
    return _minutes(webinar)


def test_cp1252_file_of_even_length_is_read_as_cp1252_not_utf16(webinar, imported, people):  # noqa: F811
    data = GOOD.encode("cp1252")
    if len(data) % 2:
        data += b"\n"
    assert len(data) % 2 == 0
    text, encoding = attendance.decode(data)
    assert encoding == "cp1252" and "Andrés" in text
    services.import_attendance(webinar, data, people["trainer"])
    assert _minutes(webinar) == imported and imported["Budi Santoso"] == 100


def test_utf16_with_and_without_bom_still_read():
    for data in (GOOD.encode("utf-16"), GOOD.encode("utf-16-le"), GOOD.encode("utf-16-be")):
        parsed = attendance.parse_participants(data)
        assert [r.minutes for r in parsed.rows] == [100, 90, 90]


@pytest.mark.parametrize("content", [
    b"foo,bar\n1,2\n",  # no recognised header
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,  # binary
    b"Name,Duration (Minutes)\n",  # header only
    b"Name,Duration (Minutes)\nOrang Lain,60\nTamu,30\n",  # nobody matches a registrant
    ("Name,Duration (Minutes)\n" + "Budi Santoso,\"" + "x" * 140_000 + "\"\n").encode(),  # field over csv limit
])
def test_unrecognised_file_is_refused_and_changes_nothing(webinar, imported, people, content):  # noqa: F811
    count = webinar.imports.count()
    with pytest.raises(attendance.AttendanceFileError):
        services.import_attendance(webinar, content, people["trainer"])
    assert _minutes(webinar) == imported and webinar.imports.count() == count


def test_file_with_bad_rows_changes_nothing_unless_valid_rows_are_chosen(webinar, imported, people):  # noqa: F811
    content = GOOD.replace("100\n", "seratus\n").replace("90\n", "45\n", 1)
    with pytest.raises(attendance.AttendanceRowErrors) as info:
        services.import_attendance(webinar, content, people["trainer"])
    assert [p["row"] for p in info.value.problems] == [2]
    assert _minutes(webinar) == imported
    services.import_attendance(webinar, content, people["trainer"], only_valid=True)
    assert _minutes(webinar)["Siti Aminah"] == 45


def test_page_refuses_unrecognised_file_with_a_message(client, webinar, imported, people):  # noqa: F811
    client.force_login(people["trainer"])
    upload = SimpleUploadedFile("participants.csv", b"kolom,lain\n1,2\n", content_type="text/csv")
    response = client.post(reverse("learning:webinar_detail", args=[webinar.code]), {"file": upload})
    assert response.status_code == 400 and "judul kolom tidak ditemukan" in response.content.decode()
    assert _minutes(webinar) == imported


def test_demo_import_still_applies(webinar, registered, people):  # noqa: F811
    record = services.import_attendance(webinar, ZOOM_CSV, people["trainer"], only_valid=True,
                                        at=START + dt.timedelta(hours=3))
    assert record.rows_used == 5
