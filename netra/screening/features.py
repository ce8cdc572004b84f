"""Feature extraction: word and character n-grams of the normalised text plus lexicon features.

Why this mix: word n-grams learn the campaign tone of the training period, character n-grams survive
misspellings and glued words, and the lexicon features describe cues in a contest-independent way
("a slogan of some contestant next to a voting word"), which is what lets the model carry over to
contests it never saw in training once their names are added to the lexicon.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .lexicon import Match
from .normalize import Normalized

if TYPE_CHECKING:
    from scipy import sparse

# SciPy and scikit-learn are imported inside FeatureBuilder only: `dense_row` is also used at
# screening time (runtime.py), by processes that must not load them (issue 15 "Speed/memory").

DENSE_FEATURES = (
    "cue_name", "cue_party", "cue_campaign", "cue_account", "cue_mock", "cue_uncounted", "context_terms",
    "neutral_terms", "attack_terms", "support_terms", "distinct_targets", "any_cue", "hashtags", "mentions",
    "has_url", "length", "attack_near_cue", "support_near_cue", "capitalised_words", "upper_words",
    "exclamations", "questions", "quotes", "news_outlet",
)
_COL = {name: i for i, name in enumerate(DENSE_FEATURES)}
# Slogans, campaign hashtags, gestures and ballot numbers share one feature ("campaign material"): each
# kind alone is rare in the training posts (14 gesture posts), and separate rare features got erratic
# weights (a counted "salam satu jari" pushed towards non_political).
_KIND_COL = {"name": "cue_name", "nickname": "cue_name", "party": "cue_party", "slogan": "cue_campaign",
             "hashtag": "cue_campaign", "gesture": "cue_campaign", "number": "cue_campaign",
             "account": "cue_account", "mock": "cue_mock", "colour": "cue_campaign"}
NEAR = 6
# Scale of the dense lexicon block beside the TF-IDF blocks. Why 2: the cue features are what carry
# over to contests and sources the n-grams never saw; see "What was tried" in docs/screening.md
# (session 3: ×2 with the grouped cue kinds kept cross-validated partisan F1 and raised
# leave-one-source-out F1).
DENSE_WEIGHT = 2.0
# Bumped whenever what the features compute changes, so a retrained artifact gets a new version even
# when the lexicon and the data did not change (2: Title-case headline feature, no all-lowercase
# feature; 3: grouped campaign cues, electoral-only context count, DENSE_WEIGHT 2; 4: a ballot number
# right after a party name no longer counts as a pair's number; 5: lexicon words known to the hashtag
# segmenter, erratically cased hashtags, campaign colours in a voting frame as campaign material).
FEATURES_VERSION = 5
_WORD = re.compile(r"[^\W\d_]+")
_NEWS = frozenset(
    "kompas detik antara tribun kumparan cnn liputan6 okezone tempo republika sindonews merdeka viva idntimes "
    "metrotv inews jpnn beritasatu tvone bisnis katadata tirto".split()
)


def _near_any(a: int, sorted_pos: list[int]) -> bool:
    """Some position within NEAR tokens of `a` (binary search: linear in the post's length overall)."""
    i = bisect_left(sorted_pos, a - NEAR)
    return i < len(sorted_pos) and sorted_pos[i] <= a + NEAR


def add_word_columns(indices: array, tokens: Sequence[str], get) -> None:
    """Append the vocabulary columns of a post's tokens and token bigrams (`get`: vocabulary.get).

    The word vectoriser's analysis done on the normaliser's tokens; shared by FeatureBuilder and the
    numpy runtime (runtime.py) so that both always build the same columns.
    """
    for tok in tokens:
        i = get(tok)
        if i is not None:
            indices.append(i)
    for a, b in zip(tokens, tokens[1:], strict=False):
        i = get(a + " " + b)
        if i is not None:
            indices.append(i)


def dense_row(norm: Normalized, match: Match) -> list[float]:
    """Contest-independent lexicon features of one post (log-scaled counts)."""
    row = [0.0] * len(DENSE_FEATURES)
    keys = set()
    for h in match.hits:
        if h.counted:  # `base`, not `chosen`: the features never depend on the posting date
            row[_COL[_KIND_COL[h.base.kind]]] += 1.0
            keys.add(h.base.key)
        else:
            row[_COL["cue_uncounted"]] += 1.0
    row[_COL["context_terms"]] = match.context
    row[_COL["neutral_terms"]] = match.neutral
    row[_COL["attack_terms"]] = match.attack
    row[_COL["support_terms"]] = match.support
    row[_COL["distinct_targets"]] = len(keys)
    row[_COL["any_cue"]] = 1.0 if keys else 0.0
    row[_COL["hashtags"]] = len(norm.hashtags)
    row[_COL["mentions"]] = len(norm.mentions)
    row[_COL["has_url"]] = 1.0 if "xurl" in norm.tokens else 0.0
    row[_COL["length"]] = len(norm.tokens) / 10.0
    cue_pos = sorted(h.first for h in match.hits if h.counted)
    if cue_pos:
        row[_COL["attack_near_cue"]] = sum(1 for a in match.attack_pos if _near_any(a, cue_pos))
        row[_COL["support_near_cue"]] = sum(1 for a in match.support_pos if _near_any(a, cue_pos))
    # Style of the original text: headlines (Title Case, outlet names) read as reporting, not campaigning.
    # Only Title-case words count: ALL CAPS is shouting, not a headline. Whether a post is all
    # lowercase is not a feature: in the training data it mostly tells which data set a post came from.
    text = norm.original
    words = _WORD.findall(text)
    nw = max(1, len(words))
    row[_COL["capitalised_words"]] = sum(w[0].isupper() and not w.isupper() for w in words) / nw
    row[_COL["upper_words"]] = sum(len(w) > 1 and w.isupper() for w in words) / nw
    row[_COL["exclamations"]] = text.count("!")
    row[_COL["questions"]] = text.count("?")
    row[_COL["quotes"]] = 1.0 if ('"' in text or "\u201c" in text) else 0.0
    row[_COL["news_outlet"]] = 1.0 if not _NEWS.isdisjoint(norm.tokens) else 0.0
    return [math.log1p(v) for v in row]


class FeatureBuilder:
    """Fits the vectorisers once, then turns (normalised post, lexicon match) pairs into a matrix."""

    def __init__(self, dense_weight: float = DENSE_WEIGHT, char_max_features: int = 60_000):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.word = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=(1, 2), min_df=2,
                                    sublinear_tf=True, dtype=np.float32)
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, lowercase=False,
                                    sublinear_tf=True, max_features=char_max_features, dtype=np.float32)
        self.dense_weight = dense_weight

    def __getstate__(self) -> dict:
        """Pickle without the per-word caches (they are rebuilt on first use)."""
        state = dict(self.__dict__)
        state.pop("_word_cache", None)
        state.pop("_char_analyzer", None)
        return state

    def fit(self, norms: Sequence[Normalized]) -> FeatureBuilder:
        texts = [n.text for n in norms]
        self.word.fit(texts)
        self.char.fit(texts)
        return self

    def transform(self, norms: Sequence[Normalized], matches: Sequence[Match]) -> sparse.csr_matrix:
        from scipy import sparse

        dense = np.asarray([dense_row(n, m) for n, m in zip(norms, matches, strict=True)], dtype=np.float32)
        dense *= self.dense_weight
        return sparse.hstack(
            [self._word_transform(norms), self._char_transform(norms), sparse.csr_matrix(dense)], format="csr"
        )

    def _word_transform(self, norms: Sequence[Normalized]) -> sparse.csr_matrix:
        """Same matrix as `self.word.transform` (tokens and bigrams), without re-tokenising the text."""
        get = self.word.vocabulary_.get
        indices = array("i")
        indptr = array("i", [0])
        for norm in norms:
            add_word_columns(indices, norm.tokens, get)
            indptr.append(len(indices))
        return self._tfidf(self.word, indices, indptr, len(norms))

    @staticmethod
    def _tfidf(vec, indices: array, indptr: array, n_docs) -> sparse.csr_matrix:
        from scipy import sparse

        # array("i") buffers, not lists: numpy reads them without converting a Python int per entry
        # (converting the lists was a tenth of the screener's time, issue 15 item 7).
        counts = sparse.csr_matrix(
            (np.ones(len(indices), dtype=np.float32), np.frombuffer(indices, dtype=np.int32),
             np.frombuffer(indptr, dtype=np.int32)),
            shape=(n_docs, len(vec.vocabulary_)),
        )
        counts.sum_duplicates()
        return vec._tfidf.transform(counts, copy=False).astype(np.float32)

    def _char_transform(self, norms: Sequence[Normalized]) -> sparse.csr_matrix:
        """Same matrix as `self.char.transform`, but with n-grams cached per word.

        Why: `char_wb` n-grams never cross a word boundary, so a post's counts are the sum of its
        words' counts; words repeat a lot, and caching them doubles the screener's throughput.
        """
        cache = self.__dict__.setdefault("_word_cache", {})
        if len(cache) > 300_000:
            cache.clear()
        vocab = self.char.vocabulary_
        analyzer = self.__dict__.get("_char_analyzer")
        if analyzer is None:
            analyzer = self._char_analyzer = self.char.build_analyzer()
        indices = array("i")
        indptr = array("i", [0])
        for norm in norms:
            for tok in norm.tokens:
                ids = cache.get(tok)
                if ids is None:
                    ids = cache[tok] = array("i", [vocab[g] for g in analyzer(tok) if g in vocab])
                indices.extend(ids)
            indptr.append(len(indices))
        return self._tfidf(self.char, indices, indptr, len(norms))
