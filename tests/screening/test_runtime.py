"""The numpy scoring path (runtime.py) gives the scikit-learn pipeline's probabilities.

The screener scores with `RuntimeModel` so that screening processes do not import scikit-learn or
SciPy (issue 15 "Speed/memory"). These tests compute the reference with the scikit-learn objects of
the shipped joblib artifact (`FeatureBuilder.transform`, `CalibratedClassifierCV.predict_proba`,
the stance `LogisticRegression`) on the shipped labelled posts and the challenge sets, and require
the runtime path, loaded from the shipped numpy export, to agree to 1e-9.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import joblib
import numpy as np
import pytest

from netra.screening.lexicon import Lexicon
from netra.screening.model import (
    Screener,
    clip_text,
    default_model_path,
    export_runtime,
    load_artifact,
    runtime_path,
)
from netra.screening.normalize import normalize
from netra.screening.runtime import RuntimeModel, char_wb_ngrams

ROOT = Path(__file__).resolve().parents[2]
CHALLENGES = ("challenge_posts.jsonl", "challenge_posts_v2.jsonl", "challenge_posts_v3.jsonl", "probe_posts.jsonl")
TOLERANCE = 1e-9


def _texts() -> list[str]:
    paths = [ROOT / "netra" / "screening" / "data" / "train.jsonl"] + [ROOT / "benchmarks" / "data" / c
                                                                        for c in CHALLENGES]
    texts = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return texts


@pytest.fixture(scope="module")
def reference():
    """(norms, matches, sklearn probabilities, sklearn stance probabilities, artifact)."""
    artifact = joblib.load(default_model_path())
    lexicon = Lexicon.load()
    texts = _texts()
    assert len(texts) > 2500
    norms = [normalize(clip_text(t, 20_000)[0]) for t in texts]
    matches = [lexicon.match(n, None) for n in norms]
    X = artifact["features"].transform(norms, matches)
    return norms, matches, artifact["classifier"].predict_proba(X), artifact["stance"].predict_proba(X), artifact


def _divergence(runtime: RuntimeModel, reference) -> tuple[float, int]:
    """(largest probability difference, stance labels that differ) of `runtime` against scikit-learn."""
    norms, matches, proba_ref, stance_ref, _ = reference
    proba, stance_decision = runtime.predict(norms, matches)
    stance = runtime.stance_proba(stance_decision)
    assert proba.shape == proba_ref.shape
    return float(np.abs(proba - proba_ref).max()), int((stance.argmax(1) != stance_ref.argmax(1)).sum())


def test_shipped_export_is_of_the_shipped_artifact():
    artifact = load_artifact()
    assert "runtime" in artifact, "the shipped model has no numpy export (or it is of another joblib file)"
    meta = json.loads((runtime_path(default_model_path()) / "meta.json").read_text(encoding="utf-8"))
    manifest = json.loads((default_model_path().parent / "manifest.json").read_text(encoding="utf-8"))
    assert meta["version"] == manifest["version"]
    assert meta["partisan_threshold"] == manifest["partisan_threshold"]


def test_runtime_scores_equal_sklearn_scores(reference):
    runtime = load_artifact()["runtime"]
    worst, stance_diff = _divergence(runtime, reference)
    assert worst <= TOLERANCE, f"runtime probabilities differ from scikit-learn's by {worst}"
    assert stance_diff == 0


def test_runtime_built_in_memory_equals_sklearn(reference):
    worst, stance_diff = _divergence(RuntimeModel.from_artifact(reference[4]), reference)
    assert worst <= TOLERANCE and stance_diff == 0


@pytest.mark.parametrize("damage", ["weight", "idf", "calibration", "dense_weight"])
def test_comparison_catches_a_diverging_runtime(reference, damage):
    """The check above can fail: a runtime model with one number changed is caught."""
    runtime = RuntimeModel.from_artifact(reference[4])
    if damage == "weight":
        runtime.weights = runtime.weights.copy()
        runtime.weights[runtime.word_vocab["coblos"], 1] += 1e-3
    elif damage == "idf":
        runtime.idf = runtime.idf.copy()
        runtime.idf[runtime.n_word + runtime.char_vocab[" pr"]] *= 1.0001
    elif damage == "calibration":
        runtime.cal_a = runtime.cal_a.copy()
        runtime.cal_a[0] += 1e-6
    else:
        runtime.dense_weight = 2.0001
    worst, _ = _divergence(runtime, reference)
    assert worst > TOLERANCE


def test_char_ngrams_equal_sklearn_analyzer(reference):
    analyzer = reference[4]["features"].char.build_analyzer()
    words = {tok for n in reference[0] for tok in n.tokens}
    words |= {"a", "ab", "abcdef", "x y", "  spaced  out "}
    assert all(char_wb_ngrams(w, 2, 5) == analyzer(w) for w in words)


def test_word_columns_equal_sklearn_vectorizer(reference):
    """The shared token + bigram lookup (features.add_word_columns, used by both paths) builds the
    matrix scikit-learn's own word analysis does, so the two paths cannot agree on a wrong one."""
    norms, features = reference[0][:800], reference[4]["features"]
    ours = features._word_transform(norms)
    theirs = features.word.transform([" ".join(n.tokens) for n in norms])
    assert ours.shape == theirs.shape and abs(ours - theirs).max() < 1e-6


def test_screener_results_equal_with_either_loader(tmp_path, reference):
    """A Screener built from the joblib artifact and one loaded from the export give the same results."""
    texts = _texts()[::7]
    from_joblib = Screener(reference[4]).screen_many(texts, ["share"] * len(texts), ["2024-01-10"] * len(texts))
    from_export = Screener.load().screen_many(texts, ["share"] * len(texts), ["2024-01-10"] * len(texts))
    assert [r.to_dict() for r in from_joblib] == [r.to_dict() for r in from_export]


def test_stale_export_is_not_used(tmp_path, reference):
    """An export made from another joblib file (sha256 differs) is ignored: the joblib file is loaded."""
    path = tmp_path / "m.joblib"
    joblib.dump(reference[4], path)
    export_runtime(reference[4], path)
    assert "runtime" in load_artifact(path)
    joblib.dump(dict(reference[4], partisan_threshold=0.42), path)
    artifact = load_artifact(path)
    assert "runtime" not in artifact and artifact["partisan_threshold"] == 0.42
    assert Screener.load(path).partisan_threshold == 0.42


def test_screening_imports_no_sklearn_or_scipy():
    code = ("import sys; from netra.screening.cli import screen_main; from netra.screening import Screener; "
            "s = Screener.load(); s.screen_many(['Ayo coblos 02!', 'harga cabai naik']); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy', 'joblib'}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
