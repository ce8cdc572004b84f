"""Election lexicon: contests, contestants and their cues, matched against normalised posts.

Why a data-driven lexicon next to the model: the model learns how partisan posts *sound* from
2,141 labelled posts of 2019–2024, but names, ballot numbers, slogans and hashtags change with every
election. Keeping them in `data/lexicon.json` (plus admin-supplied entries in the same schema) lets a
new contest such as Pemilu 2029 be added without code, gives the verifier evidence spans, and gives
the model contest-independent features ("a slogan of some contestant appears with a voting word").

Many cues are ordinary words ("perubahan", "maju", "banteng", "gemoy", "nomor 2"); those are marked
`needs_context` and only count when a contest word or another contestant cue is close by. Words
listed in `everyday_context_terms` ("dukung", "menang", "salam", ...) are context for ballot numbers
and gestures only, because they are just as common in football and family posts.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources

from .contests import contest_rows, lexicon_view
from .normalize import Normalized, normalize_phrase

# Singular kind names used in evidence.
KIND_OF_FIELD = {
    "names": "name",
    "nicknames": "nickname",
    "slogans": "slogan",
    "hashtags": "hashtag",
    "gestures": "gesture",
    "numbers": "number",
    "accounts": "account",
    "colours": "colour",
}
# Cue kinds that are ambiguous by nature unless the entry says otherwise.
DEFAULT_NEEDS_CONTEXT = {"gesture": True, "number": True, "colour": True}
# Cue kinds that count only next to a voting-act word (coblos, nyoblos, bilik suara, TPS, the vote's
# date): a colour is everyday language ("baju kuning untuk arisan") and even beside "bupati" or
# "partai" says nothing; "ke TPS pakai yang kuning" does (issue 15 item 4, coded support).
VOTING_FRAME_KINDS = frozenset({"colour"})
# Cue kinds whose context may be an everyday campaign word ("dukung 02", "menang, salam dua jari").
# Other cues that need context are ordinary words ("padi", "garuda", "perubahan") and need an
# electoral word (pemilu, capres, partai, ...) or another contestant cue: "dukung timnas, garuda di
# dadaku" is football, "dukung partai garuda" is not.
EVERYDAY_CONTEXT_KINDS = frozenset({"number", "gesture"})
# Cue kinds also matched as a whole hashtag written without spaces ("#PRABOWOGIBRAN2024", "#andiharun").
COMPACT_KINDS = frozenset({"name", "nickname", "party", "slogan", "hashtag"})
_NOT_ALNUM = re.compile(r"[\W_]+")
# Word lists of the lexicon file; admin entries extend them (merge_into).
TERM_GROUPS = ("context_terms", "everyday_context_terms", "neutral_terms", "attack_terms", "support_terms",
               "conduct_terms", "mobilise_terms", "rejection_terms", "incumbent_terms", "official_terms",
               "voting_terms", "spread_terms")


def _to_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon phrase for one contestant (or a mock/term entry)."""

    phrase: tuple[str, ...]
    label: str  # the phrase as written in the lexicon, shown as `cue` in evidence
    kind: str  # name, nickname, party, slogan, hashtag, gesture, number, account, mock
    key: str | None  # contestant key ("02", "pdip", ...) or mock target group
    contest: str | None
    needs_context: bool
    valid_from: date | None = None
    valid_to: date | None = None
    stance: str | None = None  # mocks imply "attack" unless stated
    voting_frame: bool = False  # counts only next to a voting-act word (VOTING_FRAME_KINDS)

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)


@dataclass(slots=True)
class Hit:
    """A phrase occurrence: token range and every cue sharing that phrase (several contests)."""

    first: int
    last: int
    cues: list[Cue]
    counted: bool = False
    chosen: Cue | None = None  # the cue for targets and contest: prefers cues valid on the posting date
    base: Cue | None = None  # the same choice without a date: what the model's features see


