"""Need to know: PPK officers and leadership see findings and neutral evidence, never the reporter's
material or a tracking code; PPK officers see a case only from the recommendation on."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from netra.cases import services
from tests.conftest import at, jpeg_with_gps, upload

SECRET_DESCRIPTION = "Saya, staf keuangan di ruang sebelah, melihat langsung dia berorasi."
SECRET_CHRONOLOGY = "Pukul 09.00 saya datang bersama istri saya."
SECRET_FILE = "foto-andi-pelapor-hp-samsung.jpg"
SECRET_NOTE = "Saya bisa dihubungi di kantor lantai 2."


@pytest.fixture
def sensitive(make_report, employee, workflow, people):
    def _make(until):
        report = make_report(nip=employee.nip, description=SECRET_DESCRIPTION, chronology=SECRET_CHRONOLOGY,
                             files=[upload(SECRET_FILE, jpeg_with_gps(), "image/jpeg")])
        services.add_report_info(report, SECRET_NOTE, at=at("2024-10-12", 15))
        workflow(report.case, until)
        report.refresh_from_db()
        return report

    return _make


def body_for(client, user, case):
    client.force_login(user)
    response = client.get(reverse("desk:case_detail", args=[case.code]))
    return response.status_code, response.content.decode()


@pytest.mark.parametrize("role", ["ppk", "supervisor"])
def test_ppk_and_leadership_see_findings_and_neutral_evidence_only(client, people, sensitive, role):
    report = sensitive("recommended")
    status, body = body_for(client, people[role], report.case)
    assert status == 200
    for secret in (report.tracking_code, SECRET_DESCRIPTION, SECRET_CHRONOLOGY, SECRET_FILE, SECRET_NOTE):
        assert secret not in body, secret
    evidence = report.evidence.get()
    assert evidence.neutral_name in body and reverse("desk:evidence_view", args=[evidence.uid]) in body
    assert 'id="findings"' in body and "Laporan 1" in body


def test_the_verifier_still_sees_the_reporters_material(client, people, sensitive):
    report = sensitive("recommended")
    status, body = body_for(client, people["verifier"], report.case)
    for secret in (report.tracking_code, SECRET_DESCRIPTION, SECRET_CHRONOLOGY, SECRET_FILE, SECRET_NOTE):
        assert secret in body, secret


@pytest.mark.parametrize("until", ["verification", "classified", "bawaslu_review"])
def test_ppk_does_not_see_a_case_before_the_recommendation(client, people, sensitive, until):
    report = sensitive(until)
    assert body_for(client, people["ppk"], report.case)[0] == 404
    list_page = client.get(reverse("desk:case_list")).content.decode()
    assert report.case.code not in list_page
    evidence = report.evidence.get()
    assert client.get(reverse("desk:evidence_view", args=[evidence.uid])).status_code == 404


@pytest.mark.parametrize("until", ["recommended", "ppk_decided", "closed"])
def test_ppk_sees_the_case_from_the_recommendation_on(client, people, sensitive, until):
    report = sensitive(until)
    assert body_for(client, people["ppk"], report.case)[0] == 200


@pytest.mark.parametrize("role", ["ppk", "supervisor"])
def test_the_api_gives_no_tracking_code_to_ppk_or_leadership(people, sensitive, role):
    report = sensitive("recommended")
    api = APIClient()
    api.force_authenticate(people[role])
    text = api.get(f"/api/v1/cases/{report.case.code}/").content.decode()
    listing = api.get("/api/v1/cases/").content.decode()
    assert report.case.code in listing
    for page in (text, listing):
        assert report.tracking_code not in page and SECRET_DESCRIPTION not in page
    api.force_authenticate(people["verifier"])
    assert report.tracking_code in api.get(f"/api/v1/cases/{report.case.code}/").content.decode()
