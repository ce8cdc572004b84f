"""Cue matching never fails silently, and names the right target (issue 15 item 1).

`test_lexicon_entries.py` checks that every entry is *found*; this file checks, for every entry of
the one contest source (names, nicknames, short pair names, hashtags, slogans, gestures, a party with
its 2019 and 2024 ballot number), that a post carrying it in an ordinary sentence gets the entry's
contestant as a *target* when posted in that contest's season: at the start, in the middle and at
the end of the sentence, with punctuation, emoji, quotes, mixed casing, as a hashtag and with a
trailing "!!". A cue found but read for the wrong contestant is a silent failure too: the verifier
would see the wrong name and the violation form of the wrong contest.
"""

import re
from datetime import date, timedelta

import pytest

from netra.screening import Lexicon, normalize

LEX = Lexicon.load()

# {x}: the entry. Each frame has an electoral word so that cues which need context count.
FRAMES = (
    "{x} pilihan saya di pemilu nanti 🔥",  # start
    "Pemilu nanti saya dukung “{x}” sepenuh hati 👍",  # middle, typographic quotes
    "Pilkada sudah dekat, jangan lupa coblos '{x}'.",  # end, straight quotes, full stop
    "Jangan lupa ke TPS: {x}!!",  # end, trailing !!
    "kampanye akbar hari ini ({x}) 💯🙏",  # brackets and emoji
    "PEMILU: {x}, MANTAP",  # capitals around it
    "Ke TPS ya, pilih {x}🔥 demi masa depan",  # emoji glued to the entry
)
KINDS = ("names", "nicknames", "hashtags", "slogans", "gestures")


def _mixed_case(text: str) -> str:
    """"prabowo gibran" -> "PrAbOwO GiBrAn": casing a normaliser must not care about."""
    return "".join(ch.upper() if i % 2 == 0 else ch.lower() for i, ch in enumerate(text))


def _hashtag(text: str) -> str:
    """The entry as people tag it: words glued in Title Case, no apostrophes ("#RahmadMasud")."""
    words = re.split(r"[^\w]+|_", text.replace("'", "").replace("\u2019", ""))
    return "#" + "".join(w[:1].upper() + w[1:] for w in words if w)


def _variants(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), _mixed_case(text), _hashtag(text)]


def _season_day(cid: str) -> date:
    """A day inside the contest's campaign: ten days before its vote."""
    return date.fromisoformat(str(LEX.contests[cid]["election_date"])[:10]) - timedelta(days=10)


def _entries():
    for contest in LEX.data["contests"]:
        for person in contest["contestants"]:
            for fname in KINDS:
                for entry in person.get(fname) or []:
                    text = entry if isinstance(entry, str) else entry["text"]
                    yield contest["id"], person["key"], fname, text


ENTRIES = list(_entries())


def _owners(text: str, cid: str) -> set[str]:
    """Contestants of `cid` that list this very phrase (a name shared inside one race is ambiguous)."""
    from netra.screening.normalize import normalize_phrase

    phrase = normalize_phrase(text)
    return {c.key for c in LEX._by_phrase.get(phrase, []) if c.contest == cid}


def _targets(post: str, day: date) -> list[str]:
    return LEX.match(normalize(post), day).targets(LEX)


def test_there_are_entries_of_every_kind():
    kinds = {fname for _cid, _key, fname, _text in ENTRIES}
    assert kinds == set(KINDS)
    assert len(ENTRIES) > 400


@pytest.mark.parametrize("frame", FRAMES)
def test_every_entry_names_its_contestant(frame):
    wrong = []
    for cid, key, _fname, text in ENTRIES:
        owners = _owners(text, cid)
        day = _season_day(cid)
        for variant in _variants(text):
            post = frame.format(x=variant)
            targets = _targets(post, day)
            if key not in targets and not (len(owners) > 1 and owners & set(targets)):
                wrong.append((cid, key, post, targets))
    assert not wrong, f"{len(wrong)} posts without the right target, e.g. {wrong[:6]}"


