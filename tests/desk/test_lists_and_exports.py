"""Queues, the filtered case list, and exports that never carry identity."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from netra.cases.models import Case, CaseStatus
from netra.desk.deadlines import deadline_state
from netra.registry.models import Agency, Employee

S = CaseStatus


@pytest.fixture
def cases(make_report, employee, workflow):
    """Samarinda: one received (named reporter, formula-like subject), one recommended. Bontang: one."""
    named = make_report(nip=employee.nip, subject="=HYPERLINK(\"http://x\")", anonymous=False,
                        reporter_name="Siti Pelapor",
                        reporter_email="siti@example.org", reporter_phone="08123456789").case
    recommended = workflow(make_report(nip=employee.nip).case, "recommended")
    bontang_agency = Agency.objects.filter(region__code="64.74").first()
    other = Employee.objects.create(employee_type="PNS", nip="199001012015031001", name="Rina Bontang",
                                    agency=bontang_agency, region=bontang_agency.region)
    bontang = make_report(nip=other.nip, subject="Rina Bontang", region="64.74").case
    return {"named": named, "recommended": recommended, "bontang": bontang}


def queue_codes(response) -> dict[str, set[str]]:
    return {q["status"]: {c.code for c in q["cases"]} for q in response.context["queues"]}


def test_queues_by_role(client, people, cases):
    client.force_login(people["verifier"])
    got = queue_codes(client.get(reverse("desk:home")))
    assert got == {S.RECEIVED: {cases["named"].code, cases["bontang"].code}, S.VERIFICATION: set()}
    client.force_login(people["bawaslu"])
    assert queue_codes(client.get(reverse("desk:home"))) == {S.BAWASLU_REVIEW: set()}
    client.force_login(people["ppk"])
    assert queue_codes(client.get(reverse("desk:home"))) == {S.RECOMMENDED: {cases["recommended"].code}}
    client.force_login(people["ppk_other"])
    assert queue_codes(client.get(reverse("desk:home"))) == {S.RECOMMENDED: set()}
    client.force_login(people["supervisor"])
    got = queue_codes(client.get(reverse("desk:home")))
    assert set(got) == {S.RECEIVED, S.VERIFICATION, S.BAWASLU_REVIEW, S.RECOMMENDED, S.PPK_DECIDED}
    # A monitor has no case queue: the desk home sends them on to their own work page.
    client.force_login(people["monitor"])
    response = client.get(reverse("desk:home"))
    assert response.status_code == 302 and response["Location"] == reverse("monitoring:flags")


def test_deadline_badges(case):
    import datetime as dt

    due = case.due_date
    assert deadline_state(case, due + dt.timedelta(days=1)) == "overdue"
    assert deadline_state(case, due - dt.timedelta(days=2)) == "soon"
    assert deadline_state(case, due) == "soon"
    assert deadline_state(case, due - dt.timedelta(days=3)) == "ok"
    case.status = S.CLOSED
    assert deadline_state(case, due) is None


def list_codes(client, **params) -> set[str]:
    response = client.get(reverse("desk:case_list"), params)
    assert response.status_code == 200
    return {c.code for c in response.context["page"].object_list}


def test_case_list_filters(client, people, cases):
    client.force_login(people["supervisor"])
    every = {c.code for c in cases.values()}
    assert list_codes(client) == every
    assert list_codes(client, status=S.RECOMMENDED) == {cases["recommended"].code}
    assert list_codes(client, status="open") == every
    assert list_codes(client, region="64.74") == {cases["bontang"].code}
    assert list_codes(client, agency=cases["bontang"].agency.code) == {cases["bontang"].code}
    assert list_codes(client, violation="D7") == {cases["recommended"].code}
    assert list_codes(client, q="rina") == {cases["bontang"].code}
    assert list_codes(client, q=cases["named"].code[-4:].lower()) >= {cases["named"].code}
    # The fixtures' reports are from October 2024: every open case is past its deadline today.
    assert list_codes(client, overdue="yes") == every
    assert list_codes(client, overdue="no") == set()
    Case.objects.filter(pk=cases["bontang"].pk).update(information_only=True)
    assert list_codes(client, information_only="yes") == {cases["bontang"].code}
    assert list_codes(client, region="99.99") == every  # a stale value is ignored, not an error


def test_ppk_list_is_limited_to_their_government(client, people, cases):
    client.force_login(people["ppk"])  # the received Samarinda case is not theirs before a recommendation
    assert list_codes(client) == {cases["recommended"].code}


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response) -> list[list[str]]:
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return [[c if c is not None else "" for c in row] for row in book.worksheets[0].iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt,reader", [("csv", read_csv), ("xlsx", read_xlsx)])
def test_exports_carry_no_identity_and_nip_only_for_allowed_roles(client, people, cases, employee, fmt, reader):
    url = reverse("desk:case_export", args=[fmt])
    client.force_login(people["verifier"])  # a role that may see identity on screen still gets none here
    response = client.get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    raw = response.content
    rows = reader(response)
    flat = " ".join(str(c) for row in rows for c in row)
    assert "Siti Pelapor" not in flat and "siti@example.org" not in flat and "08123456789" not in flat
    assert b"Siti Pelapor" not in raw
    assert "NIP" in rows[0] and employee.nip in flat
    assert len(rows) == 1 + 3
    # A subject name that looks like a formula is exported as text.
    assert any(str(c).startswith("'=HYPERLINK") for row in rows for c in row)

    client.force_login(people["supervisor"])
    rows = reader(client.get(url))
    assert "NIP" not in rows[0] and employee.nip not in " ".join(str(c) for row in rows for c in row)

    # PPK officers: their government's cases, and only from the recommendation on (issue 10, item 6).
    client.force_login(people["ppk"])
    rows = reader(client.get(url, {"status": "open"}))
    assert [r[0] for r in rows[1:]] == [cases["recommended"].code]
    client.force_login(people["ppk_other"])
    assert reader(client.get(url, {"status": "open"}))[1:] == []


def test_export_follows_the_filters(client, people, cases):
    client.force_login(people["supervisor"])
    rows = read_csv(client.get(reverse("desk:case_export", args=["csv"]), {"region": "64.74"}))
    assert [r[0] for r in rows[1:]] == [cases["bontang"].code]


def test_unknown_export_format_is_404(client, people):
    client.force_login(people["admin"])
    assert client.get(reverse("desk:case_export", args=["pdf"])).status_code == 404
