"""The Screener: normalise, match the lexicon, score with the trained model, explain.

Why the model decides and the lexicon explains: a mention of "Prabowo" is just as common in neutral
news as in campaign posts, so cues alone cannot tell partisan from neutral. The calibrated linear
model decides the label (using the cue features), and the lexicon supplies targets, evidence spans
into the original text and the contest whose dates fix the violation form.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from .features import FEATURES_VERSION
from .lexicon import Lexicon, Match
from .normalize import Normalized, normalize
from .runtime import RuntimeModel, file_sha256
from .violation import violation_form

LABELS = ("partisan", "political_neutral", "non_political")
DEFAULT_MODEL_VERSION = "2024.2-lr1"


@dataclass(slots=True)
class Evidence:
    start: int
    end: int
    text: str
    cue: str
    kind: str
    target: str | None = None
    counted: bool = True


@dataclass(slots=True)
class ScreenResult:
    """Result of screening one post. `to_dict()` is the stable, JSON-ready form."""

    label: str
    score: float
    scores: dict[str, float]
    targets: list[str]
    stance: str
    evidence: list[Evidence]
    violation: str | None
    model_version: str
    violation_note: str | None = None
    contest: str | None = None
    extra: dict = field(default_factory=dict)
    # Set when a decision rule, not the model's probabilities alone, fixed the label: "bare_campaign"
    # (a short post that is only campaign material) or "campaign_cue" (kept out of non_political).
    rule: str | None = None
    # True when only the first `Screener.max_chars` characters were screened (the rest was not read).
    truncated: bool = False

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "score": round(self.score, 4),
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
            "targets": list(self.targets),
            "stance": self.stance,
            "evidence": [asdict(e) for e in self.evidence],
            "violation": self.violation,
            "violation_note": self.violation_note,
            "contest": self.contest,
            "model_version": self.model_version,
            "rule": self.rule,
            "truncated": self.truncated,
        }


# Cue kinds that are campaign material: once such a cue counted (it passed the lexicon's context
# checks), the post is about an election, whatever the n-grams say.
CAMPAIGN_KINDS = frozenset({"slogan", "hashtag", "gesture", "number", "colour"})
# A post of at most this many words (links and mentions aside) that is only campaign material.
BARE_CAMPAIGN_MAX_WORDS = 6
APPEAL_WORDS = frozenset({"coblos", "nyoblos", "pilih", "pilihlah", "dukung", "dukunglah", "menangkan",
                          "memenangkan"})


def has_campaign_cue(match: Match) -> bool:
    """A counted slogan, campaign hashtag, gesture or ballot number: the post is election content."""
    return any(h.counted and h.base.kind in CAMPAIGN_KINDS for h in match.hits)


def is_bare_campaign(norm: Normalized, match: Match) -> bool:
    """True for a short post that is nothing but campaign material: "#AMINAjaDulu", "Ayo coblos 02".

    The rubric names such posts as partisan ("campaign slogans, hashtags or ballot numbers used as
    support"), but the model, trained mostly on longer posts, leaves them near its prior. A post
    counts when it has at most BARE_CAMPAIGN_MAX_WORDS words besides links and mentions, no
    reporting word (the lexicon's neutral terms: KPU, survei, kata, ...), and either a counted
    campaign cue or a counted contestant cue right after a voting word ("Coblos PDIP!"). In the
    training part of the shipped data 14 of 15 such posts are labelled partisan.
    """
    words = [t for t in norm.tokens if t not in ("xurl", "xmention")]
    if len(words) > BARE_CAMPAIGN_MAX_WORDS or match.neutral:
        return False
    return has_campaign_cue(match) or any(h.counted and h.first > 0 and norm.tokens[h.first - 1] in APPEAL_WORDS
                                          for h in match.hits)


CONTESTANT_KINDS = frozenset({"name", "nickname", "party", "slogan", "hashtag", "gesture", "number", "account", "mock",
                              "colour"})
# "jangan sampai X menang": a rejection only when one of these follows within REJECT_SPAN tokens.
OUTCOME_WORDS = frozenset({"menang", "lolos", "terpilih", "jadi", "duduk", "berkuasa", "memimpin", "balik"})
REJECT_SPAN = 8
# "pastikan yang itu kalah", "biar Anies kalah di kelurahan kita": wanting a contestant to lose.
LOSE_HEADS = frozenset({"pastikan", "biar", "harus", "supaya", "agar", "bikin", "buat"})
LOSE_WORDS = frozenset({"kalah", "tumbang", "tersingkir"})
# A contestant the post points at without naming: "yang itu", "yang sekarang", "yang lama", "itu itu".
POINTERS = frozenset({("yang", "itu"), ("yang", "ini"), ("yang", "sekarang"), ("yang", "lama"), ("yang", "dulu"),
                      ("yang", "kemarin"), ("itu", "itu"), ("yang", "janji"), ("yang", "suka")})
POINTER_SPAN = 12
# Coded campaign material: once counted (context checks passed) and next to a voting-act word, it is a
# call to vote for a side: "oke gas sampai menang di bilik suara", "ke TPS pakai yang kuning".
CODED_KINDS = frozenset({"nickname", "slogan", "hashtag", "gesture", "number", "colour"})


def rule_for(norm: Normalized, match: Match) -> str | None:
    """The decision rule that makes a post partisan whatever its score, or None."""
    if is_bare_campaign(norm, match):
        return "bare_campaign"
    if is_rejection(norm, match):
        return "rejection"
    if is_campaign_work(match) or is_targeted_spreading(match, norm):
        return "campaign_work"
    if is_coded_support(match):
        return "coded_support"
    return None


def is_coded_support(match: Match) -> bool:
    """Coded campaign material in a voting frame: a nickname, slogan, programme, gesture, colour or
    ballot number that counted, beside a voting-act word (coblos, nyoblos, bilik suara, TPS, the
    vote's date), with no reporting or official word (issue 15 item 4).

    Why a rule: coded posts were the screener's weakest recall (0.30 on an outside set, 0.36 on the
    blind v2); the training posts hold few of them, so the model leaves them near its prior. The
    voting word is what separates "gratispol, dua program yang bikin saya mantap ke bilik suara" from
    a news item about the programme; news and official posts carry reporting words and stay off.
    """
    if not match.voting or match.neutral or match.official:
        return False
    return any(h.counted and h.base is not None and h.base.kind in CODED_KINDS for h in match.hits)


def is_targeted_spreading(match: Match, norm: Normalized) -> bool:
    """Spreading content toward a contestant: "tolong share video kasus paslon nomor 2 sebelum nyoblos".

    Sharing is campaign work only when aimed at an identifiable side (a counted contestant cue or a
    rejection pattern) in an electoral frame; "tolong sebarkan info lokasi TPS" is not.
    """
    if not match.spread or match.official or match.neutral:
        return False
    named = any(h.counted for h in match.hits) or match.incumbent > 0
    return (named or bool(_rejection_positions(norm, match))) and (match.context > 0 or match.voting > 0)


def _electoral_frame(match: Match) -> bool:
    """An electoral word (pemilu, paslon, TPS, bilik suara, ...) or a counted contestant cue."""
    return match.context > 0 or any(h.counted for h in match.hits)


def is_campaign_work(match: Match) -> bool:
    """Campaign work in an electoral frame: recruiting witnesses, collecting KTP, stickers, declarations.

    The rubric counts "recruiting others into a winning team, collecting KTP for a candidate" as
    partisan even when no contestant is named ("Dicari saksi TPS untuk paslon kita"); the labelled
    posts hold almost none, so the model cannot learn it. An official or reporting frame (KPU,
    Bawaslu, penertiban, sosialisasi, politik uang) keeps the rule off, and a call to act or a
    first-person report (ayo, tolong, ajak, japri, saya, kita) is required: an ASN's own election
    duties and news about volunteers and campaign material are not campaigning.
    """
    return match.conduct > 0 and match.mobilise > 0 and not match.official and _electoral_frame(match)


def is_rejection(norm: Normalized, match: Match) -> bool:
    """Negative campaigning: a rejection pattern toward an identifiable contestant or incumbent.

    "Jangan pilih Prabowo", "asal bukan 02", "ganti bupati", "coblos kolom kosong", "jangan sampai
    … menang" next to a counted contestant cue, an incumbent named by office (petahana, pak wali)
    or the empty column, in an electoral frame and outside an official or reporting frame. Attacks
    were the screener's weakest recall (0.25 on an outside set) because the training posts attack
    mostly with insults, not with calls to vote against.
    """
    if match.official:
        return False
    positions = _rejection_positions(norm, match)
    if not positions:
        return False
    named = any(h.counted and h.base is not None and h.base.kind in CONTESTANT_KINDS for h in match.hits)
    if (named or match.incumbent > 0) and _electoral_frame(match) or (match.incumbent > 0 and match.context > 0):
        return True
    # A contestant pointed at, not named ("yang itu", "yang sekarang"), next to the rejection, with a
    # voting-act word: "yang sekarang jangan dikasih periode kedua, ingat di bilik suara".
    if not match.voting or match.neutral:
        return False
    toks = norm.tokens
    pointed = [i for i in range(len(toks) - 1) if (toks[i], toks[i + 1]) in POINTERS]
    return any(abs(p - q) <= POINTER_SPAN for p in pointed for q in positions)


def _rejection_positions(norm: Normalized, match: Match) -> list[int]:
    """Token positions of a rejection: lexicon rejection terms, "jangan sampai … menang", "biar … kalah"."""
    toks = norm.tokens
    positions = list(match.rejection_pos)
    for i, tok in enumerate(toks):
        if tok == "jangan" and i + 1 < len(toks) and toks[i + 1] == "sampai" and \
                OUTCOME_WORDS.intersection(toks[i + 2 : i + 2 + REJECT_SPAN]):
            positions.append(i)
        elif tok in LOSE_HEADS and LOSE_WORDS.intersection(toks[i + 1 : i + 1 + REJECT_SPAN]):
            positions.append(i)
    return positions


def decide(proba: np.ndarray, classes: Sequence[str], threshold: float | None,
           electoral: np.ndarray | None = None, bare_campaign: np.ndarray | None = None) -> np.ndarray:
    """Class index per row: `partisan` when p(partisan) >= threshold, else the likelier other class.

    `threshold=None` is the plain argmax. The threshold is chosen by cross-validation on the
    training rows (`train.choose_threshold`), never on the held-out split. Rows marked in
    `electoral` (a counted campaign cue) are never `non_political`: the choice is between the other
    two. Why: the linear model can weigh a rare cue kind oddly (one of the 173 training posts with
    campaign material is non-political), and a post carrying "#JokowiAmin" and a one-finger salute
    must at least reach a verifier as election content. On the shipped data this changes no
    cross-validated or held-out prediction; it guards posts from contests the n-grams never saw.
    Rows marked in `bare_campaign` (`is_bare_campaign`) are `partisan`.
    """
    proba = np.asarray(proba)
    if electoral is not None and electoral.any() and "non_political" in classes:
        proba = proba.copy()
        proba[np.asarray(electoral, dtype=bool), list(classes).index("non_political")] = -1.0
    col = list(classes).index("partisan")
    if threshold is None:
        chosen = proba.argmax(axis=1)
    else:
        rest = proba.copy()
        rest[:, col] = -1.0
        chosen = np.where(proba[:, col] >= threshold, col, rest.argmax(axis=1))
    if bare_campaign is not None:
        chosen = np.where(np.asarray(bare_campaign, dtype=bool), col, chosen)
    return chosen


# Characters of a post that are screened; the rest is not read and the result says `truncated`.
# Why a cap: a social-media post is at most a few thousand characters (the five neutrality news
# articles of the seed set are 2–3.2 k); a pasted 1 MB "post" must not hold a request or a batch for
# seconds. The platform sets it from NETRA_SCREEN_MAX_CHARS.
DEFAULT_MAX_CHARS = 20_000


def clip_text(text: str, max_chars: int) -> tuple[str, bool]:
    """The screened part of a post: at most `max_chars` characters, cut after a whole word.

    Cutting at a space (when one is in the last 200 characters) keeps the last cue from being read
    as half a word. Evidence offsets stay valid: the clipped text is a prefix of the original.
    """
    if len(text) <= max_chars:
        return text, False
    cut = text.rfind(" ", max(0, max_chars - 200), max_chars + 1)
    return text[: cut if cut > 0 else max_chars], True


def default_model_path() -> Path:
    """Path of the shipped artifact named in models/manifest.json."""
    models = Path(str(resources.files("netra.screening").joinpath("models")))
    manifest = json.loads((models / "manifest.json").read_text(encoding="utf-8"))
    return models / manifest["artifact"]


def runtime_path(artifact_path: str | Path) -> Path:
    """The numpy export of an artifact: `<name>.runtime/` beside `<name>.joblib`."""
    p = Path(artifact_path)
    return p.with_name(p.stem + ".runtime")


def export_runtime(artifact: Mapping, artifact_path: str | Path) -> Path:
    """Write the numpy export of `artifact` (saved at `artifact_path`) beside it."""
    return RuntimeModel.from_artifact(artifact).export(runtime_path(artifact_path), file_sha256(artifact_path))


def load_artifact(path: str | Path | None = None) -> dict:
    """The artifact at `path` (default: the shipped one), from its numpy export when that was made
    from this very file (same sha256), else from the joblib file (which imports scikit-learn).

    Why: a process that screens should not import scikit-learn and SciPy (issue 15 "Speed/memory").
    A path naming a `.runtime` folder loads that export.
    """
    path = Path(path) if path else default_model_path()
    if path.is_dir():
        runtime = RuntimeModel.load(path)
    else:
        runtime = None
        folder = runtime_path(path)
        if (folder / "meta.json").is_file():
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            if meta.get("source_sha256") == file_sha256(path):
                runtime = RuntimeModel.load(folder)
        if runtime is None:
            import joblib

            return joblib.load(path)
    meta = runtime.meta
    return {"runtime": runtime, "version": meta["version"], "lexicon_version": meta["lexicon_version"],
            "features_version": meta["features_version"], "partisan_threshold": meta["partisan_threshold"]}


class Screener:
    """Screens posts for partisan election content. Thread-safe for reading after construction."""

    def __init__(self, artifact: Mapping, lexicon: Lexicon | None = None, max_chars: int = DEFAULT_MAX_CHARS):
        if artifact.get("features_version") != FEATURES_VERSION:
            # The dense features are computed by this code, not stored in the artifact: an artifact
            # trained with other features would score garbage (or fail on the matrix width).
            raise ValueError(
                f"model artifact {artifact.get('version')!r} was trained with features version "
                f"{artifact.get('features_version', '1-2')}, this code computes version {FEATURES_VERSION}: "
                "retrain it with `netra screening train` (add --feedback FILE to keep verifier feedback)")
        # The scikit-learn objects when built from a trained artifact (training, custom models); None
        # when loaded from the numpy export. Screening always scores with `self.runtime`, which gives
        # the same probabilities without scikit-learn (runtime.py).
        self.features = artifact.get("features")
        self.classifier = artifact.get("classifier")
        self.stance_model = artifact.get("stance")
        runtime = artifact.get("runtime")
        self.runtime: RuntimeModel = runtime if runtime is not None else RuntimeModel.from_artifact(artifact)
        self.model_version: str = artifact["version"]
        self.classes: list[str] = list(self.runtime.classes)
        # partisan when p(partisan) >= this (chosen by CV at training); None: plain argmax
        self.partisan_threshold: float | None = artifact.get("partisan_threshold")
        self.lexicon = lexicon or Lexicon.load()
        if int(max_chars) < 1:
            raise ValueError("max_chars must be a positive number of characters")
        self.max_chars = int(max_chars)
        if self.lexicon.version != artifact.get("lexicon_version"):
            # Admin entries change only the cue features, the model weights stay the same.
            self.model_version = f"{self.model_version}/lex{self.lexicon.version}"

    @classmethod
    def load(cls, path: str | Path | None = None, extra_lexicon: Mapping | Iterable[Mapping] | None = None,
             max_chars: int = DEFAULT_MAX_CHARS) -> Screener:
        """Load the shipped artifact (or `path`); `extra_lexicon` adds admin entries to the lexicon.

        `max_chars` caps the characters screened per post (`ScreenResult.truncated` says when).
        """
        artifact = load_artifact(path)
        return cls(artifact, Lexicon.load(extra=extra_lexicon) if extra_lexicon else None, max_chars)

    # ---- public API ----------------------------------------------------------------------
    def screen(self, text: str, action: str | None = None, posted_at=None) -> ScreenResult:
        """Screen one post. `action` is what the civil servant did (post, share, like, comment, ...)."""
        return self.screen_many([text], [action], [posted_at])[0]

    def screen_many(
        self,
        texts: Sequence[str],
        actions: Sequence[str | None] | None = None,
        posted_ats: Sequence | None = None,
    ) -> list[ScreenResult]:
        """Screen a batch; vectorising many posts at once is what makes the screener fast."""
        n = len(texts)
        actions = actions if actions is not None else [None] * n
        posted_ats = posted_ats if posted_ats is not None else [None] * n
        clipped = [clip_text(t or "", self.max_chars) for t in texts]
        norms = [normalize(t) for t, _cut in clipped]
        matches = [self.lexicon.match(nm, d) for nm, d in zip(norms, posted_ats, strict=True)]
        proba, stance_decision = self.runtime.predict(norms, matches)
        stance_proba = None
        partisan_col = self.classes.index("partisan")
        electoral = np.array([has_campaign_cue(m) for m in matches])
        rules = [rule_for(nm, m) for nm, m in zip(norms, matches, strict=True)]
        chosen = decide(proba, self.classes, self.partisan_threshold, electoral,
                        np.array([r is not None for r in rules]))
        is_partisan = chosen == partisan_col
        if stance_decision is not None and is_partisan.any():
            stance_proba = np.zeros((n, len(self.runtime.stance_classes or ())))
            stance_proba[is_partisan] = self.runtime.stance_proba(stance_decision[is_partisan])
        plain = decide(proba, self.classes, self.partisan_threshold)  # the model's label without the rules
        out = []
        for i in range(n):
            result = self._result(texts[i] or "", norms[i], matches[i], proba[i], int(chosen[i]),
                                  None if stance_proba is None else stance_proba[i], actions[i], posted_ats[i])
            if rules[i] == "rejection" and result.label == "partisan":
                result.stance = "attack"
            if chosen[i] != plain[i]:
                result.rule = rules[i] or "campaign_cue"
            result.truncated = clipped[i][1]
            out.append(result)
        return out

    # ---- internals -----------------------------------------------------------------------
    def _result(self, text: str, norm: Normalized, match: Match, proba, best: int, stance_proba, action,
                posted_at):
        label = self.classes[best]
        scores = {c: float(p) for c, p in zip(self.classes, proba, strict=True)}
        if label != "partisan":
            return ScreenResult(label, float(proba[best]), scores, [], "none", [], None, self.model_version)
        targets = match.targets(self.lexicon)
        stance = "support"
        if stance_proba is not None:
            stance = str(self.runtime.stance_classes[int(np.argmax(stance_proba))])
        if any(h.counted and h.chosen.kind == "mock" and h.chosen.stance == "attack" for h in match.hits):
            stance = "attack" if stance == "none" else stance
        evidence = self._evidence(text, norm, match)
        contest = match.contest
        if targets and contest is None:
            c = self.lexicon.contest_for(targets[0])
            contest = c["id"] if c else None
        v = violation_form(self.lexicon, targets, action, posted_at, contest, match.out_of_validity())
        return ScreenResult(label, float(proba[best]), scores, targets, stance, evidence, v.form,
                            self.model_version, v.note, v.contest)

    def _evidence(self, text: str, norm: Normalized, match: Match) -> list[Evidence]:
        out: list[Evidence] = []
        seen = set()
        for h in match.counted:
            start, end = norm.token_span(h.first, h.last)
            for _tag, s, e in norm.hashtags:
                if s <= start and end <= e:  # a cue inside a hashtag: show the whole hashtag
                    start, end = s, e
                    break
            if (start, end) in seen:
                continue
            seen.add((start, end))
            cue = h.chosen
            target = self.lexicon.mock_target(cue.key, match.contest) if cue.kind == "mock" else cue.key
            out.append(Evidence(start, end, text[start:end], cue.label, cue.kind, target))
        return out