@pytest.mark.parametrize("year", ["2019", "2024"])
def test_every_party_with_its_ballot_number_names_the_party(year):
    wrong = []
    for contest in LEX.data["contests"]:
        if contest.get("kind") != "legislative" and not contest["id"].startswith("pileg"):
            continue
        if not str(contest["election_date"]).startswith(year):
            continue
        day = _season_day(contest["id"])
        for person in contest["contestants"]:
            n = int(person["number"])
            for entry in person.get("names", []) + person.get("nicknames", []):
                name = entry if isinstance(entry, str) else entry["text"]
                for post in (f"{name} nomor {n} pilihan keluarga kami 🙏",
                             f"Jangan lupa ya, coblos {name.upper()} no. {n}!!",
                             f"Tanggal 14 nanti: “{_mixed_case(name)} nomor urut {n}” 💪",
                             f"Pokoknya {name} {n:02d}!!"):
                    targets = _targets(post, day)
                    if person["key"] not in targets:
                        wrong.append((contest["id"], person["key"], post, targets))
    assert not wrong, f"{len(wrong)} party posts without the party as target, e.g. {wrong[:6]}"


def test_a_pair_number_in_its_season_names_that_pair_when_the_pair_is_named():
    wrong = []
    for contest in LEX.data["contests"]:
        day = _season_day(contest["id"])
        for person in contest["contestants"]:
            if person.get("kind") == "party" or not person.get("number") or not person.get("names"):
                continue
            n = int(person["number"])
            name = person["names"][0] if isinstance(person["names"][0], str) else person["names"][0]["text"]
            post = f"Ayo coblos nomor {n}, {name}!!"
            if person["key"] not in _targets(post, day):
                wrong.append((contest["id"], person["key"], post))
    assert not wrong, f"{len(wrong)} numbers read for another pair, e.g. {wrong[:6]}"


def test_a_voting_hashtag_with_a_party_or_a_pair_number_names_it():
    wrong = []
    for contest in LEX.data["contests"]:
        day = _season_day(contest["id"])
        for person in contest["contestants"]:
            if not person.get("number") or not person.get("names"):
                continue
            n = int(person["number"])
            first = person["names"][0] if isinstance(person["names"][0], str) else person["names"][0]["text"]
            if person.get("kind") == "party":
                posts = [f"Tanggal 14 ke TPS! {_hashtag('coblos ' + first)} 🙏", f"{_hashtag(first + ' ' + str(n))}!!"]
            else:
                posts = [f"Ayo ke TPS {_hashtag('coblos ' + first)}!!", f"{first} {_hashtag(f'coblos {n:02d}')}!!"]
            for post in posts:
                if person["key"] not in _targets(post, day):
                    wrong.append((contest["id"], person["key"], post, _targets(post, day)))
    assert not wrong, f"{len(wrong)} voting hashtags without the right target, e.g. {wrong[:6]}"


def _colours():
    for contest in LEX.data["contests"]:
        for person in contest["contestants"]:
            for entry in person.get("colours") or []:
                yield contest["id"], person["key"], entry if isinstance(entry, str) else entry["text"]


def test_a_campaign_colour_names_its_contestant_next_to_a_voting_word():
    colours = list(_colours())
    assert len(colours) >= 8
    wrong = []
    for cid, key, colour in colours:
        # A colour shared by races voted the same day (white: Isran-Hadi and Rahmad-Bagus on 27 November
        # 2024) may name either; it must name one of them, never a contestant of another colour.
        day = LEX.contests[cid]["election_date"]
        owners = {k for c, k, t in colours if LEX.contests[c]["election_date"] == day and t == colour}
        for post in (f"Besok ke TPS pakai baju {colour} ya, paham kan 😉",
                     f"Di bilik suara nanti ingat yang {colour.upper()}!!", f"Nyoblos yang {_mixed_case(colour)} aja"):
            targets = _targets(post, _season_day(cid))
            if not owners & set(targets):
                wrong.append((cid, key, post, targets))
    assert not wrong, f"{len(wrong)} colours without the right target, e.g. {wrong[:6]}"


def test_a_colour_without_a_voting_word_is_no_cue():
    for _cid, _key, colour in _colours():
        for post in (f"Seragam arisan warna {colour} ya ibu-ibu", f"Pak bupati pakai batik {colour} di upacara",
                     f"Cat rumah {colour} bagus juga, partai tetangga sebelah"):
            match = LEX.match(normalize(post))
            assert not any(h.counted and h.base.kind == "colour" for h in match.hits), post
