"""Blocking keys for duplicate suggestions follow every state change of a case."""

import pytest

from netra.cases import match_keys, services
from netra.cases.models import CaseMatchKey, MatchKind
from tests.conftest import at

pytestmark = pytest.mark.django_db


def stored(case) -> set[tuple[str, str]]:
    return set(CaseMatchKey.objects.filter(case=case).values_list("kind", "value"))


@pytest.mark.parametrize("variant", [
    "Hj. Siti Aminah, S.Pd", "IBU SITI AMINAH", "Dr. Siti Aminah M.Si", "siti-aminah, S.Sos.", "Aminah Siti, ST, MM",
])
def test_honorific_and_degree_variants_share_the_name_key(variant):
    assert match_keys.name_key(variant) == match_keys.name_key("Siti Aminah") == "aminah siti"


def test_intake_gives_a_new_case_its_keys(make_report, employee):
    case = make_report(subject="Bapak H. Budi Santoso, S.H.", nip=employee.nip).case
    assert case.employee_id == employee.pk  # intake links the registry record by NIP
    assert stored(case) == {
        (MatchKind.NIP, employee.nip), (MatchKind.EMPLOYEE, str(employee.pk)),
        (MatchKind.NAME_TOKEN, "budi"), (MatchKind.NAME_TOKEN, "santoso"),
        (MatchKind.NAME_KEY, "budi santoso"),
    }
    assert set(CaseMatchKey.objects.filter(case=case).values_list("conduct_date", flat=True)) == {case.conduct_date}


def test_linking_the_employee_adds_the_employee_key_and_the_registry_name(make_report, people, employee):
    case = make_report(subject="Pak Budi").case
    services.start_verification(case, people["verifier"], at=at("2024-10-13"))
    services.link_employee(case, people["verifier"], employee, at=at("2024-10-13", 11))
    case.refresh_from_db()
    assert stored(case) == match_keys.keys_for(case)
    assert (MatchKind.EMPLOYEE, str(employee.pk)) in stored(case)
    assert (MatchKind.NIP, employee.nip) in stored(case)


def test_a_case_leaving_verification_loses_its_keys(make_report, workflow):
    staying, leaving = make_report().case, make_report().case
    workflow(staying, "classified")
    workflow(leaving, "bawaslu_review")
    assert stored(staying) == match_keys.keys_for(staying) != set()  # still mergeable
    assert stored(leaving) == set()


def test_merge_moves_the_keys_to_the_target(make_report, people):
    first = make_report(subject="Budi Santoso").case
    second = make_report(subject="Budi Santoso", nip="198001012005011001", conduct="2024-10-08").case
    services.merge_cases(first, second, people["verifier"], reason="Kejadian sama")
    first.refresh_from_db()
    assert stored(second) == set()
    assert (MatchKind.NIP, "198001012005011001") in stored(first)
    assert set(CaseMatchKey.objects.filter(case=first).values_list("conduct_date", flat=True)) == {
        first.conduct_date}
