import pytest

from netra.screening.lexicon import Lexicon
from netra.screening.violation import violation_form

LEX = Lexicon.load()

# (target, determination date, day before)
BOUNDARIES = [
    ("02", "2023-11-13", "2023-11-12"),
    ("pdip", "2023-11-03", "2023-11-02"),
    ("kaltim-2024-1", "2024-09-22", "2024-09-21"),
    ("jokowi-2019", "2018-09-20", "2018-09-19"),
    ("kaltim-2018-isran-hadi", "2018-02-12", "2018-02-11"),
]
ACTIONS = [("post", "E2", "D2"), ("caption", "E2", "D2"), ("share", "E4", "D6"), ("like", "E4", "D6"),
           ("comment", "E4", "D6"), ("follow", "E4", "D6"), ("photo_gesture", "E5", "D7")]


@pytest.mark.parametrize(("target", "cutoff", "before"), BOUNDARIES)
@pytest.mark.parametrize(("action", "ethics", "discipline"), ACTIONS)
def test_form_flips_on_the_determination_date(target, cutoff, before, action, ethics, discipline):
    assert violation_form(LEX, [target], action, before).form == ethics
    assert violation_form(LEX, [target], action, cutoff).form == discipline


def test_pilkada_2020_date_is_in_the_data():
    assert LEX.contests["pilwali-6472-2020"]["candidate_determination_date"] == "2020-09-23"


def test_unknown_date_gives_no_form_but_a_note():
    v = violation_form(LEX, ["01"], "share", None)
    assert v.form is None
    assert v.candidates == ("E4", "D6")
    assert "2023-11-13" in v.note


def test_default_action_is_post():
    assert violation_form(LEX, ["03"], None, "2024-01-01").form == "D2"


def test_unknown_target_uses_the_contest_in_season():
    assert violation_form(LEX, ["other"], "like", "2024-10-01").form == "D6"


def test_pemilu_2019_legislative_form_flips_on_its_own_candidate_list_date():
    """A 2019 party post is judged against the DCT of 20 Sep 2018, not the 2024 contest's dates."""
    contest = "pileg-2019"
    assert violation_form(LEX, ["psi"], "share", "2018-09-19", contest).form == "E4"
    assert violation_form(LEX, ["psi"], "share", "2018-09-20", contest).form == "D6"
