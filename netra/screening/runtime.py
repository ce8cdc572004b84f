"""Scoring at screening time with numpy only: the trained model's weights, not its scikit-learn objects.

Why: `netra screen` forks worker processes from a parent that has loaded the model. Unpickling the
joblib artifact imports scikit-learn and SciPy (about 110 MB of modules in every process that touches
them, issue 15 "Speed/memory"); the model itself is two vocabularies, two idf vectors, a weight matrix
and six calibration numbers. `RuntimeModel` holds exactly those and computes the same numbers as the
scikit-learn pipeline (`FeatureBuilder.transform` -> `CalibratedClassifierCV.predict_proba`, and the
stance `LogisticRegression`): the same float32 operations in the same order (each row's sums run
left to right over its columns, as SciPy's and scikit-learn's loops do), so the probabilities agree
to the last bits, not just closely. `tests/screening/test_runtime.py` checks that against the
scikit-learn pipeline on the shipped labelled posts and the challenge sets.

The export (`export`, `load`) is a folder next to the artifact, `<version>.runtime/`: `meta.json`
(versions, threshold, classes, calibration, the sha256 of the joblib file it was made from), the
vocabularies as JSON lists in column order, and the arrays as `.npy` files, loaded memory-mapped
(read-only pages of the file, shared by every process instead of copied into each).
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from .features import add_word_columns, dense_row
from .lexicon import Match
from .normalize import Normalized

FORMAT = 1
_WORD_CACHE_MAX = 200_000
# Posts scored together by `RuntimeModel.predict` (see there).
PREDICT_BATCH = 256


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def char_wb_ngrams(word: str, min_n: int, max_n: int) -> list[str]:
    """scikit-learn's `char_wb` n-grams of one whitespace-free token (`_char_wb_ngrams`, lowercase off)."""
    out: list[str] = []
    append = out.append
    for w in word.split():
        w = " " + w + " "
        w_len = len(w)
        for n in range(min_n, max_n + 1):
            offset = 0
            append(w[offset: offset + n])
            while offset + n < w_len:
                offset += 1
                append(w[offset: offset + n])
            if offset == 0:  # a short word (w_len < n) counts once
                break
    return out


def _row_sums(lengths: np.ndarray, starts: np.ndarray, values: np.ndarray, out_dtype) -> np.ndarray:
    """Per row, ((0 + v[s]) + v[s+1]) + ...: each row summed left to right, as a C loop over a CSR
    row does (numpy's own reductions add in a different order, which can change the last bit).

    Vectorised across rows: rows sorted longest first, position p adds to the rows longer than p.
    """
    n = len(lengths)
    shape = (n,) + values.shape[1:]
    out = np.zeros(shape, dtype=out_dtype)
    if n == 0 or len(values) == 0:
        return out
    order = np.argsort(-lengths, kind="stable")
    lens = lengths[order]
    st = starts[order]
    acc = np.zeros(shape, dtype=out_dtype)
    # active[p] = number of rows longer than p (lens is non-increasing)
    neg = -lens
    maxlen = int(lens[0])
    active = np.searchsorted(neg, -np.arange(maxlen), side="left")
    for p in range(maxlen):
        k = int(active[p])
        acc[:k] += values[st[:k] + p]
    out[order] = acc
    return out