@dataclass(slots=True)
class Match:
    """Everything the lexicon found in one post."""

    hits: list[Hit] = field(default_factory=list)
    context: int = 0  # electoral context terms (pemilu, capres, partai, ...); not the everyday ones
    neutral: int = 0
    attack: int = 0
    support: int = 0
    contest: str | None = None
    attack_pos: list[int] = field(default_factory=list)
    support_pos: list[int] = field(default_factory=list)
    day: date | None = None
    # Decision-rule evidence (issue 15), not model features: campaign work ("saksi TPS", "fotokopi
    # KTP", "stiker"), rejection ("jangan pilih", "asal bukan", "ganti bupati"), an incumbent named by
    # office ("petahana", "pak wali"), and an official or reporting frame (KPU, Bawaslu, sosialisasi).
    conduct: int = 0
    mobilise: int = 0  # a call to act or a first-person report: ayo, tolong, ajak, japri, saya, kita, ...
    rejection_pos: list[int] = field(default_factory=list)
    incumbent: int = 0
    official: int = 0
    voting: int = 0  # voting-act words: coblos, nyoblos, bilik suara, TPS, the vote's date
    spread: int = 0  # spreading content: sebarkan, viralkan, share, like dan komen, grup kantor

    @property
    def counted(self) -> list[Hit]:
        return [h for h in self.hits if h.counted]

    def out_of_validity(self) -> list[Cue]:
        """Chosen contestant cues that are outside their validity dates on the posting day.

        Non-empty only when *every* counted contestant cue is out of its dates (a post whose cues
        all belong to a contest that was over, or not yet open, when it was posted).
        """
        if self.day is None:
            return []
        cues = [h.chosen for h in self.hits if h.counted and h.chosen is not None and h.chosen.contest]
        if not cues or any(c.valid_on(self.day) for c in cues):
            return []
        return cues

    def targets(self, lexicon: Lexicon) -> list[str]:
        """Contestant keys supported or attacked by the counted cues, in order of appearance."""
        out: list[str] = []
        for h in self.counted:
            cue = h.chosen
            if cue is None:
                continue
            key = lexicon.mock_target(cue.key, self.contest) if cue.kind == "mock" else cue.key
            if key and key not in out:
                out.append(key)
        return out


