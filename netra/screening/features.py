"""Feature extraction: word and character n-grams of the normalised text plus lexicon features.

Why this mix: word n-grams learn the campaign tone of the training period, character n-grams survive
misspellings and glued words, and the lexicon features describe cues in a contest-independent way
("a slogan of some contestant next to a voting word"), which is what lets the model carry over to
contests it never saw in training once their names are added to the lexicon.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from .lexicon import Match
from .normalize import Normalized

DENSE_FEATURES = (
    "cue_name", "cue_party", "cue_slogan", "cue_hashtag", "cue_gesture", "cue_number", "cue_account",
    "cue_mock", "cue_uncounted", "context_terms", "neutral_terms", "attack_terms", "support_terms",
    "distinct_targets", "any_cue", "hashtags", "mentions", "has_url", "length",
    "attack_near_cue", "support_near_cue", "capitalised_words", "upper_words", "exclamations", "questions",
    "quotes", "news_outlet",
)
NEAR = 6
_WORD = re.compile(r"[^\W\d_]+")
_NEWS = frozenset(
    "kompas detik antara tribun kumparan cnn liputan6 okezone tempo republika sindonews merdeka viva idntimes "
    "metrotv inews jpnn beritasatu tvone bisnis katadata tirto".split()
)
_KIND_SLOT = {"name": 0, "nickname": 0, "party": 1, "slogan": 2, "hashtag": 3, "gesture": 4, "number": 5,
              "account": 6, "mock": 7}


def dense_row(norm: Normalized, match: Match) -> list[float]:
    """Contest-independent lexicon features of one post (log-scaled counts)."""
    row = [0.0] * len(DENSE_FEATURES)
    keys = set()
    for h in match.hits:
        if h.counted:  # `base`, not `chosen`: the features never depend on the posting date
            row[_KIND_SLOT[h.base.kind]] += 1.0
            keys.add(h.base.key)
        else:
            row[8] += 1.0
    row[9] = match.context
    row[10] = match.neutral
    row[11] = match.attack
    row[12] = match.support
    row[13] = len(keys)
    row[14] = 1.0 if keys else 0.0
    row[15] = len(norm.hashtags)
    row[16] = len(norm.mentions)
    row[17] = 1.0 if "xurl" in norm.tokens else 0.0
    row[18] = len(norm.tokens) / 10.0
    cue_pos = [h.first for h in match.hits if h.counted]
    if cue_pos:
        row[19] = sum(1 for a in match.attack_pos if any(abs(a - c) <= NEAR for c in cue_pos))
        row[20] = sum(1 for a in match.support_pos if any(abs(a - c) <= NEAR for c in cue_pos))
    # Style of the original text: headlines (Title Case, outlet names) read as reporting, not campaigning.
    # Only Title-case words count: ALL CAPS is shouting, not a headline. Whether a post is all
    # lowercase is not a feature: in the training data it mostly tells which data set a post came from.
    text = norm.original
    words = _WORD.findall(text)
    nw = max(1, len(words))
    row[21] = sum(w[0].isupper() and not w.isupper() for w in words) / nw
    row[22] = sum(len(w) > 1 and w.isupper() for w in words) / nw
    row[23] = text.count("!")
    row[24] = text.count("?")
    row[25] = 1.0 if ('"' in text or "\u201c" in text) else 0.0
    row[26] = 1.0 if not _NEWS.isdisjoint(norm.tokens) else 0.0
    return [math.log1p(v) for v in row]


class FeatureBuilder:
    """Fits the vectorisers once, then turns (normalised post, lexicon match) pairs into a matrix."""

    def __init__(self, dense_weight: float = 1.0, char_max_features: int = 60_000):
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
        dense = np.asarray([dense_row(n, m) for n, m in zip(norms, matches, strict=True)], dtype=np.float32)
        dense *= self.dense_weight
        return sparse.hstack(
            [self._word_transform(norms), self._char_transform(norms), sparse.csr_matrix(dense)], format="csr"
        )

    def _word_transform(self, norms: Sequence[Normalized]) -> sparse.csr_matrix:
        """Same matrix as `self.word.transform` (tokens and bigrams), without re-tokenising the text."""
        vocab = self.word.vocabulary_
        get = vocab.get
        indices: list[int] = []
        indptr = [0]
        for norm in norms:
            toks = norm.tokens
            for tok in toks:
                i = get(tok)
                if i is not None:
                    indices.append(i)
            for a, b in zip(toks, toks[1:], strict=False):
                i = get(a + " " + b)
                if i is not None:
                    indices.append(i)
            indptr.append(len(indices))
        return self._tfidf(self.word, indices, indptr, len(norms))

    @staticmethod
    def _tfidf(vec, indices, indptr, n_docs) -> sparse.csr_matrix:
        counts = sparse.csr_matrix(
            (np.ones(len(indices), dtype=np.float32), np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
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
        indices: list[int] = []
        indptr = [0]
        for norm in norms:
            for tok in norm.tokens:
                ids = cache.get(tok)
                if ids is None:
                    ids = cache[tok] = [vocab[g] for g in analyzer(tok) if g in vocab]
                indices.extend(ids)
            indptr.append(len(indices))
        return self._tfidf(self.char, indices, indptr, len(norms))
