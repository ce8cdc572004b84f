"""Blocking keys for duplicate suggestions follow every state change of a case."""

import datetime as dt
import random

import pytest

from netra.cases import match_keys, services
from netra.cases.models import Case, CaseMatchKey, CaseStatus, MatchKind
from netra.desk import duplicates
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


def brute_force(case) -> list[tuple[int, float, str]]:
    """The former suggestion rule, scanning every mergeable case: the reference for the blocked one."""
    from netra.desk.duplicates import DATE_WINDOW, MERGEABLE, NAME_THRESHOLD, _nips, name_score

    if case.status not in MERGEABLE:
        return []
    nips = _nips(case)
    found = []
    for other in Case.objects.filter(status__in=MERGEABLE).exclude(pk=case.pk):
        other_nips = _nips(other)
        score = name_score(case.subject_name, other.subject_name)
        if (case.employee_id and case.employee_id == other.employee_id) or nips & other_nips:
            found.append((other.pk, 100.0, "same_employee"))
        elif score >= NAME_THRESHOLD and abs(case.conduct_date - other.conduct_date) <= DATE_WINDOW:
            found.append((other.pk, round(score, 1), "similar_name"))
    return sorted(found)


def blocked(case) -> list[tuple[int, float, str]]:
    return sorted((s["case"].pk, s["score"], s["reason"]) for s in duplicates.suggestions(case, Case.objects.all()))


FIRST = ["Budi", "Siti", "Agus", "Dewi", "Rudi", "Sri", "Andi", "Nur", "Hendra", "Rina", "Yusuf", "Wahyu"]
LAST = ["Santoso", "Aminah", "Hidayat", "Lestari", "Saputra", "Rahmawati", "Kurniawan", "Wulandari",
        "Setiawan", "Pratama", "Nugroho", "Handayani"]
TITLES = ["", "", "Bapak ", "Ibu ", "H. ", "Dr. "]
DEGREES = ["", "", ", S.Pd", ", S.Sos", ", M.Si", ", S.H."]


def test_blocked_suggestions_equal_the_brute_force_on_random_cases(make_report, people):
    rng = random.Random(14)
    nips = [f"1980010120050110{n:02d}" for n in range(20)]
    cases = []
    for _ in range(200):
        name = f"{rng.choice(TITLES)}{rng.choice(FIRST)} {rng.choice(LAST)}{rng.choice(DEGREES)}"
        conduct = dt.date(2024, 8, 1) + dt.timedelta(days=rng.randrange(90))
        nip = rng.choice(nips) if rng.random() < 0.2 else ""
        cases.append(make_report(subject=name, nip=nip, conduct=conduct.isoformat(),
                                 received=(conduct + dt.timedelta(days=1)).isoformat()).case)
    for case in rng.sample(cases, 30):
        services.start_verification(case, people["verifier"], at=at("2024-11-05"))
    for case in rng.sample(cases, 20):
        case.refresh_from_db()
        if case.status == CaseStatus.VERIFICATION:
            services.dismiss(case, people["verifier"], CaseStatus.REJECTED, reason="Bukan ASN", at=at("2024-11-06"))
    suggested = 0
    for case in Case.objects.all():
        expected = brute_force(case)
        assert blocked(case) == expected, case.subject_name
        suggested += len(expected)
    assert suggested > 50  # the set has real duplicates to find


def test_a_common_token_alone_does_not_pull_in_unrelated_cases(make_report):
    for n in range(duplicates.COMMON_TOKEN + 1):
        make_report(subject=f"Muhammad {LAST[n % len(LAST)]}{'x' * (n // len(LAST))}")
    case = make_report(subject="Muhammad Zulkarnain").case
    assert {row["case_id"] for row in duplicates._blocked(case)} == {case.pk}  # only its own keys
    assert duplicates.suggestions(case, Case.objects.all()) == []


def test_a_case_leaving_verification_is_no_longer_suggested(make_report, workflow):
    first, second = make_report().case, make_report().case
    assert [s["case"] for s in duplicates.suggestions(first, Case.objects.all())] == [second]
    workflow(second, "bawaslu_review")
    assert duplicates.suggestions(first, Case.objects.all()) == []


def test_upgrade_migration_gives_open_cases_the_keys_intake_would(make_report, employee, workflow):
    """Cases opened before the keys existed get them at `migrate`, the same as services write them."""
    import importlib

    from django.apps import apps as django_apps

    migration = importlib.import_module("netra.cases.migrations.0007_case_match_keys")
    open_case = make_report(subject="Hj. Siti Aminah, S.Pd", nip=employee.nip).case
    plain = make_report(subject="Pak Budi").case
    closed = make_report(subject="Budi Santoso").case
    workflow(closed, "bawaslu_review")
    expected = {case.pk: stored(case) for case in (open_case, plain, closed)}
    CaseMatchKey.objects.all().delete()  # as before the upgrade
    migration.keys_for_open_cases(django_apps, None)
    assert {case.pk: stored(case) for case in (open_case, plain, closed)} == expected
    assert expected[closed.pk] == set() and expected[open_case.pk]


