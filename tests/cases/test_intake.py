"""Receiving reports: the 7-day window, identity encryption, evidence checks and EXIF stripping."""

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from PIL import Image

from netra.cases import services
from netra.cases.models import Case, Evidence, Report
from tests.conftest import jpeg_with_gps, upload


def test_report_within_window_is_formal(make_report):
    report = make_report(conduct="2024-10-10", received="2024-10-17")
    assert report.within_window and not report.case.information_only
    assert report.tracking_code.startswith("NTR-") and len(report.tracking_code) == 18


def test_late_report_is_accepted_as_information(make_report):
    report = make_report(conduct="2024-10-01", received="2024-10-09")
    assert Report.objects.filter(pk=report.pk).exists()
    assert not report.within_window and report.case.information_only


def test_window_counts_from_when_the_reporter_learned_of_it(make_report):
    import datetime as dt

    report = make_report(conduct="2024-10-01", received="2024-10-09", known_date=dt.date(2024, 10, 5))
    assert report.within_window


def test_identity_is_encrypted_and_only_for_roles_that_need_it(make_report, people):
    report = make_report(anonymous=False, reporter_name="Siti Aminah", reporter_email="siti@example.org")
    raw = Report.objects.filter(pk=report.pk).values_list("identity_encrypted", flat=True).get()
    assert "Siti" not in raw and "siti@" not in raw
    assert services.reporter_identity(report, people["verifier"]) == {"name": "Siti Aminah",
                                                                        "email": "siti@example.org"}
    assert services.reporter_identity(report, people["bawaslu"])["name"] == "Siti Aminah"
    for role in ("ppk", "supervisor", "monitor", "trainer", "asn"):
        assert services.reporter_identity(report, people[role]) is None


def test_identified_report_needs_a_name_and_contact(make_report):
    with pytest.raises(ValidationError) as err:
        make_report(anonymous=False, reporter_name="")
    assert {"reporter_name", "reporter_email"} <= set(err.value.message_dict)
    assert Report.objects.count() == 0


def test_exif_and_gps_are_stripped_from_the_staff_copy_and_the_original_is_sealed(make_report):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the fixture really has GPS
    report = make_report(files=[upload("foto.jpg", original, "image/jpeg")])
    ev = report.evidence.get()
    assert ev.sha256 == hashlib.sha256(original).hexdigest()
    assert ev.content_type == "image/jpeg" and "gps" in ev.metadata_removed
    with ev.sealed_file.open("rb") as f:
        assert f.read() == original
    with ev.view_file.open("rb") as f:
        copy = Image.open(io.BytesIO(f.read()))
        assert not copy.getexif() and copy.size == (32, 24)
    assert ev.sha256 in ev.sealed_file.name and "foto" not in ev.sealed_file.name


def test_pdf_is_accepted(make_report):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    ev = make_report(files=[upload("surat.pdf", pdf)]).evidence.get()
    assert ev.content_type == "application/pdf" and ev.size == len(pdf)


@pytest.mark.parametrize(("name", "data"), [
    ("virus.exe", b"MZ\x90\x00" + b"\x00" * 100),
    ("foto.jpg", b"<html>not an image</html>"),
    ("kosong.png", b""),
])
def test_wrong_type_or_empty_file_rejects_the_whole_report(make_report, name, data):
    with pytest.raises(ValidationError) as err:
        make_report(files=[upload(name, data)])
    assert "files" in err.value.message_dict
    assert Report.objects.count() == 0 and Case.objects.count() == 0 and Evidence.objects.count() == 0


@override_settings(NETRA_EVIDENCE_MAX_BYTES=1000)
def test_oversize_file_is_rejected_with_its_limit(make_report):
    with pytest.raises(ValidationError) as err:
        make_report(files=[upload("besar.jpg", jpeg_with_gps() + b"\x00" * 2000)])
    assert "terlalu besar" in err.value.message_dict["files"][0]
    assert Report.objects.count() == 0


def test_reporter_adds_information_later(make_report):
    report = make_report()
    services.add_report_info(report, "Ada saksi lain", links=["https://example.org/video"])
    assert report.notes.count() == 1 and report.evidence.filter(kind="link").count() == 1
    assert report.case.events.filter(kind="reporter_added_info").exists()
    with pytest.raises(ValidationError):
        services.add_report_info(report, "  ")