class Lexicon:
    """Compiled lexicon. Build with `Lexicon.load(extra=...)`."""

    def __init__(self, data: Mapping):
        self.data = data
        self.version: str = str(data.get("version", "0"))
        self.window: int = int(data.get("context_window", 10))
        self.contests: dict[str, dict] = {c["id"]: c for c in data.get("contests", [])}
        self.contestants: dict[str, dict] = {}
        self.contest_of: dict[str, list[str]] = {}
        self._index: dict[str, list[tuple[tuple[str, ...], list[Cue]]]] = {}
        self._by_phrase: dict[tuple[str, ...], list[Cue]] = {}
        self._terms: dict[tuple[str, ...], set[str]] = {}
        self.accounts: dict[str, list[Cue]] = {}
        # Contestant phrases with spaces and punctuation removed ("prabowogibran2024"), for hashtags
        # that glue a name or slogan in a way the segmenter cannot split (all capitals, unknown names).
        self._compact: dict[str, list[Cue]] = {}
        self.max_len = 1
        self._build()

    # ---- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, extra: Mapping | Iterable[Mapping] | None = None, path: str | None = None) -> Lexicon:
        """Load the shipped lexicon (or `path`) and merge admin entries given in the same schema.

        `extra` may be one dict or a list of dicts, each with any of `contests`, `mock_terms`,
        `context_terms`, `neutral_terms`, `attack_terms`, `support_terms`. A contest with a known
        id is merged (contestants by key, phrase lists appended); an unknown id is added.
        """
        if path:
            with open(path, encoding="utf-8") as fh:
                base = json.load(fh)
        else:
            base = copy.deepcopy(_shipped())
        with_calendar(base)
        if extra:
            extras = [extra] if isinstance(extra, Mapping) else list(extra)
            for ext in extras:
                merge_into(base, ext)
            digest = hashlib.sha256(json.dumps(extras, sort_keys=True, default=str).encode()).hexdigest()[:8]
            base["version"] = f"{base.get('version', '0')}+{digest}"
        return cls(base)

    def _add(self, cue: Cue) -> None:
        if not cue.phrase:
            return
        self._by_phrase.setdefault(cue.phrase, []).append(cue)
        self.max_len = max(self.max_len, len(cue.phrase))

    def _build(self) -> None:
        data = self.data
        templates = data.get("number_templates", {})
        gestures = data.get("gesture_phrases", {})
        for contest in data.get("contests", []):
            cid = contest["id"]
            for person in contest.get("contestants", []):
                key = person["key"]
                self.contestants[key] = person
                self.contest_of.setdefault(key, []).append(cid)
                vf, vt = _to_date(person.get("valid_from")), _to_date(person.get("valid_to"))
                is_party = person.get("kind") == "party"
                for fname, kind in KIND_OF_FIELD.items():
                    kind_here = "party" if is_party and fname in ("names", "nicknames") else kind
                    for entry in person.get(fname, []) or []:
                        self._add_entry(entry, kind_here, key, cid, vf, vt)
                number = person.get("number")
                if number:
                    n = str(int(number))
                    tmpl = templates.get("party" if is_party else "pair", [])
                    for t in tmpl:
                        text = t["text"].format(n=n, nn=n.zfill(2))
                        entry = {"needs_context": False, **t, "text": text}
                        self._add_entry(entry, "number", key, cid, vf, vt)
                    if is_party:
                        # "PDIP nomor 3", "Golkar no urut 4": the party with its own ballot number is
                        # campaign material, not a pair's number after a party name.
                        for fname in ("names", "nicknames"):
                            for name_entry in person.get(fname, []) or []:
                                name = name_entry if isinstance(name_entry, str) else name_entry["text"]
                                for t in templates.get("party_named", []):
                                    text = t["text"].format(name=name, n=n, nn=n.zfill(2))
                                    self._add_entry({"needs_context": False, **t, "text": text}, "number",
                                                    key, cid, vf, vt)
                    if not is_party and n in gestures:
                        self._add_entry({"text": gestures[n], "needs_context": True}, "gesture", key, cid, vf, vt)
        for entry in data.get("mock_terms", []):
            phrase = normalize_phrase(entry["text"])
            self._add(
                Cue(phrase, entry["text"], "mock", entry.get("target", "other"), None,
                    bool(entry.get("needs_context", False)), _to_date(entry.get("valid_from")),
                    _to_date(entry.get("valid_to")), entry.get("stance", "attack"))
            )
        for group in TERM_GROUPS:
            for text in data.get(group, []):
                phrase = normalize_phrase(text)
                if phrase:
                    self._terms.setdefault(phrase, set()).add(group.split("_")[0])
                    self.max_len = max(self.max_len, len(phrase))
        for phrase, cues in self._by_phrase.items():
            self._index.setdefault(phrase[0], []).append((phrase, cues))
            compact = "".join(phrase)
            if len(compact) >= 4:
                glued = [c for c in cues if c.kind in COMPACT_KINDS]
                if glued:
                    self._compact.setdefault(compact, []).extend(glued)
        for phrase in self._terms:
            if phrase not in self._by_phrase:
                self._index.setdefault(phrase[0], []).append((phrase, []))

    def _add_entry(self, entry, kind, key, cid, vf, vt) -> None:
        if isinstance(entry, str):
            entry = {"text": entry}
        text = entry["text"]
        needs = entry.get("needs_context", DEFAULT_NEEDS_CONTEXT.get(kind, False))
        vf = _to_date(entry.get("valid_from")) or vf
        vt = _to_date(entry.get("valid_to")) or vt
        if kind == "account":
            cue = Cue((text.lower().lstrip("@"),), "@" + text.lstrip("@"), kind, key, cid, False, vf, vt)
            self.accounts.setdefault(cue.phrase[0], []).append(cue)
            return
        self._add(Cue(normalize_phrase(text), text, kind, key, cid, bool(needs), vf, vt,
                      voting_frame=kind in VOTING_FRAME_KINDS))

    def mock_target(self, group: str | None, contest: str | None) -> str | None:
        """Map a mock target group ("prabowo-camp") to a contestant key for the post's contest."""
        table = self.data.get("mock_target_keys", {}).get(group or "other", {})
        if group == "other" or not table:
            return "other"
        if contest in table:
            return table[contest]
        # Unknown contest: the group's most recent contest.
        latest = max(table, key=lambda cid: str(self.contests.get(cid, {}).get("election_date", "")))
        return table[latest]

    # ---- matching ------------------------------------------------------------------------
    def match(self, norm: Normalized, posted_at: date | datetime | str | None = None) -> Match:
        """Find cues in a normalised post and decide which of them count as partisan evidence.

        Every cue is matched whatever the date: whether a post is partisan is a property of its text,
        and the model was trained on undated posts. The posting date only decides which contest a
        cue is read for (`Hit.chosen`, `Match.contest`), hence the targets and the violation form;
        `Match.out_of_validity()` tells when all cues are outside their contestants' dates.
        """
        day = _to_date(posted_at)
        toks = norm.tokens
        result = Match(day=day)
        context_pos: list[int] = []
        everyday_pos: set[int] = set()
        voting_pos: list[int] = []
        index = self._index
        terms = self._terms
        for i, tok in enumerate(toks):
            entries = index.get(tok)
            if not entries:
                continue
            for phrase, cues in entries:
                ln = len(phrase)
                if ln > 1 and tuple(toks[i : i + ln]) != phrase:
                    continue
                groups = terms.get(phrase)
                if groups:
                    if "context" in groups or "everyday" in groups:
                        context_pos.append(i)
                        if "context" in groups:
                            result.context += 1  # an electoral frame; everyday words are not one
                        else:
                            everyday_pos.add(i)
                    if "neutral" in groups:
                        result.neutral += 1
                    if "attack" in groups:
                        result.attack += 1
                        result.attack_pos.append(i)
                    if "support" in groups:
                        result.support += 1
                        result.support_pos.append(i)
                    if "conduct" in groups:
                        result.conduct += 1
                    if "mobilise" in groups:
                        result.mobilise += 1
                    if "rejection" in groups:
                        result.rejection_pos.append(i)
                    if "incumbent" in groups:
                        result.incumbent += 1
                    if "official" in groups:
                        result.official += 1
                    if "voting" in groups:
                        voting_pos.append(i)
                    if "spread" in groups:
                        result.spread += 1
                if cues:
                    result.hits.append(Hit(i, i + ln - 1, cues))
        token_at: dict[int, int] | None = None
        for handle, s, _e in norm.mentions:
            cues = self.accounts.get(handle)
            if cues:
                if token_at is None:  # built once: `starts.index` per mention was quadratic
                    token_at = {}
                    for j, st in enumerate(norm.starts):
                        token_at.setdefault(st, j)
                i = token_at.get(s)
                if i is None:
                    continue
                result.hits.append(Hit(i, i, cues))
        result.voting = len(voting_pos)
        if norm.hashtags and self._compact:
            self._match_glued_hashtags(norm, result)
        if not result.hits:
            return result
        # Drop hits contained in a longer hit ("prabowo" inside "prabowo gibran"). Hits are sorted by
        # start, so a hit is inside a longer kept one exactly when some kept hit ends after it, or ends
        # with it but starts earlier: one running maximum instead of a scan of all kept hits, which
        # made a post of 8,000 "coblos 02" take seconds (issue 11).
        hits = sorted(result.hits, key=lambda h: (h.first, -(h.last - h.first)))
        kept: list[Hit] = []
        max_last, first_of_max = -1, -1
        for h in hits:
            if max_last > h.last or (max_last == h.last and first_of_max < h.first):
                continue
            if h.last > max_last:
                max_last, first_of_max = h.last, h.first
            kept.append(h)
        strong = [h for h in kept if not all(c.needs_context for c in h.cues)]
        anchors = sorted(context_pos + [h.first for h in strong])
        electoral = [a for a in context_pos if a not in everyday_pos]  # ascending, like context_pos
        strong_all = [h.first for h in strong]  # ascending: kept is sorted by start
        strong_by_contest: dict[str | None, list[int]] = {}
        for k in strong:
            for cid in {c.contest for c in k.cues}:
                strong_by_contest.setdefault(cid, []).append(k.first)
        w = self.window

        def near(h: Hit, positions: list[int]) -> bool:
            """A position within the window before or after the hit (not inside it); sorted input."""
            i = bisect_left(positions, h.first - w)
            if i < len(positions) and positions[i] < h.first:
                return True
            j = bisect_right(positions, h.last)
            return j < len(positions) and positions[j] <= h.last + w

        for h in kept:
            if all(c.voting_frame for c in h.cues):
                h.counted = near(h, voting_pos)
            elif not all(c.needs_context for c in h.cues):
                h.counted = True
            elif all(c.kind in EVERYDAY_CONTEXT_KINDS for c in h.cues):
                h.counted = near(h, anchors)
            else:
                # An ordinary word ("lanjutkan", "perubahan") is a slogan only next to an electoral word
                # or a cue of its own contest: "Isran-Hadi lanjutkan!" is not the Pilpres 2024 slogan.
                # Camp mockery ("cebong", contest-free) may sit next to any contestant.
                contests = {c.contest for c in h.cues}
                h.counted = near(h, electoral) or (
                    near(h, strong_all) if contests == {None}
                    else any(near(h, strong_by_contest.get(cid, [])) for cid in contests))
        # A ballot number right after a party name is that party's own number or a candidate's place
        # on its list ("Partai Golkar nomor urut 3, dapil Samarinda"), never a pair's number: the
        # party cue already names the target.
        party_ends = {h.last for h in kept if h.counted and all(c.kind == "party" for c in h.cues)}
        for h in kept:
            if (h.counted and h.first - 1 in party_ends
                    and all(c.kind == "number" and self.contestants.get(c.key, {}).get("kind") != "party"
                            for c in h.cues)):
                h.counted = False
        result.hits = kept
        self._resolve(result, day)
        return result

    def _match_glued_hashtags(self, norm: Normalized, result: Match) -> None:
        """A hashtag that is a whole contestant phrase without spaces is a hit over its tokens.

        Why: segmentation splits "#AMINAjaDulu" by case, but "#PRABOWOGIBRAN2024" or "#andiharun"
        reach the matcher as one unknown token, and the cue was silently lost (issue 15).
        """
        spans = {(h.first, h.last) for h in result.hits}
        starts = norm.starts
        for tag, s, e in norm.hashtags:
            cues = self._compact.get(_NOT_ALNUM.sub("", tag))
            if not cues:
                continue
            first = bisect_left(starts, s)
            last = bisect_left(starts, e) - 1
            if first > last or (first, last) in spans:
                continue
            spans.add((first, last))
            result.hits.append(Hit(first, last, list(cues)))

    def _resolve(self, result: Match, day: date | None) -> None:
        """Pick one contestant per hit when a phrase belongs to several contests ("02", "prabowo").

        Contests are ranked by the votes of the post's counted cues (what the text says), then by
        the votes of cues valid on the posting day (so "coblos 02" in 2029 reads as the 2029 pair
        once that contest is in the lexicon), then by whether the day is in the contest's season,
        then by priority. Each hit takes the cue of the best-ranked contest and, within it, of the
        contestant the post names elsewhere. `Hit.base` is the choice without a date (votes, named
        contestant, priority), so the model's features never depend on the date.
        """
        votes: dict[str, float] = {}
        valid_votes: dict[str, float] = {}
        # Contestants named unambiguously ("andi harun"): within one contest they decide whom a shared
        # cue such as "coblos nomor 2" means, since eleven Kaltim races of 2024 all have a number 2.
        named: dict[tuple[str | None, str | None], int] = {}
        for h in result.hits:
            if not h.counted:
                continue
            by_contest: dict[str | None, set] = {}
            for c in h.cues:
                by_contest.setdefault(c.contest, set()).add(c.key)
            for cid, keys in by_contest.items():
                if cid and len(keys) == 1:  # one contestant of that contest ("andi harun" in 2020 and 2024)
                    named[(cid, *keys)] = named.get((cid, *keys), 0) + 1
            contests = {c.contest for c in h.cues if c.contest}
            for cid in contests:
                votes[cid] = votes.get(cid, 0.0) + 1.0 / len(contests)
            if day is not None:
                valid = {c.contest for c in h.cues if c.contest and c.valid_on(day)}
                for cid in valid:
                    valid_votes[cid] = valid_votes.get(cid, 0.0) + 1.0 / len(valid)

        def rank(cid: str | None) -> tuple:
            contest = self.contests.get(cid or "", {})
            season = contest.get("season", {})
            in_season = bool(day and _to_date(season.get("from")) and _to_date(season.get("from")) <= day
                             <= (_to_date(season.get("to")) or date.max))
            return (votes.get(cid or "", 0.0), valid_votes.get(cid or "", 0.0), in_season, contest.get("priority", 0))

        def base_rank(c: Cue) -> tuple:
            if not c.contest:
                return (0.0, 0, 0)
            return (votes.get(c.contest, 0.0), named.get((c.contest, c.key), 0),
                    self.contests.get(c.contest, {}).get("priority", 0))

        best_contest = max(votes, key=rank) if votes else None
        if best_contest is None and day is not None:
            # Only camp mockery ("planga plongo", "kadrun"): read it in the contest in season that
            # day among those the camp is known in, so mocking Jokowi in January 2024 attacks the
            # 2024 camp (02) and its dates decide the violation form, not Pilpres 2019's.
            tables = self.data.get("mock_target_keys", {})
            known = {cid for h in result.hits if h.counted for c in h.cues if c.kind == "mock"
                     for cid in tables.get(c.key or "other", {})}
            in_season = [cid for cid in known if cid in self.contests and rank(cid)[2]]
            if in_season:
                best_contest = max(in_season, key=lambda cid: self.contests[cid].get("priority", 0))
        result.contest = best_contest
        for h in result.hits:
            h.base = max(h.cues, key=base_rank)
            if day is None:
                h.chosen = h.base
            else:
                h.chosen = max(h.cues, key=lambda c: (*rank(c.contest), named.get((c.contest, c.key), 0),
                                                      c.valid_on(day))
                               if c.contest else (0.0, 0.0, False, 0, 0, c.valid_on(day)))

    def contest_for(self, key: str) -> dict | None:
        """The contest a contestant key belongs to (the first listed when a key is reused)."""
        ids = self.contest_of.get(key)
        return self.contests.get(ids[0]) if ids else None


