"""Issue 12 item 1 in Chromium: a report whose agency was only typed reaches the right PPK.

A citizen types "Dinas Pendidikan Kota Samarinda" without picking an agency; the verifier cannot
forward the case until the agency is set, sets it from the suggestion, and after Bawaslu's
recommendation the case is in the Samarinda PPK officer's queue (and not in Balikpapan's).
Run at desktop size and at 390 px (a phone).
"""

import datetime as dt

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "rahasia-uji-123"
STAFF_SCRIPT = """
from django.contrib.auth.models import Group, User
from netra.accounts.models import StaffProfile
from netra.registry.models import Region
for username, role, gov in [("verif-{tag}", "verifier", None), ("bawaslu-{tag}", "bawaslu", None),
                            ("ppk-smd-{tag}", "ppk", "64.72"), ("ppk-bpn-{tag}", "ppk", "64.71")]:
    user = User.objects.create_user(username, password="{password}")
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    if gov:
        StaffProfile.objects.create(user=user, government=Region.objects.get(code=gov))
"""
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(base + "/desk/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    assert "/desk/masuk/" not in page.url


def act(page, name):
    """Open an action's form (side outcomes are folded) and submit it with its own button."""
    form = page.locator(f"#action-{name}")
    form.locator("button[type=submit]:not([name=preview])").click()
    page.wait_for_load_state()  # the click waits for the navigation to commit, not for the new page


@pytest.mark.parametrize("size", VIEWPORTS)
def test_typed_agency_reaches_the_right_ppk_after_the_verifier_sets_it(netra_server, netra_manage, page, size):
    page.set_viewport_size(VIEWPORTS[size])
    netra_manage("shell", "-c", STAFF_SCRIPT.format(tag=size, password=PASSWORD))

    # The citizen types the agency and picks none from the list.
    page.goto(netra_server + "/lapor/")
    page.fill("#id_subject_name", f"Siti Rahmawati {size}")
    page.fill("#id_subject_agency_text", "Dinas Pendidikan Kota Samarinda")
    page.select_option("#id_region", label="Kota Samarinda")
    page.fill("#id_conduct_date", dt.date.today().isoformat())
    page.fill("#id_description", "Mengunggah foto bersama pasangan calon wali kota dengan salam dua jari.")
    page.click("button[type=submit]")
    tracking = page.locator("#tracking-code").inner_text().strip()
    case_code = netra_manage("shell", "-c", "from netra.cases.models import Report; "
                             f"print(Report.objects.get(tracking_code='{tracking}').case.code)").split()[-1]
    case_url = f"{netra_server}/desk/kasus/{case_code}/"

    # The verifier verifies and classifies; forwarding is refused while the case has no agency.
    login(page, netra_server, f"verif-{size}")
    page.goto(case_url)
    act(page, "start_verification")
    d7 = page.locator("#id_classify-violation option", has_text="D7 –").first.get_attribute("value")
    page.select_option("#id_classify-violation", value=d7)
    act(page, "classify")
    assert "tersimpan" in page.content()
    act(page, "forward_to_bawaslu")
    assert "Instansi terlapor belum ditetapkan" in page.content()

    # The agency form suggests the typed agency in the incident's region; the verifier saves it.
    agency = page.locator("#id_set_agency-agency")
    assert "Dinas Pendidikan Kota Samarinda" in agency.locator("option:checked").inner_text()
    assert "Ditulis pelapor: Dinas Pendidikan Kota Samarinda" in page.content()
    act(page, "set_agency")
    assert "Instansi terlapor ditetapkan" in page.content()
    act(page, "forward_to_bawaslu")
    assert "tersimpan" in page.content()

    login(page, netra_server, f"bawaslu-{size}")
    page.goto(case_url)
    page.fill("#id_recommend-number", f"001/REK/{size}")
    act(page, "recommend")
    assert "tersimpan" in page.content()

    # The Samarinda PPK officer finds it in their queue; Balikpapan's does not see it at all.
    login(page, netra_server, f"ppk-smd-{size}")
    page.goto(netra_server + "/desk/")
    queue = page.locator("#queue-recommended")
    assert case_code in queue.inner_text()
    queue.locator(f"a:has-text('{case_code}')").first.click()
    # The click only waits for the navigation to commit; expect() waits for the new page's element.
    expect(page.locator("#action-record_ppk_decision")).to_be_visible()

    login(page, netra_server, f"ppk-bpn-{size}")
    page.goto(netra_server + "/desk/")
    assert case_code not in page.content()
    assert page.goto(case_url).status == 404
