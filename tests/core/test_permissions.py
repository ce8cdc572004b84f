"""One government scope for cases, duty letters and imports (issue 9 item 2).

Before it, a PPK officer whose account named no government saw no cases but could register duty
letters for every employee of the province.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from netra.accounts.models import StaffProfile
from netra.cases.access import cases_visible_to
from netra.core.permissions import government_scope
from netra.core.roles import Role
from netra.duty import services as duty
from netra.duty.models import DutyLetter
from netra.registry.models import Region
from tests.cases.test_workflow import run_to_recommended
from tests.conftest import make_user


@pytest.fixture
def ppk_without_government(reference):
    return make_user("ppk_tanpa_pemda", Role.PPK)


def letter_input(employee):
    return duty.LetterInput(employee=employee, letter_number="094/ST/2024", event="Rapat koordinasi",
                            place="Samarinda", date_from=dt.date(2024, 10, 10), date_to=dt.date(2024, 10, 11),
                            purpose="Koordinasi", issuing_official="Kepala Dinas")


def test_scope_of_each_role(people, ppk_without_government):
    samarinda = Region.objects.get(code="64.72")
    for name in ("verifier", "bawaslu", "supervisor", "admin"):
        assert government_scope(people[name]).everything, name
    assert government_scope(people["ppk"]).government_id == samarinda.pk
    assert not government_scope(people["ppk"]).everything
    for user in (ppk_without_government, people["monitor"], people["trainer"], people["asn"]):
        assert government_scope(user).nothing
    # An empty profile is no scope either.
    StaffProfile.objects.create(user=ppk_without_government)
    assert government_scope(ppk_without_government).nothing


def test_ppk_without_government_sees_no_case_and_registers_no_letter(people, employee, make_report,
                                                                      ppk_without_government, client):
    report = make_report(conduct="2024-12-13", received="2024-12-16", nip=employee.nip)
    run_to_recommended(report.case, people, employee)  # the PPK sees a case from the recommendation on
    assert cases_visible_to(people["ppk"]).count() == 1
    assert cases_visible_to(ppk_without_government).count() == 0

    assert not duty.can_register_for(ppk_without_government, employee)
    with pytest.raises(PermissionDenied):
        duty.register_letter(letter_input(employee), ppk_without_government)
    assert not DutyLetter.objects.exists()

    letter = duty.register_letter(letter_input(employee), people["ppk"])
    assert not duty.can_read(ppk_without_government, letter)
    assert duty.can_read(people["ppk"], letter) and duty.can_read(people["verifier"], letter)
    assert not duty.can_read(people["ppk_other"], letter)
    assert not duty.can_register_for(people["ppk_other"], employee)

    client.force_login(ppk_without_government)
    listing = client.get(reverse("duty:list"))
    assert listing.status_code == 200 and "094/ST/2024" not in listing.content.decode()
    client.force_login(people["ppk"])
    assert "094/ST/2024" in client.get(reverse("duty:list")).content.decode()


def test_ppk_without_government_imports_no_employees(client, ppk_without_government):
    client.force_login(ppk_without_government)
    page = client.get(reverse("desk:employee_import"))
    assert page.status_code == 200 and page.context["blocked"] is True