def with_calendar(data: dict) -> dict:
    """Fill each lexicon contest's name, dates, season and priority from the shared calendar.

    The lexicon file names contests by their calendar code and lists contestants; dates live only in
    `data/contests.json` (shared with the rules' Contest rows). A field the lexicon entry sets itself
    wins: an admin entry for a contest the calendar does not know yet (Pemilu 2029 before a release)
    carries its own dates in the same schema.
    """
    rows = contest_rows()
    for contest in data.get("contests", []):
        row = rows.get(contest.get("id"))
        if row is not None:
            for k, v in lexicon_view(row).items():
                contest.setdefault(k, v)
    return data


def merge_into(base: dict, extra: Mapping) -> None:
    """Merge admin lexicon entries into `base` in place (same schema as lexicon.json)."""
    for group in (*TERM_GROUPS, "mock_terms", "notes"):
        if extra.get(group):
            base.setdefault(group, []).extend(extra[group])
    for group in ("number_templates", "gesture_phrases", "mock_target_keys"):
        if extra.get(group):
            base.setdefault(group, {}).update(extra[group])
    contests = {c["id"]: c for c in base.setdefault("contests", [])}
    for contest in extra.get("contests", []):
        target = contests.get(contest["id"])
        if target is None:
            base["contests"].append(copy.deepcopy(dict(contest)))
            contests[contest["id"]] = base["contests"][-1]
            continue
        for k, v in contest.items():
            if k != "contestants":
                target[k] = v
        people = {p["key"]: p for p in target.setdefault("contestants", [])}
        for person in contest.get("contestants", []):
            old = people.get(person["key"])
            if old is None:
                target["contestants"].append(copy.deepcopy(dict(person)))
                continue
            for k, v in person.items():
                if isinstance(v, list) and isinstance(old.get(k), list):
                    old[k] = old[k] + [x for x in v if x not in old[k]]
                else:
                    old[k] = v


@lru_cache(maxsize=1)
def _shipped() -> dict:
    text = resources.files("netra.screening.data").joinpath("lexicon.json").read_text(encoding="utf-8")
    return json.loads(text)


def shipped_version() -> str:
    return str(_shipped().get("version"))
