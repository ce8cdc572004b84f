"""One source for contests (issue 9 item 3): the rules' Contest rows and the screener's lexicon
share contest codes and dates, the E/D rule is coded once, and an admin's lexicon entry reaches the
monitoring flags and the self-check alike."""

import datetime as dt
import json
from importlib import resources

import pytest

from netra.learning import selfcheck
from netra.monitoring import services as monitoring
from netra.monitoring.models import LexiconEntry
from netra.rules.models import Contest, ViolationType
from netra.rules.services import classify
from netra.screening import Lexicon, violation_form
from netra.screening.contests import contest_rows

DAY = dt.timedelta(days=1)


def test_the_lexicon_file_writes_no_contest_dates_and_uses_calendar_codes():
    raw = json.loads(resources.files("netra.screening.data").joinpath("lexicon.json").read_text(encoding="utf-8"))
    codes = set(contest_rows())
    for contest in raw["contests"]:
        assert contest["id"] in codes, contest["id"]
        assert not {"candidate_determination_date", "election_date", "season"} & set(contest), contest["id"]
    for table in raw["mock_target_keys"].values():
        assert set(table) <= codes


@pytest.mark.django_db
def test_rules_contests_and_lexicon_contests_agree(reference):
    lexicon = Lexicon.load()
    rows = {c.code: c for c in Contest.objects.all()}
    shared = set(rows) & set(lexicon.contests)
    # every contest of the lexicon is a Contest row, except races outside the registry's regions
    outside = {cid for cid in lexicon.contests if cid not in rows}
    assert all(contest_rows()[cid]["region"] not in {"64", None} and not contest_rows()[cid]["region"].startswith("64")
               for cid in outside), outside
    assert len(shared) >= 25
    for code in shared:
        row, lex = rows[code], lexicon.contests[code]
        assert row.candidate_determination_date.isoformat() == lex["candidate_determination_date"], code
        assert row.voting_date.isoformat() == lex["election_date"], code


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["E2", "E4", "E5", "E1", "E3"])
def test_the_e_d_rule_gives_the_same_form_in_rules_and_screener(reference, form):
    lexicon = Lexicon.load()
    action = {"E2": "post", "E4": "share", "E5": "photo_gesture", "E1": "banner", "E3": "attend"}[form]
    violation = ViolationType.objects.get(code=form)
    for contest in Contest.objects.all():
        cut = contest.candidate_determination_date
        for day in (cut - DAY, cut, cut + DAY):
            rules_form = classify(violation, day, contest).code
            screen_form = violation_form(lexicon, [], action, day, contest.code).form
            assert rules_form == screen_form, (contest.code, day, rules_form, screen_form)


PEMILU_2029 = {
    "contests": [{
        "id": "pilpres-2029", "name": "Pemilu 2029: presiden dan wakil presiden", "kind": "presidential",
        "priority": 12, "election_date": "2029-02-14", "candidate_determination_date": "2028-11-13",
        "season": {"from": "2027-10-01", "to": "2029-10-20"},
        "contestants": [{"key": "pilpres-2029-1", "number": "1", "names": ["Sukma Wirabuana"],
                         "hashtags": ["#SukmaPresiden2029"]}],
    }],
}


@pytest.mark.django_db
def test_an_admin_lexicon_entry_reaches_flags_and_self_check(reference):
    LexiconEntry.objects.create(name="Pemilu 2029", entry=PEMILU_2029)
    selfcheck.set_screener(None)
    selfcheck._screener_failed_at = None
    try:
        text = "Bismillah, 2029 coblos Sukma Wirabuana jadi presiden! #SukmaPresiden2029"
        flags = monitoring.get_screener().screen(text, posted_at="2028-12-01").to_dict()
        checked = selfcheck.screen_text(text, "post", dt.date(2028, 12, 1))
        assert checked["available"]
        for data in (flags, checked):
            assert data["label"] == "partisan"
            assert data["targets"] == ["pilpres-2029-1"]
            assert data["contest"] == "pilpres-2029" and data["violation"] == "D2"
        assert "/lex" in checked["model_version"] and checked["model_version"] == flags["model_version"]
    finally:
        selfcheck.set_screener(None)
