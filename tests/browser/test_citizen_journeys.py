"""Issue 12's citizen journeys in Chromium, at desktop and phone (390 px) width, on a server with
DEBUG off as in production: a failed submit keeps its evidence, a code typed loosely is found, and a
mistyped address gets the Indonesian 404 page."""

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from playwright.sync_api import expect

from tests.browser.conftest import start_runserver
from tests.conftest import jpeg_with_gps

pytestmark = pytest.mark.browser

ADMIN_PASSWORD = "rahasia-uji-browser-123"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    """`netra runserver` with DEBUG off, as in production: collected, hashed static files served by
    WhiteNoise (--nostatic keeps runserver's own static handler out of the way)."""
    var = tmp_path_factory.mktemp("netra-production")
    env = {**os.environ, "DEBUG": "0", "NETRA_TESTING": "", "NETRA_VAR_DIR": str(var),
           "SECRET_KEY": "browser-test-" + "k" * 40, "NETRA_IDENTITY_KEYS": Fernet.generate_key().decode(),
           "ALLOWED_HOSTS": "127.0.0.1", "SECURE_COOKIES": "0",
           # Plain HTTP on the loopback: no HTTPS redirect or HSTS (on by default without DEBUG).
           "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "0"}
    env.pop("DATABASE_URL", None)
    netra = [sys.executable, "-m", "netra.cli"]
    # As in production: hashed static files are collected first and WhiteNoise serves them (--nostatic).
    for command in (["migrate", "--no-input", "-v0"], ["load_reference"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([*netra, *command], env=env, check=True, capture_output=True)
    proc, base, log = start_runserver(env, Path(var), "--nostatic")
    subprocess.run([*netra, "createsuperuser", "--noinput", "--username", "admin", "--email", "a@example.org"],
                   env={**env, "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD}, check=True, capture_output=True)
    yield base, Path(var)
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


@pytest.fixture(params=list(VIEWPORTS))
def screen(request, browser):
    context = browser.new_context(locale="id-ID", viewport=VIEWPORTS[request.param])
    page = context.new_page()
    page.viewport_name = request.param
    yield page
    context.close()


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def fill_report(page, nip: str):
    page.fill("#id_subject_name", "Rahmat Hidayat")
    page.fill("#id_subject_nip", nip)
    page.select_option("#id_region", label="Kota Balikpapan")
    page.fill("#id_conduct_date", dt.date.today().isoformat())
    page.fill("#id_description", "Mengunggah foto bersama paslon dengan salam dua jari.")


def test_failed_submit_keeps_its_evidence(production_server, screen, tmp_path):
    base, var = production_server
    photo = tmp_path / "bukti-foto.jpg"
    photo.write_bytes(jpeg_with_gps())
    screen.goto(base + "/lapor/")
    # Anonymous by default: the contact fields are hidden and say why.
    assert screen.locator("#anonymous-note").is_visible()
    assert not screen.locator("#id_reporter_name").is_visible()
    fill_report(screen, "1" * 17)  # one digit short
    screen.set_input_files("#id_files", str(photo))
    screen.click("#report-form button[type=submit]")
    assert "18 digit" in screen.content()
    kept = screen.locator("#kept-files")
    assert kept.is_visible() and "bukti-foto.jpg" in kept.inner_text()
    screen.screenshot(path=str(var / f"kept-{screen.viewport_name}.png"), full_page=True)

    screen.fill("#id_subject_nip", "")
    screen.click("#report-form button[type=submit]")
    code = screen.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"NTR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    # The kept photo became evidence of this report: sealed original stored, stash emptied.
    sealed = [p for p in (var / "evidence").rglob("*.jpg") if "stash" not in p.parts]
    assert any(p.read_bytes() == photo.read_bytes() for p in sealed)
    assert not list((var / "evidence" / "stash").glob("*"))


def test_code_typed_in_lower_case_with_spaces_is_found(production_server, screen):
    base, var = production_server
    screen.goto(base + "/lapor/")
    fill_report(screen, "")
    screen.click("#report-form button[type=submit]")
    code = screen.locator("#tracking-code").inner_text().strip()
    # The code is shown whole: one line, not wider than the screen.
    box = screen.locator("#tracking-code").bounding_box()
    line = screen.evaluate("parseFloat(getComputedStyle(document.getElementById('tracking-code')).lineHeight)")
    assert box["height"] < 2 * line and box["x"] + box["width"] <= VIEWPORTS[screen.viewport_name]["width"]

    screen.goto(base + "/lacak/")
    screen.fill("#id_code", code.lower().replace("-", " "))
    screen.click("main button[type=submit]")
    assert screen.url.endswith(f"/lacak/{code}/")
    assert screen.locator("#case-status").get_attribute("data-status") == "received"
    assert screen.locator("button.copy-code").count() == 1
    assert no_sideways_scroll(screen)
    screen.screenshot(path=str(var / f"status-{screen.viewport_name}.png"), full_page=True)


def test_indonesian_404_page(production_server, screen):
    base, var = production_server
    response = screen.goto(base + "/halaman-yang-tidak-ada/")
    assert response.status == 404
    assert screen.locator("h1").inner_text() == "Halaman tidak ditemukan"
    assert screen.locator("html").get_attribute("lang") == "id"
    assert "Not Found" not in screen.content()
    assert no_sideways_scroll(screen)
    screen.screenshot(path=str(var / f"404-{screen.viewport_name}.png"), full_page=True)
    # The lookup form on the error page works: a loosely typed unknown code gets its own message.
    screen.fill("#lookup-track", "ntr zzzz zzzz zzzz")
    screen.click("form[action='/lacak/'] button[type=submit]")
    assert "Kode pelacakan tidak ditemukan" in screen.content()
    screen.click("#error-home") if screen.locator("#error-home").count() else screen.click("a.brand")
    assert screen.url.rstrip("/") == base


def test_transparency_page_has_chart_and_map_with_legend(production_server, screen):
    base, var = production_server
    screen.goto(base + "/transparansi/")
    screen.wait_for_selector("#map-legend")
    assert screen.locator("#region-map .leaflet-interactive").count() >= 10  # every kabupaten/kota drawn
    # The status chart is drawn from counts of 5 or more; smaller (suppressed) counts stay in the table.
    assert screen.locator("#chart-status").count() == 1 and screen.locator("#by-status").count() == 1
    assert no_sideways_scroll(screen)
    height = screen.evaluate("document.documentElement.scrollHeight")
    assert height < 3000, height  # was 4,500 px of tables on a phone
    screen.screenshot(path=str(var / f"transparency-{screen.viewport_name}.png"), full_page=True)


def test_desk_is_usable_on_a_phone(production_server, screen):
    base, var = production_server
    screen.goto(base + "/lapor/")
    fill_report(screen, "")
    screen.fill("#id_subject_agency_text", "Dinas Pendidikan dan Kebudayaan Kota Balikpapan")
    screen.click("#report-form button[type=submit]")
    code = screen.locator("#tracking-code").inner_text().strip()
    screen.goto(base + "/desk/masuk/")
    screen.fill("#id_username", "admin")
    screen.fill("#id_password", ADMIN_PASSWORD)
    screen.click("main button[type=submit]")
    screen.goto(base + "/desk/kasus/?q=" + code.lower().replace("-", "+"))
    rows = screen.locator("table.cases tbody tr")
    assert rows.count() == 1  # found by the report's tracking code, typed loosely
    assert no_sideways_scroll(screen)
    screen.screenshot(path=str(var / f"desk-list-{screen.viewport_name}.png"), full_page=True)
    rows.first.locator("a").first.click()
    expect(screen.locator("#summary")).to_be_visible()  # waits for the case page, not just the click
    assert no_sideways_scroll(screen)
    screen.screenshot(path=str(var / f"desk-case-{screen.viewport_name}.png"), full_page=True)
    screen.goto(base + "/desk/")
    assert no_sideways_scroll(screen)
    screen.goto(base + "/desk/dasbor/")
    screen.wait_for_selector("#map-legend")
    assert no_sideways_scroll(screen)
    screen.screenshot(path=str(var / f"dashboard-{screen.viewport_name}.png"), full_page=True)