class RuntimeModel:
    """The screening model as numpy arrays; `predict` is `FeatureBuilder.transform` + `predict_proba`."""

    def __init__(self, meta: Mapping, word_vocab: Sequence[str], char_vocab: Sequence[str],
                 word_idf: np.ndarray, char_idf: np.ndarray, weights: np.ndarray, intercepts: np.ndarray):
        self.meta = dict(meta)
        self.word_vocab = {t: i for i, t in enumerate(word_vocab)}
        self.char_vocab = {t: i for i, t in enumerate(char_vocab)}
        # idf of the word columns, then of the character columns (as the columns of the weights)
        self.idf = np.concatenate([word_idf, char_idf])
        self.weights = np.asarray(weights)        # (n_features, n_classes + n_stance) float32
        self.intercepts = np.asarray(intercepts)  # (n_classes + n_stance,) float32
        self.classes: list[str] = list(meta["classes"])
        self.stance_classes: list[str] | None = meta.get("stance_classes")
        self.kind: str = meta["classifier"]
        self.cal_a = np.asarray(meta.get("cal_a", []), dtype=np.float64)
        self.cal_b = np.asarray(meta.get("cal_b", []), dtype=np.float64)
        self.dense_weight = float(meta["dense_weight"])
        self.char_range = tuple(meta["char_ngram_range"])
        self.n_word, self.n_char = len(self.word_vocab), len(self.char_vocab)
        if len(self.idf) != self.n_word + self.n_char:
            raise ValueError("runtime model: idf lengths do not match the vocabularies")
        self.n_features = int(weights.shape[0])
        self.n_cls = len(self.classes)
        self._word_cache: dict[str, array] = {}
        if len(self.word_vocab) != len(word_vocab) or len(self.char_vocab) != len(char_vocab):
            raise ValueError("runtime model: duplicate terms in a vocabulary")
        if self.n_features != self.n_word + self.n_char + int(meta["n_dense"]):
            raise ValueError("runtime model: weight rows do not match the vocabularies")

    @property
    def word_idf(self) -> np.ndarray:
        return self.idf[: self.n_word]

    @property
    def char_idf(self) -> np.ndarray:
        return self.idf[self.n_word:]

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_word_cache"] = {}
        return state

    # ---- building from the scikit-learn artifact and saving -------------------------------------
    @classmethod
    def from_artifact(cls, artifact: Mapping) -> RuntimeModel:
        """The weights of a trained artifact (`train.train`): its FeatureBuilder, classifier and stance."""
        features, clf, stance = artifact["features"], artifact["classifier"], artifact.get("stance")
        for vec, analyzer in ((features.word, "word"), (features.char, "char_wb")):
            if (vec.analyzer != analyzer or vec.lowercase or vec.strip_accents or vec.preprocessor
                    or not vec.sublinear_tf or not vec.use_idf or vec.norm != "l2" or vec.input != "content"):
                raise ValueError(f"runtime model: unsupported vectoriser settings {vec!r}")
        if features.word.token_pattern != r"\S+" or tuple(features.word.ngram_range) != (1, 2):
            raise ValueError("runtime model: the word vectoriser must be \\S+ tokens and bigrams")
        meta: dict = {"format": FORMAT, "dense_weight": float(features.dense_weight),
                      "char_ngram_range": [int(v) for v in features.char.ngram_range]}
        if hasattr(clf, "calibrated_classifiers_"):
            if clf.method != "sigmoid" or len(clf.calibrated_classifiers_) != 1:
                raise ValueError("runtime model: only a sigmoid-calibrated classifier with ensemble=False")
            cc = clf.calibrated_classifiers_[0]
            est = cc.estimator
            if list(cc.classes) != list(est.classes_) or len(est.classes_) < 3:
                raise ValueError("runtime model: unsupported calibrated classes")
            meta.update(classifier="calibrated_sigmoid", cal_a=[float(c.a_) for c in cc.calibrators],
                        cal_b=[float(c.b_) for c in cc.calibrators])
        else:
            est = clf
            if len(est.classes_) < 3:
                raise ValueError("runtime model: a plain classifier must be multinomial")
            meta["classifier"] = "logistic"
        meta["classes"] = [str(c) for c in clf.classes_]
        coef, icpt = [est.coef_], [est.intercept_]
        if stance is not None:
            meta["stance_classes"] = [str(c) for c in stance.classes_]
            meta["n_stance"] = int(stance.coef_.shape[0])
            coef.append(stance.coef_)
            icpt.append(stance.intercept_)
        dtypes = {c.dtype for c in coef} | {i.dtype for i in icpt}
        if dtypes != {np.dtype(np.float32)}:
            raise ValueError(f"runtime model: weights must be float32, not {dtypes}")
        weights = np.ascontiguousarray(np.concatenate(coef, axis=0).T)
        n_word, n_char = len(features.word.vocabulary_), len(features.char.vocabulary_)
        meta["n_dense"] = int(weights.shape[0] - n_word - n_char)
        for key in ("version", "lexicon_version", "features_version", "partisan_threshold"):
            meta[key] = artifact.get(key)
        word_vocab = sorted(features.word.vocabulary_, key=features.word.vocabulary_.__getitem__)
        char_vocab = sorted(features.char.vocabulary_, key=features.char.vocabulary_.__getitem__)
        return cls(meta, word_vocab, char_vocab, np.asarray(features.word.idf_), np.asarray(features.char.idf_),
                   weights, np.concatenate(icpt).astype(np.float32))

    def export(self, folder: str | Path, source_sha256: str | None = None) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        meta = dict(self.meta, source_sha256=source_sha256)
        for name, terms in (("word_vocab", self.word_vocab), ("char_vocab", self.char_vocab)):
            (folder / f"{name}.json").write_text(json.dumps(list(terms), ensure_ascii=False), encoding="utf-8")
        for name in ("word_idf", "char_idf", "weights", "intercepts"):
            np.save(folder / f"{name}.npy", np.ascontiguousarray(getattr(self, name)), allow_pickle=False)
        (folder / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return folder

    @classmethod
    def load(cls, folder: str | Path, mmap: bool = True) -> RuntimeModel:
        folder = Path(folder)
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"runtime model {folder}: format {meta.get('format')}, this code reads {FORMAT}")
        vocab = [json.loads((folder / f"{n}.json").read_text(encoding="utf-8")) for n in ("word_vocab", "char_vocab")]
        mode = "r" if mmap else None
        arrays = [np.load(folder / f"{n}.npy", mmap_mode=mode, allow_pickle=False)
                  for n in ("word_idf", "char_idf", "weights", "intercepts")]
        return cls(meta, vocab[0], vocab[1], *arrays)

    # ---- scoring -------------------------------------------------------------------------------
    def predict(self, norms: Sequence[Normalized], matches: Sequence[Match]) -> tuple[np.ndarray, np.ndarray | None]:
        """(class probabilities (n, classes) as `predict_proba`, stance decision values or None).

        Scored PREDICT_BATCH posts at a time: the numpy arrays of a batch are a few bytes per
        feature of every post, and a worker keeps its peak memory, so the batch bounds it.
        """
        n = len(norms)
        decision = np.empty((n, self.weights.shape[1]), dtype=np.float32)
        for i in range(0, n, PREDICT_BATCH):
            decision[i: i + PREDICT_BATCH] = self._decision(norms[i: i + PREDICT_BATCH], matches[i: i + PREDICT_BATCH])
        nc = self.n_cls
        return self._proba(decision[:, :nc]), (decision[:, nc:] if self.stance_classes else None)

    def _decision(self, norms: Sequence[Normalized], matches: Sequence[Match]) -> np.ndarray:
        """`X @ W + b` as SciPy computes it for the CSR rows of `FeatureBuilder.transform`."""
        lengths, cols, data = self._features(norms, matches)
        starts = np.zeros(len(lengths), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        terms = data[:, None] * self.weights[cols]  # float32, one rounding per product as in SciPy
        return _row_sums(lengths, starts, terms, np.float32) + self.intercepts

    def stance_proba(self, decision: np.ndarray) -> np.ndarray:
        """The stance model's `predict_proba` from its decision values."""
        if decision.shape[1] == 1:
            p = (1.0 / (1.0 + np.exp(-decision[:, 0]))).astype(decision.dtype)
            return np.stack([1 - p, p], axis=1)
        return _softmax(decision.copy())

    def _proba(self, decision: np.ndarray) -> np.ndarray:
        if self.kind == "logistic":
            return _softmax(decision.copy())
        proba = np.zeros((decision.shape[0], self.n_cls))
        for j in range(self.n_cls):  # _SigmoidCalibration.predict: expit(-(a * T + b)), float64
            x = -(np.float64(self.cal_a[j]) * decision[:, j] + np.float64(self.cal_b[j]))
            proba[:, j] = 1.0 / (1.0 + np.exp(-x))
        denominator = np.sum(proba, axis=1)[:, np.newaxis]
        uniform = np.full_like(proba, 1 / self.n_cls)
        proba = np.divide(proba, denominator, out=uniform, where=denominator != 0)
        proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
        return proba

    def _features(self, norms: Sequence[Normalized], matches: Sequence[Match]):
        """The CSR rows of `FeatureBuilder.transform`: (entries per row, columns, values), each row
        its word block, then its character block, then its dense block, columns ascending."""
        n = len(norms)
        w_rows, w_cols = self._word_ids(norms)
        c_rows, c_cols = self._char_ids(norms)
        # one tf-idf pass for both blocks: post r's word counts are sub-row 2r, its character counts
        # sub-row 2r + 1 (columns after the word vocabulary), so the entries come out in CSR order
        sub = np.concatenate([w_rows * 2, c_rows * 2 + 1])
        col = np.concatenate([w_cols, c_cols + self.n_word])
        tf_sub, tf_cols, tf_data = self._tfidf(sub, col, 2 * n)
        dense = np.asarray([dense_row(nm, m) for nm, m in zip(norms, matches, strict=True)], dtype=np.float32)
        dense = dense.reshape(n, -1)
        dense *= self.dense_weight
        d_rows, d_cols = np.nonzero(dense)
        d_data = dense[d_rows, d_cols]
        tf_len = np.bincount(tf_sub // 2, minlength=n)
        d_len = np.bincount(d_rows, minlength=n)
        lengths = (tf_len + d_len).astype(np.int64)
        starts = np.zeros(n, dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        total = int(lengths.sum())
        cols = np.empty(total, dtype=np.int64)
        data = np.empty(total, dtype=np.float32)
        # place each block's entries after the earlier blocks of the same row (no sort needed)
        tf_first = np.zeros(n, dtype=np.int64)
        np.cumsum(tf_len[:-1], out=tf_first[1:])
        tf_row = tf_sub // 2
        pos = starts[tf_row] + (np.arange(len(tf_sub)) - tf_first[tf_row])
        cols[pos], data[pos] = tf_cols, tf_data
        d_first = np.zeros(n, dtype=np.int64)
        np.cumsum(d_len[:-1], out=d_first[1:])
        pos = starts[d_rows] + tf_len[d_rows] + (np.arange(len(d_rows)) - d_first[d_rows])
        cols[pos], data[pos] = d_cols + (self.n_word + self.n_char), d_data
        return lengths, cols, data

    def _tfidf(self, rows: np.ndarray, cols: np.ndarray, n_rows: int):
        """TfidfTransformer (sublinear tf, idf, l2 per row) on counts, in its float32 arithmetic.

        Returns (row, column, value) sorted by row, then column, like a canonical CSR matrix.
        """
        width = self.n_word + self.n_char
        key_type = np.int32 if n_rows * width < 2**31 else np.int64
        keys, counts = np.unique((rows * width + cols).astype(key_type), return_counts=True)
        r, c = keys // width, keys % width
        data = counts.astype(np.float32)
        np.log(data, out=data)
        data += 1.0
        data *= self.idf[c]
        lengths = np.bincount(r, minlength=n_rows).astype(np.int64)
        # _inplace_csr_row_normalize_l2: float32 squares summed in a double, then x /= sqrt(sum).
        # Every value is >= 1 (1 + log(count) >= 1, idf >= 1), so every square is a float32 >= 1 whose
        # last bit is worth at least 2**-23; while a row's sum stays below 2**29 it fits a double's
        # 53 bits exactly, whatever the order of the additions: bincount's sum is then the loop's.
        sq = (data * data).astype(np.float64)
        norm = np.bincount(r, weights=sq, minlength=n_rows)
        if len(data) and (data.min() < 1.0 or norm.max() >= 2.0**29):  # not exact: add in the loop's order
            starts = np.zeros(n_rows, dtype=np.int64)
            np.cumsum(lengths[:-1], out=starts[1:])
            norm = _row_sums(lengths, starts, sq, np.float64)
        norm = np.sqrt(norm)
        data = (data.astype(np.float64) / np.repeat(norm, lengths)).astype(np.float32)
        return r.astype(np.int64), c.astype(np.int64), data

    def _word_ids(self, norms: Sequence[Normalized]) -> tuple[np.ndarray, np.ndarray]:
        get = self.word_vocab.get
        indices = array("q")
        counts = array("q")
        for norm in norms:
            before = len(indices)
            add_word_columns(indices, norm.tokens, get)
            counts.append(len(indices) - before)
        rows = np.repeat(np.arange(len(norms), dtype=np.int64), np.frombuffer(counts, dtype=np.int64))
        return rows, np.frombuffer(indices, dtype=np.int64)

    def _char_ids(self, norms: Sequence[Normalized]) -> tuple[np.ndarray, np.ndarray]:
        """Character n-gram columns per post, cached per word (`char_wb` n-grams never cross words)."""
        cache = self._word_cache
        if len(cache) > _WORD_CACHE_MAX:
            cache.clear()
        vocab = self.char_vocab
        lo, hi = self.char_range
        indices = array("q")
        counts = array("q")
        for norm in norms:
            before = len(indices)
            for tok in norm.tokens:
                ids = cache.get(tok)
                if ids is None:
                    ids = cache[tok] = array("q", [vocab[g] for g in char_wb_ngrams(tok, lo, hi) if g in vocab])
                indices.extend(ids)
            counts.append(len(indices) - before)
        rows = np.repeat(np.arange(len(norms), dtype=np.int64), np.frombuffer(counts, dtype=np.int64))
        return rows, np.frombuffer(indices, dtype=np.int64)


def _softmax(x: np.ndarray) -> np.ndarray:
    """sklearn.utils.extmath.softmax(x, copy=False)."""
    x -= np.max(x, axis=1).reshape(-1, 1)
    np.exp(x, x)
    x /= np.sum(x, axis=1).reshape(-1, 1)
    return x
