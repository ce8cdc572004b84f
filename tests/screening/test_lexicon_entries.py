"""Cue matching never fails silently (issue 15 item 1).

Every lexicon entry (name, nickname, party, slogan, hashtag, gesture, party with its ballot number,
mock term) must be found inside ordinary sentences: with punctuation, quotes, brackets and emoji
around it, in capitals, Title Case, with a typographic apostrophe or a hyphen instead of a space,
and hashtags glued without spaces. In an electoral frame it must also *count* as evidence.
"""

import pytest

from netra.screening import Lexicon, normalize
from netra.screening.lexicon import KIND_OF_FIELD

LEX = Lexicon.load()

# {x}: the entry as written or varied; every frame has an electoral word so context cues count too.
FRAMES = [
    "Pemilu nanti saya pilih {x}, mantap! 🔥",
    "Kampanye “{x}” 👍👍 jangan lupa coblos",
    "(paslon: {x})",
    "PILKADA: {x}!!! 💯",
    "Jangan lupa coblos {x}... 🙏🙏",
    "Capres {x}?",
    "#Pemilu2024 ayo dukung {x}✌️",
]


def _variants(text: str) -> set[str]:
    return {text, text.upper(), text.lower(), text.title(), text.replace("'", "’"), text.replace(" ", "-")}


def _entries():
    for contest in LEX.data["contests"]:
        for person in contest["contestants"]:
            for fname in KIND_OF_FIELD:
                if fname in ("accounts", "numbers", "colours"):  # colours: test_cue_matching (voting frame)
                    continue
                for entry in person.get(fname) or []:
                    text = entry if isinstance(entry, str) else entry["text"]
                    yield contest["id"], person["key"], fname, text


ENTRIES = list(_entries())


def _hits_for(post: str, key: str, day=None, counted=True):
    match = LEX.match(normalize(post), day)
    return [h for h in match.hits if key in {c.key for c in h.cues} and (h.counted or not counted)]


def test_the_lexicon_has_entries_to_check():
    assert len(ENTRIES) > 400


@pytest.mark.parametrize("frame", FRAMES)
def test_every_entry_is_found_and_counted_in_a_sentence(frame):
    missed = []
    for cid, key, fname, text in ENTRIES:
        for variant in _variants(text):
            post = frame.format(x=variant)
            if not _hits_for(post, key):
                missed.append((cid, key, fname, post))
    assert not missed, f"{len(missed)} cues lost, e.g. {missed[:5]}"


def test_every_hashtag_is_found_glued_in_any_case():
    missed = []
    for cid, key, fname, text in ENTRIES:
        if fname not in ("hashtags", "names"):
            continue
        glued = "#" + "".join(ch for ch in text if ch.isalnum())
        for variant in (glued, glued.upper(), glued.lower()):
            post = f"Semangat pagi! {variant} 🔥🔥"
            if not _hits_for(post, key, counted=False):
                missed.append((cid, key, post))
    assert not missed, f"{len(missed)} glued hashtags lost, e.g. {missed[:5]}"


def test_every_party_with_its_ballot_number_is_a_counted_number_cue():
    missed = []
    for contest in LEX.data["contests"]:
        for person in contest["contestants"]:
            if person.get("kind") != "party" or not person.get("number"):
                continue
            n = int(person["number"])
            for entry in person["names"]:
                name = entry if isinstance(entry, str) else entry["text"]
                for post in (f"Jangan lupa, {name} nomor {n}!", f"{name.upper()} NO URUT {n} 🙏",
                             f"Sudah yakin: {name.title()} nomor urut {n}."):
                    hits = _hits_for(post, person["key"], contest["election_date"])
                    if not any(c.kind == "number" for h in hits for c in h.cues):
                        missed.append((contest["id"], person["key"], post))
    assert not missed, f"{len(missed)} party numbers lost, e.g. {missed[:5]}"


def test_every_pair_number_counts_next_to_a_voting_word():
    missed = []
    for contest in LEX.data["contests"]:
        for person in contest["contestants"]:
            if person.get("kind") == "party" or not person.get("number"):
                continue
            n = int(person["number"])
            for post in (f"Ayo coblos {n:02d}!! ✌️", f"Pilkada: coblos nomor {n}, menang!", f"Paslon {n} 🔥"):
                if not _hits_for(post, person["key"], contest["election_date"]):
                    missed.append((contest["id"], person["key"], post))
    assert not missed, f"{len(missed)} ballot numbers lost, e.g. {missed[:5]}"


def test_every_mock_term_is_found_in_a_sentence():
    missed = []
    for entry in LEX.data["mock_terms"]:
        for variant in _variants(entry["text"]):
            post = f"Pilpres ini dasar {variant}!! 🤣"
            match = LEX.match(normalize(post))
            if not any(h.counted and any(c.kind == "mock" for c in h.cues) for h in match.hits):
                missed.append(post)
    assert not missed, f"{len(missed)} mock terms lost, e.g. {missed[:5]}"


def test_a_party_acronym_of_three_letters_is_not_read_as_stretched():
    assert normalize("PPP nomor 17").tokens[0] == "ppp"
    assert not LEX.match(normalize("Sesuai PP 94 tahun 2021 tentang disiplin PNS")).counted
