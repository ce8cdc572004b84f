"""The tracking code: found however it is typed (form, page address, API), shown whole with a copy
button, and a finished case tells the reporter its outcome in plain words."""

import datetime as dt

from django.urls import reverse

from netra.cases import services
from netra.cases.models import CaseStatus as S
from netra.rules.models import Contest, SanctionType, ViolationType
from tests.conftest import at


def loose(code: str) -> str:
    return code.lower().replace("-", " ")


def test_every_typing_is_found_in_form_page_and_api(client, make_report):
    code = make_report().tracking_code
    for typed in (loose(code), code.replace("-", ""), code.lower().replace("-", "")):
        found = client.get(reverse("public:track"), {"code": typed})
        assert found.status_code == 302 and found["Location"] == f"/lacak/{code}/"
        # The status page address typed by hand redirects to the canonical one.
        page = client.get(f"/lacak/{typed}/")
        assert page.status_code == 302 and page["Location"] == f"/lacak/{code}/"
        api = client.get(f"/api/v1/reports/{typed}/")
        assert api.status_code == 200 and api.json()["tracking_code"] == code


def test_form_has_a_format_hint_and_the_status_page_a_copy_button(client, make_report):
    code = make_report().tracking_code
    track = client.get(reverse("public:track")).content.decode()
    assert "NTR-7KQ2-M9XD-4HRT" in track and 'autocapitalize="characters"' in track
    page = client.get(f"/lacak/{code}/").content.decode()
    assert f'data-copy="{code}"' in page and "Salin kode" in page and "netra/copy.js" in page


def test_a_wrong_code_keeps_what_was_typed(client, reference):
    response = client.get(reverse("public:track"), {"code": "ntr zzzz zzzz zzzz"})
    assert response.status_code == 404
    assert "Kode pelacakan tidak ditemukan" in response.content.decode()
    assert 'value="ntr zzzz zzzz zzzz"' in response.content.decode()


def _status_text(client, report) -> str:
    return client.get(f"/lacak/{report.tracking_code}/").content.decode()


def test_closed_cases_tell_the_outcome_in_plain_words(client, people, employee, make_report):
    report = make_report(conduct="2024-12-13", received="2024-12-16", nip=employee.nip)
    assert 'id="case-outcome"' not in _status_text(client, report)
    case = report.case
    services.start_verification(case, people["verifier"], at=at("2024-12-17"))
    services.classify(case, people["verifier"], violation=ViolationType.objects.get(code="E5"),
                      contest=Contest.objects.get(code="pilwali-6472-2024"), at=at("2024-12-18"))
    services.forward_to_bawaslu(case, people["verifier"], at=at("2024-12-20"))
    services.recommend(case, people["bawaslu"], number="12/REK/2024", at=at("2024-12-27"))
    services.record_ppk_decision(case, people["ppk"], sanction=SanctionType.objects.get(code="berat-turun-jabatan"),
                                 number="800/123/BKPSDM", decision_date=dt.date(2025, 1, 15), at=at("2025-01-15"))
    services.close_case(case, people["verifier"], at=at("2025-01-16"))
    page = _status_text(client, report)
    assert "Laporan Anda terbukti" in page and "hukuman disiplin berat" in page
    assert "800/123/BKPSDM" not in page and employee.name not in page


def test_dismissed_cases_say_why(client, people, make_report):
    rejected = make_report(subject="A")
    services.dismiss(rejected.case, people["verifier"], S.REJECTED, "Bukan ASN")
    assert "bukan pelanggaran netralitas ASN" in _status_text(client, rejected)
    exited = make_report(subject="C")
    services.mark_employee_exited(exited.case, people["verifier"], "Pensiun", decision_reference="SK pensiun 2024")
    assert "sudah tidak berstatus ASN" in _status_text(client, exited)
