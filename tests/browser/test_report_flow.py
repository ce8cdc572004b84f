"""A citizen files a report in Chromium and follows it on the tracking page."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import jpeg_with_gps

pytestmark = pytest.mark.browser


def test_report_to_tracking_page(netra_server, page, tmp_path):
    photo = tmp_path / "bukti.jpg"
    photo.write_bytes(jpeg_with_gps())
    page.goto(netra_server + "/lapor/")
    assert page.locator("html").get_attribute("lang") == "id"

    # Submitting an empty form keeps the user on the page with Indonesian messages.
    page.click("button[type=submit]")
    expect(page.locator(".errorlist").first).to_be_visible()
    assert "Laporan belum terkirim" in page.content()

    page.fill("#id_subject_name", "Rahmat Hidayat")
    page.fill("#id_subject_agency_text", "Dinas Kesehatan Kota Balikpapan")
    page.select_option("#id_region", label="Kota Balikpapan")
    page.fill("#id_conduct_date", dt.date.today().isoformat())
    page.fill("#id_description", "Mengunggah foto bersama paslon dengan salam dua jari.")
    page.fill("#id_links", "https://example.org/unggahan/123")
    page.set_input_files("#id_files", str(photo))
    page.click("button[type=submit]")

    code = page.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"NTR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    page.click("text=Lihat status laporan")
    assert page.locator("#case-status").get_attribute("data-status") == "received"
    body = page.content()
    assert code in body and "Rahmat" not in body and "Dinas Kesehatan" not in body

    # Follow the case from a fresh page by typing the code, then add information.
    page.goto(netra_server + "/lacak/")
    page.fill("#id_code", code.lower())
    page.click("button[type=submit]")
    assert page.url.endswith(f"/lacak/{code}/")
    page.fill("#id_text", "Ada saksi kedua di lokasi.")
    page.click("form[enctype] button[type=submit]")
    assert "keterangan tambahan telah diterima" in page.content()
    assert "Pelapor menambahkan keterangan" in page.content()
