"""The reported person's agency decides which PPK receives the case (issue 12 item 1)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from netra.cases import services
from netra.cases.access import cases_visible_to
from netra.cases.models import CaseStatus
from netra.registry import matching
from netra.registry.models import Agency, Region
from netra.rules.models import Contest, ViolationType

S = CaseStatus


def classified(case, people):
    services.start_verification(case, people["verifier"])
    services.classify(case, people["verifier"], violation=ViolationType.objects.get(code="D7"),
                      contest=Contest.objects.get(code="pilwali-6472-2024"))
    return case


def test_typed_agency_is_suggested_in_the_incident_region(reference):
    samarinda, balikpapan = Region.objects.get(code="64.72"), Region.objects.get(code="64.71")
    assert matching.suggest("Dinas Pendidikan Kota Samarinda")[0].code == "6472-disdik"
    # The text names no government: the region where it happened breaks the tie.
    assert matching.suggest("dinas pendidikan", region=samarinda)[0].code == "6472-disdik"
    assert matching.suggest("dinas pendidikan", region=balikpapan)[0].code == "6471-disdik"
    # A government the text does name wins over the incident region.
    assert matching.suggest("Dinas Pendidikan Kota Balikpapan", region=samarinda)[0].code == "6471-disdik"
    assert matching.suggest("Disdik Samarinda")[0].code == "6472-disdik"
    assert matching.suggest("") == [] and matching.suggest("zzzz qqqq") == []


def test_forwarding_without_an_agency_is_refused_until_the_verifier_sets_it(people, make_report):
    case = make_report(subject_agency_text="Dinas Pendidikan Kota Samarinda").case
    assert case.agency is None
    classified(case, people)
    with pytest.raises(ValidationError) as refused:
        services.forward_to_bawaslu(case, people["verifier"])
    assert "Instansi terlapor belum ditetapkan" in " ".join(refused.value.messages)
    case.refresh_from_db()
    assert case.status == S.VERIFICATION

    agency = Agency.objects.get(code="6472-disdik")
    with pytest.raises(PermissionDenied):
        services.set_agency(case, people["bawaslu"], agency)
    services.set_agency(case, people["verifier"], agency, reason="Sesuai tulisan pelapor")
    event = case.events.get(kind="agency_set")
    assert event.data == {"agency": "6472-disdik", "agency_name": agency.name, "previous": None}
    with pytest.raises(ValidationError):
        services.set_agency(case, people["verifier"], agency)  # unchanged: nothing to record

    services.forward_to_bawaslu(case, people["verifier"])
    services.recommend(case, people["bawaslu"], number="9/REK/2024")
    assert cases_visible_to(people["ppk"]).filter(pk=case.pk, status=S.RECOMMENDED).exists()
    assert not cases_visible_to(people["ppk_other"]).filter(pk=case.pk).exists()


def test_recommending_a_case_without_an_agency_is_refused(people, make_report):
    """A case already in review without an agency (before this rule) goes back, not to no PPK."""
    case = classified(make_report().case, people)
    services.set_agency(case, people["verifier"], Agency.objects.get(code="6472-disdik"))
    services.forward_to_bawaslu(case, people["verifier"])
    case.refresh_from_db()
    type(case).objects.filter(pk=case.pk).update(agency=None)
    with pytest.raises(ValidationError):
        services.recommend(case, people["bawaslu"], number="1/REK")
    case.refresh_from_db()
    assert case.status == S.BAWASLU_REVIEW


def test_merging_carries_the_agency_of_the_duplicate(people, make_report):
    target = make_report(subject="Budi Santoso").case
    duplicate = make_report(subject="Budi Santoso, S.Pd.", agency=Agency.objects.get(code="6472-disdik")).case
    assert target.agency is None and duplicate.agency is not None
    services.merge_cases(target, duplicate, people["verifier"])
    target.refresh_from_db()
    assert target.agency.code == "6472-disdik"
    assert target.events.get(kind="merged_from").data["agency"] == "6472-disdik"


def test_merging_keeps_the_targets_own_agency(people, make_report):
    target = make_report(agency=Agency.objects.get(code="6471-disdik")).case
    duplicate = make_report(agency=Agency.objects.get(code="6472-disdik")).case
    services.merge_cases(target, duplicate, people["verifier"])
    target.refresh_from_db()
    assert target.agency.code == "6471-disdik"
