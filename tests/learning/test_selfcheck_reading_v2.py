"""Issue 13, errors shown by the blind challenge set v2, fixed by general reading rules (not by adding
the challenge items to the bank): the time phrase "after the vote" is not the act; possessive kin words
(istriku, suamiku); celebrating a win is active support; English finger signs and "go to vote"."""

import pytest

from netra.learning.selfcheck import bank, reading, verdicts


def verdict(text):
    return verdicts.decide(reading.read(text)).verdict


@pytest.mark.parametrize("text", [
    "habis nyoblos blh komentarin postingan cagub ga?",
    "Sesudah pencoblosan, bolehkah saya membagikan unggahan calon wali kota?",
    "after the election, can I like the mayor candidate's post?",
])
def test_after_the_vote_the_act_is_read_not_the_vote(text):
    assert verdict(text) == "forbidden"


def test_after_the_vote_generalises_to_a_reader_that_never_saw_after_vote_questions():
    """The held-out error of the bank split: with the after-vote families held out, "abis nyoblos" made
    the model read the act as voting (allowed). Without the time phrase the act is liking."""
    rows = [r for r in bank.load() if r["kind"] != "after_vote"]
    rdr = reading.Reader(rows)
    for text in ("abis nyoblos boleh like postngan caleg?", "Setelah pemungutan suara, bolehkah saya menyukai "
                 "unggahan calon presiden?"):
        decision = verdicts.decide(rdr.read(text))
        assert decision.verdict == "forbidden", text
        assert "note_after_vote" in decision.notes


def test_voting_itself_after_phrase_stays_allowed():
    assert verdict("Can I go to vote at the TPS near my house?") == "allowed"


@pytest.mark.parametrize("text", [
    "After voting, can I go to the victory party of the candidate?",
    "sesudah pemilu blh ikut syukuran kemenangan caleg?",
])
def test_celebrating_a_win_is_active_support(text):
    assert verdict(text) == "forbidden"


def test_possessive_kin_word_with_non_asn_team_member():
    decision = verdicts.decide(reading.read("suamiku bukan pns, dia blh jd relawan cabup kan?"))
    assert decision.verdict == "allowed" and decision.allowed == ["A9"]


def test_english_finger_number_sign_in_photo():
    assert verdict("Can I take a selfie with the governor candidate showing his number with my fingers?") == "forbidden"


def test_while_the_reader_trains_at_start_the_answer_is_depends_not_allowed(monkeypatch):
    """A web worker must not hang on the start-up training nor say "boleh" meanwhile."""
    from netra.learning import selfcheck

    monkeypatch.setattr(reading, "_reader", None)
    reading._warming.set()
    try:
        answer = selfcheck.check("Bolehkah saya mencoblos di TPS pada hari pemungutan suara?")
    finally:
        reading._warming.clear()
    assert answer.verdict == "depends"
    assert "cuti biasa tidak membuat kampanye menjadi boleh" in answer.explanation


def test_banjar_appeal_to_support_is_never_allowed_even_for_an_unseen_situation():
    """Held-out error after the bank grew: with the family held out, Banjar "maajak kaluarga basar
    mandukung ..." read as encouraging turnout and came out "allowed". "mandukung" is "mendukung"."""
    rdr = reading.Reader([r for r in bank.load() if r["family"] != "gather_neighbourhood"])
    for text in ("kawa kah ulun maajak kaluarga basar mandukung calon bupati?",
                 "Bolehkah saya mengajak tetangga mendukung calon gubernur?"):
        assert verdicts.decide(rdr.read(text)).verdict != "allowed", text


def _fold_reader(family: str) -> reading.Reader:
    """A reader trained as in the benchmark's held-out split (seed 13, 5 folds): without the fold that
    holds `family`, so sibling situations held out with it are unseen too."""
    import random

    rows = bank.load()
    families = sorted({r["family"] for r in rows})
    random.Random(13).shuffle(families)
    fold = {f: i % 5 for i, f in enumerate(families)}
    return reading.Reader([r for r in rows if fold[r["family"]] != fold[family]])


@pytest.mark.parametrize(("family", "text"), [
    ("after_vote_like", "abis nyoblos boleh like postngan caleg?"),
    ("gather_neighbourhood", "kawa kah ulun maajak kaluarga basar mandukung calon gubernur?"),
])
def test_held_out_errors_of_the_benchmark_split_are_not_allowed(family, text):
    assert verdicts.decide(_fold_reader(family).read(text)).verdict == "forbidden"