def swept() -> dict[int, list[tuple[int, float, str]]]:
    return {case_id: sorted((s["case"]["id"], s["score"], s["reason"]) for s in found)
            for case_id, found in duplicates.sweep(block_size=7).items()}


def test_the_sweep_finds_the_same_pairs_as_the_one_case_suggestions(make_report, people, employee):
    """Random names, NIPs, dates and statuses; a small block size so the blocks and the date window
    cross many times; a token made common in part of the period so the rarity rule is exercised."""
    rng = random.Random(7)
    nips = [f"1980010120050110{n:02d}" for n in range(20)]
    cases = []
    for n in range(160):
        name = f"{rng.choice(TITLES)}{rng.choice(FIRST)} {rng.choice(LAST)}{rng.choice(DEGREES)}"
        if n % 5 == 0:
            # "muhammad" is the only token shared by "Muhammad Santoso" and "Muhammad Santosoh": held by
            # about COMMON_TOKEN cases in a window, it is rare for some of them and common for others.
            name = f"Muhammad {rng.choice(LAST)}{rng.choice(['', 'h', 'a'])}"
        conduct = dt.date(2024, 8, 1) + dt.timedelta(days=rng.randrange(120 if n % 5 else 40))
        nip = rng.choice(nips) if rng.random() < 0.2 else ""
        cases.append(make_report(subject=name, nip=nip, conduct=conduct.isoformat(),
                                 received=(conduct + dt.timedelta(days=1)).isoformat()).case)
    for case in rng.sample(cases, 30):
        services.start_verification(case, people["verifier"], at=at("2024-12-05"))
    for case in rng.sample(cases, 20):
        case.refresh_from_db()
        if case.status == CaseStatus.VERIFICATION:
            if rng.random() < 0.5:
                services.link_employee(case, people["verifier"], employee, at=at("2024-12-05", 11))
            else:
                services.dismiss(case, people["verifier"], CaseStatus.REJECTED, reason="Bukan ASN",
                                 at=at("2024-12-06"))
    one_by_one = {case.pk: blocked(case) for case in Case.objects.all()}
    assert swept() == {pk: found for pk, found in one_by_one.items() if found}
    assert sum(map(len, one_by_one.values())) > 50


def test_a_case_that_left_verification_is_not_swept(make_report, workflow):
    staying, leaving, third = (make_report(subject="Budi Santoso").case for _ in range(3))
    assert set(swept()) == {staying.pk, leaving.pk, third.pk}
    workflow(leaving, "bawaslu_review")
    found = swept()
    assert set(found) == {staying.pk, third.pk}
    assert leaving.pk not in {pk for pairs in found.values() for pk, _, _ in pairs}


def test_suggest_duplicates_rebuild_restores_keys_deleted_by_raw_sql(make_report, employee, workflow, tmp_path):
    import csv
    import io

    from django.core.management import call_command
    from django.db import connection

    first = make_report(subject="Siti Aminah", nip=employee.nip).case
    second = make_report(subject="IBU SITI AMINAH", conduct="2024-10-08").case
    third = make_report(subject="Budi Santoso", nip=employee.nip, conduct="2024-03-01").case
    closed = make_report(subject="Siti Aminah").case
    workflow(closed, "bawaslu_review")
    expected = set(CaseMatchKey.objects.values_list("case_id", "kind", "value", "conduct_date"))
    assert {row[0] for row in expected} == {first.pk, second.pk, third.pk}
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_casematchkey")  # as a raw-SQL repair or a bulk load leaves it
    assert duplicates.sweep() == {}

    out = io.StringIO()
    pairs = tmp_path / "pairs.csv"
    call_command("suggest_duplicates", "--rebuild", "--csv", str(pairs), stdout=out)
    assert set(CaseMatchKey.objects.values_list("case_id", "kind", "value", "conduct_date")) == expected
    assert "Rebuilt blocking keys: " in out.getvalue()
    assert "Swept 3 mergeable cases" in out.getvalue()
    assert "3 have suggestions, 2 pairs to review (1 same employee/NIP, 1 similar name" in out.getvalue()
    with open(pairs, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2 and {(frozenset((r["case"], r["duplicate"])), r["reason"]) for r in rows} == {
        (frozenset((first.code, third.code)), "same_employee"), (frozenset((first.code, second.code)), "similar_name")}

    # An existing file is refused before anything runs.
    from django.core.management.base import CommandError
    with pytest.raises(CommandError, match="already exists"):
        call_command("suggest_duplicates", "--csv", str(pairs), stdout=io.StringIO())


@pytest.mark.parametrize("a, b", [("Budi Santoso, S.Pd", "santoso budi"), ("IBU SITI AMINAH", "Siti Aminah"),
                                  ("Dr. H. Agus Salim, M.Si", "Agus Salim")])
def test_titles_and_degrees_do_not_lower_the_name_score(make_report, a, b):
    first = make_report(subject=a).case
    second = make_report(subject=b).case
    assert duplicates.name_score(a, b) == 100
    assert [(s["case"], s["reason"]) for s in duplicates.suggestions(first, Case.objects.all())] == [
        (second, "similar_name")]
