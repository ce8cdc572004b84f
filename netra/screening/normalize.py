"""Normalisation of Indonesian social-media text, with a way back to the original characters.

Why a custom normaliser: posts mix slang ("gk", "yg"), stretched letters ("bangeeet"), leetspeak
("g4nj4r"), hashtags that glue words together (#AMINAjaDulu) and emoji that are themselves partisan
symbols (a V sign is "salam dua jari", the gesture of ballot number 2). The model and the lexicon
both work on the normalised token stream, but a verifier must see the evidence in the text the civil
servant actually posted, so every normalised token remembers the span of the original string it came
from. Normalisation is per token and cached, because screening a million posts must stay fast.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

URL_TOKEN = "xurl"
MENTION_TOKEN = "xmention"

_EMOJI_CLASS = (
    "\U0001f000-\U0001faff\u2600-\u27bf\u2300-\u23ff\u2b00-\u2bff\u3030\u303d\u3297\u3299"
)
_TOKEN_RE = re.compile(
    r"(?P<url>(?:https?://|www\.)\S+)"
    r"|(?P<mention>@\w+)"
    r"|(?P<hashtag>#\w+)"
    r"|(?P<keycap>[0-9]\ufe0f?\u20e3)"
    r"|(?P<flag>[\U0001f1e6-\U0001f1ff]{2})"
    r"|(?P<word>[^\W_]+(?:['\u2019`][^\W_]+)*)"
    rf"|(?P<emoji>[{_EMOJI_CLASS}][\ufe0f\u200d\U0001f3fb-\U0001f3ff]*)"
)
_APOSTROPHES = re.compile(r"['\u2019`]")
_TRIPLE = re.compile(r"(\w)\1{2,}")
_DOUBLE = re.compile(r"(\w)\1+")
_ALPHA_DIGIT = re.compile(r"[^\W\d_]+|\d+")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\W\d_]+")
_LEET = {"4": "a", "3": "e", "1": "i", "0": "o"}
_REDUP = re.compile(r"^([^\W\d_]{3,})2$")
# Words after which a digit is a number, not a reduplication marker ("coblos2" is "coblos 2").
_NUMBER_HEADS = {"coblos", "nomor", "paslon", "salam", "nyoblos", "pilih", "urut", "capres", "jari", "partai"}


def _load_json(name: str) -> dict:
    return json.loads(resources.files("netra.screening.data").joinpath(name).read_text(encoding="utf-8"))


_WORD_CHARS = re.compile(r"[^\W\d_]+")


def _lexicon_words() -> set[str]:
    """Every word of the shipped lexicon's names, nicknames and slogans ("suryadi", "berkarya").

    Why: the segmenter keeps a piece whole only when it knows the word, so "#CoblosDendiSuryadi"
    became "dendi surya di" and the candidate was lost (issue 15 item 1). Read as plain data: the
    lexicon module imports this one, not the other way round.
    """
    data = _load_json("lexicon.json")
    words: set[str] = set()
    for contest in data.get("contests", []):
        for person in contest.get("contestants", []):
            for fname in ("names", "nicknames", "slogans"):
                for entry in person.get(fname) or []:
                    text = entry if isinstance(entry, str) else entry.get("text", "")
                    words.update(w for w in _WORD_CHARS.findall(_APOSTROPHES.sub("", text.lower())) if len(w) >= 3)
    return words


@lru_cache(maxsize=1)
def _resources() -> tuple[dict[str, str], dict[str, str], dict[str, float], int]:
    """Slang map, emoji map, word costs for segmentation, longest known word."""
    slang = _load_json("slang.json")["map"]
    emoji = {k.replace("\ufe0f", ""): v for k, v in _load_json("emoji.json")["map"].items()}
    counts: dict[str, int] = {}
    text = resources.files("netra.screening.data").joinpath("wordfreq.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, count = line.partition("\t")
            counts[word] = int(count or 1)
    for value in slang.values():
        for w in value.split():
            counts.setdefault(w, 5)
    for w in _lexicon_words():
        counts.setdefault(w, 20)
    total = sum(counts.values()) or 1
    # Zipf-like cost: frequent words are cheap, so "ganjarsalam" splits into "ganjar salam".
    costs = {w: math.log(total / c) for w, c in counts.items() if len(w) > 1 or w in {"a", "i"}}
    longest = max((len(w) for w in costs), default=1)
    return slang, emoji, costs, longest


def known_word(word: str) -> bool:
    """True when the word is in the shipped vocabulary or is a slang target."""
    return word in _resources()[2]


# Glued strings longer than this are left whole: no real hashtag is that long, and the dynamic
# programme costs `len × longest word` steps, which a hostile 1 MB "hashtag" would turn into seconds.
SEGMENT_MAX_CHARS = 100


def segment(word: str) -> list[tuple[int, int]]:
    """Split a glued lowercase string into known words; return (start, end) pieces.

    Why: lowercase hashtags such as "#ganjarsalam3jari" hide the cue words. Uses a small
    dynamic programme over word costs; keeps the string whole when no split is clearly better.
    """
    _, _, costs, longest = _resources()
    n = len(word)
    if n < 6 or n > SEGMENT_MAX_CHARS or word in costs:
        return [(0, n)]
    unknown = 12.0
    best = [0.0] + [math.inf] * n
    back = [0] * (n + 1)
    for i in range(1, n + 1):
        for j in range(max(0, i - longest), i):
            piece = word[j:i]
            cost = costs.get(piece)
            if cost is None:
                cost = unknown + 2.0 * len(piece)
            if best[j] + cost < best[i]:
                best[i] = best[j] + cost
                back[i] = j
    pieces = []
    i = n
    while i > 0:
        pieces.append((back[i], i))
        i = back[i]
    pieces.reverse()
    if any(word[a:b] not in costs for a, b in pieces):
        return [(0, n)]
    return pieces


def _collapse(word: str) -> str:
    """Undo stretched letters: try two-letter then one-letter runs against the vocabulary.

    Two first, because "aaamiiin" must become the prayer word "aamiin", not the pair acronym "amin".
    """
    if len(word) <= 3 or not _TRIPLE.search(word):  # "ppp" is the party, not a stretched "p"
        return word
    slang, _, costs, _ = _resources()
    two = _TRIPLE.sub(r"\1\1", word)
    if two in slang or two in costs:
        return two
    one = _DOUBLE.sub(r"\1", word)
    if one in slang or one in costs:
        return one
    return two


def _letters_only(word: str) -> list[str]:
    slang = _resources()[0]
    word = _collapse(word)
    return slang.get(word, word).split()


@lru_cache(maxsize=200_000)
def _norm_word(raw: str) -> tuple[tuple[str, int, int], ...]:
    """Normalise one word token; return (text, rel_start, rel_end) pieces relative to the token."""
    n = len(raw)
    word = _APOSTROPHES.sub("", raw.lower()) if ("'" in raw or "\u2019" in raw or "`" in raw) else raw.lower()
    if word.isdigit():
        return ((word, 0, n),)
    if word.isalpha():
        return tuple((p, 0, n) for p in _letters_only(word))
    # Mixed letters and digits.
    m = _REDUP.match(word)
    if m and m.group(1) not in _NUMBER_HEADS:
        stem = _letters_only(m.group(1))
        return tuple((p, 0, n) for p in stem + stem)
    runs = _ALPHA_DIGIT.findall(word)
    digit_runs = [r for r in runs if r.isdigit()]
    if all(len(r) == 1 and r in _LEET for r in digit_runs) and sum(c.isalpha() for c in word) >= 2:
        leet = "".join(_LEET.get(c, c) for c in word)
        interior = word[0].isalpha() and word[-1].isalpha()
        if interior or known_word(_collapse(leet)) or leet in _resources()[0]:
            return tuple((p, 0, n) for p in _letters_only(leet))
    # Keep real numbers ("02", "2024") and split them from the letters around them.
    if len(raw) != len(word):  # apostrophes removed: offsets no longer line up, map to whole token
        return tuple((p, 0, n) for r in runs for p in (_letters_only(r) if r.isalpha() else [r]))
    out: list[tuple[str, int, int]] = []
    for m in _ALPHA_DIGIT.finditer(word):
        r = m.group()
        pieces = _letters_only(r) if r.isalpha() else [r]
        out.extend((p, m.start(), m.end()) for p in pieces)
    return tuple(out)


def _erratic_case(parts: list[re.Match]) -> bool:
    """True when camelCase splitting cut a hashtag into mostly one- and two-letter pieces."""
    alpha = [m.group() for m in parts if m.group().isalpha()]
    return len(alpha) >= 3 and 2 * sum(len(a) <= 2 for a in alpha) > len(alpha)


@lru_cache(maxsize=100_000)
def _norm_hashtag(tag: str) -> tuple[tuple[str, int, int], ...]:
    """Split a hashtag body into words (camelCase, digits, then known-word segmentation)."""
    slang = _resources()[0]
    out: list[tuple[str, int, int]] = []
    parts = list(_CAMEL.finditer(tag))
    if _erratic_case(parts):
        # "#aMiNaJaDuLu": the case changes carry no word boundaries; split letters from digits only
        # and leave the words to the segmenter, as for an all-lowercase tag (issue 15 item 1).
        parts = list(_ALPHA_DIGIT.finditer(tag))
    for m in parts:
        part = m.group().lower()
        base = m.start()
        if part.isdigit():
            out.append((part, base, m.end()))
            continue
        for a, b in segment(part) if part.isalpha() else [(0, len(part))]:
            piece = part[a:b]
            for p in slang.get(piece, piece).split():
                out.append((p, base + a, base + b))
    return tuple(out)


@dataclass(slots=True)
class Normalized:
    """Normalised tokens of one post and the original span each token came from.

    `text` is the tokens joined by single spaces; `original_span` maps any [start, end) range of
    `text` back to the original string, so evidence can be shown exactly as posted.
    """

    original: str
    tokens: list[str]
    starts: list[int]
    ends: list[int]
    mentions: list[tuple[str, int, int]] = field(default_factory=list)
    hashtags: list[tuple[str, int, int]] = field(default_factory=list)
    _text: str | None = None
    _offsets: list[int] | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join(self.tokens)
        return self._text

    def token_offsets(self) -> list[int]:
        """Start offset of every token inside `text`."""
        if self._offsets is None:
            offsets, pos = [], 0
            for tok in self.tokens:
                offsets.append(pos)
                pos += len(tok) + 1
            self._offsets = offsets
        return self._offsets

    def token_span(self, first: int, last: int) -> tuple[int, int]:
        """Original [start, end) covering tokens first..last (inclusive)."""
        return self.starts[first], max(self.ends[first : last + 1])

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) for the normalised character range [start, end) of `text`."""
        if not self.tokens or end <= start:
            return 0, 0
        offsets = self.token_offsets()
        first = max(0, bisect_right(offsets, start) - 1)
        last = max(first, bisect_right(offsets, end - 1) - 1)
        return self.token_span(first, last)


