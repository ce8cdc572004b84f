import datetime as dt

import pytest

from netra.rules import services, workdays
from netra.rules.models import Contest, ExtraNonWorkingDay, ViolationType

D = dt.date.fromisoformat


@pytest.mark.django_db
def test_working_days_skip_weekends_and_national_holidays():
    # Fri 2024-12-20 + 3 working days: Mon 23, Tue 24, (25 Christmas, 26 cuti bersama) Fri 27.
    assert workdays.add_working_days(D("2024-12-20"), 3) == D("2024-12-27")
    # Pilkada voting day 27 Nov 2024 is a national holiday.
    assert not workdays.is_working_day(D("2024-11-27"))
    # Eid 2024: 8-15 April are holidays or collective leave.
    assert workdays.add_working_days(D("2024-04-05"), 1) == D("2024-04-16")


@pytest.mark.django_db
def test_extra_non_working_day_from_admin_counts():
    assert workdays.add_working_days(D("2024-07-01"), 1) == D("2024-07-02")
    ExtraNonWorkingDay.objects.create(date=D("2024-07-02"), name="Libur daerah")
    assert workdays.add_working_days(D("2024-07-01"), 1) == D("2024-07-03")
    assert workdays.working_days_between(D("2024-07-01"), D("2024-07-05")) == 3


# Boundary dates of regulations §1.2: the day before determination is ethics, the day itself is discipline.
BOUNDARIES = [
    ("pilpres-2024", "2023-11-12", "2023-11-13"),
    ("pileg-2024", "2023-11-02", "2023-11-03"),
    ("pilgub-kaltim-2024", "2024-09-21", "2024-09-22"),
    ("pilwali-6472-2024", "2024-09-21", "2024-09-22"),
]
PAIRS = [("E1", "D1"), ("E2", "D2"), ("E3", "D4"), ("E4", "D6"), ("E5", "D7"), ("D9", "D10")]


@pytest.mark.parametrize(("contest_code", "day_before", "day_of"), BOUNDARIES)
@pytest.mark.parametrize(("before_code", "after_code"), PAIRS)
def test_classification_on_both_sides_of_each_boundary(reference, contest_code, day_before, day_of,
                                                       before_code, after_code):
    contest = Contest.objects.get(code=contest_code)
    for named in (before_code, after_code):  # whichever form the verifier names, the date decides
        violation = ViolationType.objects.get(code=named)
        assert services.classify(violation, D(day_before), contest).code == before_code
        assert services.classify(violation, D(day_of), contest).code == after_code


def test_forms_that_apply_whatever_the_timing_are_unchanged(reference):
    contest = Contest.objects.get(code="pilpres-2024")
    for code in ["E7", "D3", "D5", "D8", "D11", "D12", "D13"]:
        v = ViolationType.objects.get(code=code)
        assert services.classify(v, D("2023-01-01"), contest).code == code
        assert services.classify(v, D("2024-01-01"), contest).code == code


def test_catalogue_is_complete_with_sanctions(reference):
    codes = set(ViolationType.objects.values_list("code", flat=True))
    assert codes == {f"E{i}" for i in range(1, 8)} | {f"D{i}" for i in range(1, 14)}
    assert ViolationType.objects.get(code="D5").default_sanction.code == "ptdh"
    assert ViolationType.objects.get(code="E2").default_sanction.level == "moral"
    assert ViolationType.objects.get(code="D2").default_sanction.level == "heavy"
    assert ViolationType.objects.get(code="D3").default_sanction.level == "moderate"
    assert ViolationType.objects.get(code="D13").default_sanction is None


@pytest.mark.parametrize(("day", "code"), [("2023-12-01", "kasn"), ("2024-08-23", "kasn"),
                                           ("2024-08-24", "bkn"), ("2026-01-05", "bkn")])
def test_recommending_authority_by_date(reference, day, code):
    assert services.authority_on(D(day)).code == code


def test_guess_contest_prefers_the_local_race(reference):
    from netra.registry.models import Region

    assert services.guess_contest(D("2024-10-01"), Region.objects.get(code="64.72")).code == "pilwali-6472-2024"
    assert services.guess_contest(D("2024-01-10")).election == "Pemilu 2024"


def test_current_stage(reference):
    assert [s.kind for s in services.current_stages(D("2024-11-25"))] == ["quiet"]
    assert services.next_stage(D("2024-11-25")).kind == "voting"


def test_contest_guess_is_cached_and_forgotten_when_a_contest_changes(reference, django_assert_max_num_queries):
    from netra.registry.models import Region

    local = Region.objects.get(code="64.72")
    first = services.guess_contest(D("2024-10-01"))
    # At most the cache read itself: one query on the database cache (no Redis), none on Redis.
    with django_assert_max_num_queries(1):
        assert services.guess_contest(D("2024-10-01"), local).code == "pilwali-6472-2024"
    # A new local race with an earlier voting day is seen at once.
    Contest.objects.create(code="uji-6472", name="Uji", election=first.election, kind=first.kind, region=local,
                           candidate_determination_date=D("2024-09-01"), voting_date=D("2024-10-02"))
    assert services.guess_contest(D("2024-10-01"), local).code == "uji-6472"
    Contest.objects.get(code="uji-6472").delete()
    assert services.guess_contest(D("2024-10-01"), local).code == "pilwali-6472-2024"