def normalize(text: str) -> Normalized:
    """Normalise a post into tokens that remember their original character spans."""
    emoji_map = _resources()[1]
    tokens: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    mentions: list[tuple[str, int, int]] = []
    hashtags: list[tuple[str, int, int]] = []
    add_tok, add_start, add_end = tokens.append, starts.append, ends.append
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup
        s, e = m.span()
        if kind == "word":
            for piece, a, b in _norm_word(m.group()):
                add_tok(piece)
                add_start(s + a)
                add_end(s + b)
        elif kind == "hashtag":
            hashtags.append((m.group()[1:].lower(), s, e))
            for piece, a, b in _norm_hashtag(m.group()[1:]):
                add_tok(piece)
                add_start(s + 1 + a)
                add_end(s + 1 + b)
        elif kind == "mention":
            mentions.append((m.group()[1:].lower(), s, e))
            add_tok(MENTION_TOKEN)
            add_start(s)
            add_end(e)
        elif kind == "url":
            add_tok(URL_TOKEN)
            add_start(s)
            add_end(e)
        elif kind == "keycap":
            add_tok(m.group()[0])
            add_start(s)
            add_end(e)
        else:  # emoji or flag
            key = m.group()
            phrase = emoji_map.get(key) or emoji_map.get(key.replace("\ufe0f", "").replace("\u200d", "")[:1])
            if phrase is None:
                base = key.rstrip("\ufe0f\u200d\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff")
                phrase = emoji_map.get(base)
            if phrase:
                for piece in phrase.split():
                    add_tok(piece)
                    add_start(s)
                    add_end(e)
    return Normalized(text, tokens, starts, ends, mentions, hashtags)


_PLAIN_DROP = re.compile(r"(?:https?://|www\.)\S+|@\w+")
_PLAIN_KEEP = re.compile(r"[^\W\d_]+")


def plain_copy(text: str) -> str:
    """The post as some exports publish it: lowercased, only letters (no URLs, handles, digits,
    punctuation, emoji).

    Why: one training source (`pilpres2024-candidates-tweets`) comes in this form and the others
    do not, so a model trained on the texts alone learns "no capitals, no punctuation" as a trait of
    that source's label mix. Training on a plain copy of every post next to the post itself teaches
    the same decision for both forms, which is what exports of other platforms need.
    """
    return " ".join(_PLAIN_KEEP.findall(_PLAIN_DROP.sub(" ", text.lower())))


def normalize_phrase(phrase: str) -> tuple[str, ...]:
    """Normalise a lexicon phrase exactly like a post, so both sides compare equal."""
    return tuple(normalize(phrase).tokens)
