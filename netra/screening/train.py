"""Reproducible training of the screening model.

Why it is built this way: the shipped model must be rebuildable by anyone from the repository alone
(shipped `train.jsonl` plus, optionally, verifier-confirmed feedback), with a fixed seed, and must
say what it was trained on (data hash, seed, library versions, metrics) so a platform admin can tell
models apart. Hyper-parameters are chosen by cross-validation on the training part only; the
held-out split (a stable hash of the id, stratified by label) is used for reporting, never tuning.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import joblib
import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold

from .features import FEATURES_VERSION, FeatureBuilder
from .lexicon import Lexicon
from .model import LABELS, Screener, decide, export_runtime, rule_for
from .normalize import normalize, plain_copy

DEFAULT_SEED = 13
TEST_FRACTION = 0.2
C_GRID = (1.0, 3.0, 10.0)
THRESHOLD_GRID = (0.30, 0.35, 0.40, 0.45, 0.50, 0.55)
# Recall-first operating point (issue 15): partisan recall >= 0.90 wanted, precision kept >= 0.80,
# both on pooled leave-one-source-out predictions.
RECALL_GRID = tuple(round(0.05 + 0.025 * i, 3) for i in range(23))  # 0.05 … 0.60
MIN_PRECISION = 0.80
TARGET_RECALL = 0.90
# The five news articles on ASN neutrality (issue 15: "the seed articles still not partisan"). They
# live with the tests (tests/screening/fixtures/seeds, quoted unchanged, publishers' copyright), so
# training from a source checkout guards them; an installed package without them trains unguarded
# and says so in the manifest (`seed_guard.n_texts == 0`).
SEED_GUARD_DIR = Path(__file__).resolve().parents[2] / "tests" / "screening" / "fixtures" / "seeds"


def seed_guard_texts(directory: str | Path | None = None) -> list[str]:
    """Texts that no shipped operating point may flag partisan (the seed news articles)."""
    folder = Path(directory) if directory else SEED_GUARD_DIR
    return [f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt"))] if folder.is_dir() else []


def guard_threshold(screener: Screener, texts: Sequence[str], threshold: float | None,
                    grid: Sequence[float] = RECALL_GRID) -> tuple[float | None, dict]:
    """The chosen threshold if no guard text is partisan there, else the lowest grid one that keeps them not.

    Why: a plain recall-first retrain picked 0.30, which flags a seed news article about neutrality;
    a flagged news report sends verifiers after journalists' words. Raising the threshold only
    helps posts the model scores; a post a decision rule forces partisan cannot be fixed here, so
    that is an error (fix the rule or the lexicon instead).
    """
    report: dict = {"n_texts": len(texts), "chosen": threshold, "raised": False}
    if not texts:
        return threshold, report
    screener.partisan_threshold = threshold
    results = screener.screen_many(list(texts))
    scores = [r.scores["partisan"] for r in results]
    report["max_partisan_score"] = round(max(scores), 4)
    if not any(r.label == "partisan" for r in results):
        return threshold, report
    for candidate in sorted(t for t in grid if threshold is None or t > threshold):
        screener.partisan_threshold = candidate
        if not any(r.label == "partisan" for r in screener.screen_many(list(texts))):
            report.update({"raised": True, "threshold": candidate})
            return candidate, report
    raise ValueError("a seed news article is partisan at every threshold (a decision rule forces it); "
                     "fix the rule or the lexicon before shipping")
AUGMENT_PLAIN = False  # tried: see docs/screening.md (plain copies made hard negatives such as "kucing gemoy" partisan)


def shipped_data_path() -> Path:
    return Path(str(resources.files("netra.screening.data").joinpath("train.jsonl")))


def read_jsonl(path: str | Path) -> list[dict]:
    """Read labelled rows; rows without text or with an unknown label are skipped."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            row = json.loads(line)
            if row.get("text") and row.get("label") in LABELS:
                rows.append(row)
    return rows


def _stable_hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def split_holdout(rows: Sequence[dict], fraction: float = TEST_FRACTION) -> tuple[list[dict], list[dict]]:
    """Stratified, stable split: within each label, the ids with the smallest hashes are held out.

    Depends only on ids and labels, so the split does not move when rows are re-ordered.
    """
    train, test = [], []
    for label in LABELS:
        group = sorted((r for r in rows if r["label"] == label), key=lambda r: _stable_hash(str(r["id"])))
        k = round(len(group) * fraction)
        test.extend(group[:k])
        train.extend(group[k:])
    return train, test


def data_hash(rows: Iterable[dict]) -> str:
    h = hashlib.sha256()
    for r in sorted(rows, key=lambda r: str(r["id"])):
        h.update(json.dumps([r["id"], r["text"], r["label"], r.get("stance")], ensure_ascii=False).encode())
    return h.hexdigest()[:16]


def merge_feedback(rows: list[dict], feedback: list[dict]) -> list[dict]:
    """Verifier feedback overrides a shipped row with the same id and adds new ones."""
    by_id = {str(r["id"]): r for r in rows}
    for f in feedback:
        by_id[str(f["id"])] = f
    return list(by_id.values())


def _featurise(rows: Sequence[dict], lexicon: Lexicon, plain: bool = False):
    """Normalised posts and lexicon matches, undated: the model's features never see a date."""
    norms = [normalize(plain_copy(r["text"]) if plain else r["text"]) for r in rows]
    return norms, [lexicon.match(n) for n in norms]


def _fit(rows: Sequence[dict], seed: int, c_value: float, lexicon: Lexicon, calibrate: bool = True,
         augment: bool = AUGMENT_PLAIN):
    """Fit features, the label model and the stance model on `rows`.

    With `augment`, every row is also trained on as its plain copy (`normalize.plain_copy`), and the
    calibration folds keep a row and its copy together, so no copy is scored by a model that saw it.
    """
    rows = list(rows)
    n = len(rows)
    norms, matches = _featurise(rows, lexicon)
    if augment:
        plain_norms, plain_matches = _featurise(rows, lexicon, plain=True)
        norms, matches = norms + plain_norms, matches + plain_matches
    features = FeatureBuilder().fit(norms)
    X = features.transform(norms, matches)
    y0 = np.array([r["label"] for r in rows])
    y = np.concatenate([y0, y0]) if augment else y0
    base = LogisticRegression(C=c_value, max_iter=3000, class_weight="balanced", random_state=seed)
    if calibrate:
        skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
        folds = list(skf.split(np.zeros(n), y0))
        if augment:
            folds = [(np.concatenate([tr, tr + n]), np.concatenate([te, te + n])) for tr, te in folds]
        clf = CalibratedClassifierCV(base, method="sigmoid", cv=folds, ensemble=False)
    else:
        clf = base
    clf.fit(X, y)
    part = y == "partisan"
    stance_y0 = np.array([r.get("stance") or "support" for r in rows])
    stance_y = (np.concatenate([stance_y0, stance_y0]) if augment else stance_y0)[part]
    stance = None
    if len(set(stance_y)) > 1:
        stance = LogisticRegression(C=c_value, max_iter=3000, class_weight="balanced", random_state=seed)
        stance.fit(X[part], stance_y)
    return features, clf, stance


def fit_predict_proba(train_rows: Sequence[dict], test_rows: Sequence[dict], seed: int, c_value: float,
                      lexicon: Lexicon, calibrate: bool = False, augment: bool = AUGMENT_PLAIN) -> np.ndarray:
    """Fit on `train_rows`, return class probabilities of `test_rows` with columns in `LABELS` order.

    The one fit-then-score step behind cross-validation and the benchmark's leave-one-source-out rows.
    """
    features, clf, _ = _fit(train_rows, seed, c_value, lexicon, calibrate=calibrate, augment=augment)
    p = clf.predict_proba(features.transform(*_featurise(test_rows, lexicon)))
    classes = [str(c) for c in clf.classes_]
    return p[:, [classes.index(lab) for lab in LABELS]]


def cross_validate(rows: Sequence[dict], seed: int, c_grid: Sequence[float], lexicon: Lexicon, folds: int = 5,
                   calibrate: bool = False, augment: bool = AUGMENT_PLAIN):
    """Mean macro-F1 and partisan F1 per C over stratified folds of the training part.

    Also returns, per C, the out-of-fold class probabilities (for choosing the decision threshold).
    Validation folds are always the posts as written; only training folds are augmented.
    """
    y = np.array([r["label"] for r in rows])
    results, oof = {}, {}
    for c_value in c_grid:
        macro, partisan = [], []
        proba = np.zeros((len(rows), len(LABELS)))
        skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
        for tr, te in skf.split(np.zeros(len(y)), y):
            proba[te] = fit_predict_proba([rows[i] for i in tr], [rows[i] for i in te], seed, c_value, lexicon,
                                          calibrate=calibrate, augment=augment)
            pred = np.asarray(LABELS)[proba[te].argmax(axis=1)]
            macro.append(f1_score(y[te], pred, average="macro"))
            partisan.append(f1_score(y[te] == "partisan", pred == "partisan"))
        results[c_value] = {"macro_f1": float(np.mean(macro)), "partisan_f1": float(np.mean(partisan))}
        oof[c_value] = proba
    return results, oof


def choose_threshold(y: Sequence[str], proba: np.ndarray, grid: Sequence[float] = THRESHOLD_GRID,
                     max_macro_loss: float = 0.005) -> tuple[float | None, dict]:
    """Partisan threshold with the best out-of-fold partisan F1, if macro-F1 stays within `max_macro_loss`."""
    y = np.asarray(y)
    table = {}
    for t in (None, *grid):
        pred = np.asarray(LABELS)[decide(proba, LABELS, t)]
        table["argmax" if t is None else f"{t:.2f}"] = {
            "partisan_f1": float(f1_score(y == "partisan", pred == "partisan")),
            "macro_f1": float(f1_score(y, pred, average="macro"))}
    floor = table["argmax"]["macro_f1"] - max_macro_loss
    best = max((k for k in table if table[k]["macro_f1"] >= floor), key=lambda k: table[k]["partisan_f1"])
    return (None if best == "argmax" else float(best)), table


def rule_mask(rows: Sequence[dict], lexicon: Lexicon) -> np.ndarray:
    """Rows that a decision rule makes partisan whatever the score (`model.rule_for`)."""
    out = []
    for r in rows:
        norm = normalize(r["text"])
        out.append(rule_for(norm, lexicon.match(norm)) is not None)
    return np.asarray(out, dtype=bool)


def loso_predictions(rows: Sequence[dict], seed: int, c_value: float, lexicon: Lexicon) -> tuple[np.ndarray, list[str]]:
    """Calibrated out-of-source probabilities: each source's rows scored by a model of the other sources.

    Why: the held-out split shares sources with the training rows and flatters the model; a post
    from a platform or election the model never saw is what the screener meets in production, so
    the operating point is chosen on these probabilities (pooled over all sources).
    """
    proba = np.zeros((len(rows), len(LABELS)))
    sources = sorted({str(r.get("source")) for r in rows})
    for source in sources:
        test_ix = [i for i, r in enumerate(rows) if str(r.get("source")) == source]
        train_rows = [r for r in rows if str(r.get("source")) != source]
        proba[test_ix] = fit_predict_proba(train_rows, [rows[i] for i in test_ix], seed, c_value, lexicon,
                                           calibrate=True)
    return proba, sources


def precision_recall_curve(y: Sequence[str], proba: np.ndarray, rules: np.ndarray | None,
                           grid: Sequence[float] = RECALL_GRID) -> list[dict]:
    """Partisan precision, recall and F1 at each threshold, with the decision rules applied."""
    y = np.asarray(y) == "partisan"
    curve = []
    for t in grid:
        pred = decide(proba, LABELS, t, bare_campaign=rules) == LABELS.index("partisan")
        tp = int(np.sum(pred & y))
        p = tp / max(1, int(pred.sum()))
        r = tp / max(1, int(y.sum()))
        curve.append({"threshold": round(float(t), 2), "precision": p, "recall": r,
                      "f1": 2 * p * r / (p + r) if p + r else 0.0})
    return curve


def choose_recall_first(curve: Sequence[dict], min_precision: float = MIN_PRECISION) -> dict:
    """The operating point: the highest recall whose precision is at least `min_precision`.

    A flag costs a verifier a minute; a miss lets a violation pass. So among thresholds that keep
    precision at or above the floor, take the one with the most recall (the higher threshold on a
    tie). When no threshold reaches the floor, the best F1.
    """
    ok = [c for c in curve if c["precision"] >= min_precision]
    if not ok:
        return max(curve, key=lambda c: (c["f1"], c["threshold"]))
    return max(ok, key=lambda c: (c["recall"], c["threshold"]))


def metrics(y_true: Sequence[str], y_pred: Sequence[str]) -> dict:
    """Per-class and partisan-vs-rest precision/recall/F1, plus macro-F1."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=list(LABELS), zero_division=0)
    out = {"per_class": {lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]),
                               "support": int(s[i])} for i, lab in enumerate(LABELS)}}
    out["macro_f1"] = float(np.mean(f))
    pp, rr, ff, _ = precision_recall_fscore_support(y_true == "partisan", y_pred == "partisan",
                                                    average="binary", zero_division=0)
    out["partisan"] = {"precision": float(pp), "recall": float(rr), "f1": float(ff)}
    out["accuracy"] = float(np.mean(y_true == y_pred))
    return out


def build_artifact(rows: Sequence[dict], seed: int = DEFAULT_SEED, c_grid: Sequence[float] = C_GRID,
                   lexicon: Lexicon | None = None, version: str | None = None, cv_folds: int = 5,
                   operating_point: str = "recall", guard_texts: Sequence[str] = (),
                   fixed_c: float | None = None) -> tuple[dict, dict]:
    """Choose C and the partisan threshold by cross-validation on `rows`, fit, return (artifact, info).

    `operating_point="recall"` (the default, issue 15) takes the threshold from pooled
    leave-one-source-out probabilities: the most partisan recall at precision >= 0.80
    (`choose_recall_first`); `"f1"` (or rows from a single source) keeps the CV F1 rule below.

    C by macro-F1 of uncalibrated folds; then the calibrated model of that C is cross-validated once
    more to get out-of-fold probabilities on the scale the shipped model outputs, and the threshold
    is the one with the best partisan F1 there (`choose_threshold`). With a single C, no CV at all.
    Last, `guard_threshold` refuses a threshold that flags any of `guard_texts` (the seed articles).
    `fixed_c` skips the choice of C (the C cross-validation is the slow part: 15 fits) but keeps the
    recall-first operating point on pooled leave-one-source-out.
    """
    lexicon = lexicon or Lexicon.load()
    rows = list(rows)
    if fixed_c is not None:
        cv, c_value = {}, float(fixed_c)
    else:
        cv = cross_validate(rows, seed, c_grid, lexicon, folds=cv_folds)[0] if len(c_grid) > 1 else {}
        c_value = max(cv, key=lambda c: cv[c]["macro_f1"]) if cv else c_grid[0]
    threshold, table, operating = None, {}, None
    if ((cv or fixed_c is not None) and operating_point == "recall"
            and len({str(r.get("source")) for r in rows}) > 1):
        proba, _sources = loso_predictions(rows, seed, c_value, lexicon)
        curve = precision_recall_curve([r["label"] for r in rows], proba, rule_mask(rows, lexicon))
        operating = choose_recall_first(curve)
        threshold, table = operating["threshold"], {"loso_curve": curve}
    elif cv:
        calibrated, oof = cross_validate(rows, seed, (c_value,), lexicon, folds=cv_folds, calibrate=True)
        threshold, table = choose_threshold([r["label"] for r in rows], oof[c_value])
    features, clf, stance = _fit(rows, seed, c_value, lexicon)
    version = version or f"{lexicon.version}-f{FEATURES_VERSION}-s{seed}-{data_hash(rows)[:8]}"
    artifact = {"version": version, "lexicon_version": lexicon.version, "features_version": FEATURES_VERSION,
                "features": features,
                "classifier": clf, "stance": stance, "labels": list(LABELS), "partisan_threshold": threshold}
    threshold, guard = guard_threshold(Screener(artifact, lexicon), guard_texts, threshold)
    artifact["partisan_threshold"] = threshold
    info = {"seed_guard": guard, "C": c_value, "cv": {str(k): v for k, v in cv.items()},
            "partisan_threshold": threshold,
            "threshold_cv": table, "augment_plain": AUGMENT_PLAIN, "operating_point": operating}
    return artifact, info


def evaluate_holdout(rows: Sequence[dict], seed: int = DEFAULT_SEED, c_grid: Sequence[float] = C_GRID,
                     lexicon: Lexicon | None = None, fixed_c: float | None = None) -> tuple[dict, Screener, list[dict]]:
    """Train on the non-held-out part only and report metrics on the held-out part."""
    lexicon = lexicon or Lexicon.load()
    train_rows, test_rows = split_holdout(rows)
    artifact, info = build_artifact(train_rows, seed, c_grid, lexicon, version="holdout", fixed_c=fixed_c)
    screener = Screener(artifact, lexicon)
    preds = [r.label for r in screener.screen_many([r["text"] for r in test_rows])]
    m = metrics([r["label"] for r in test_rows], preds)
    m["C"] = info["C"]
    m["partisan_threshold"] = info["partisan_threshold"]
    m["threshold_cv_on_train_part"] = info["threshold_cv"]
    m["cv_on_train_part"] = info["cv"]
    m["n_train"], m["n_test"] = len(train_rows), len(test_rows)
    return m, screener, test_rows


def train(data_path: str | Path | None = None, feedback_path: str | Path | None = None,
          seed: int = DEFAULT_SEED, out_dir: str | Path | None = None, version: str | None = None,
          c_grid: Sequence[float] = C_GRID, with_holdout_metrics: bool = True, limit: int | None = None,
          write: bool = True, fixed_c: float | None = None) -> tuple[dict, dict]:
    """Train the model on the shipped data (+ feedback) and write `<out_dir>/<version>.joblib`.

    Returns (artifact, manifest). The shipped artifact is trained on all rows; the manifest's
    `holdout` metrics come from a second model trained without the held-out rows. `limit` keeps the
    first N rows of a stable order (for quick tests).
    """
    rows = read_jsonl(data_path or shipped_data_path())
    if feedback_path:
        rows = merge_feedback(rows, read_jsonl(feedback_path))
    if limit:
        rows = sorted(rows, key=lambda r: _stable_hash(str(r["id"])))[:limit]
    lexicon = Lexicon.load()
    holdout = evaluate_holdout(rows, seed, c_grid, lexicon, fixed_c)[0] if with_holdout_metrics else None
    artifact, info = build_artifact(rows, seed, c_grid, lexicon, version, guard_texts=seed_guard_texts(),
                                    fixed_c=fixed_c)
    manifest = {
        "seed_guard": info["seed_guard"],
        "version": artifact["version"],
        "artifact": f"{artifact['version']}.joblib",
        "lexicon_version": lexicon.version,
        "features_version": FEATURES_VERSION,
        "data_hash": data_hash(rows),
        "n_rows": len(rows),
        "feedback": str(feedback_path) if feedback_path else None,
        "seed": seed,
        "C": info["C"],
        "C_fixed": fixed_c is not None,  # True: C given (`--c`), not chosen by cross-validation
        "cv": info["cv"],
        "partisan_threshold": info["partisan_threshold"],
        "threshold_cv": info["threshold_cv"],
        "operating_point": info["operating_point"],
        "augment_plain": info["augment_plain"],
        "holdout": holdout,
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "trained_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if write:
        out = Path(out_dir) if out_dir else Path(str(resources.files("netra.screening").joinpath("models")))
        out.mkdir(parents=True, exist_ok=True)
        joblib.dump(artifact, out / manifest["artifact"], compress=3)
        # the numpy export that screening loads without scikit-learn (runtime.py)
        export_runtime(artifact, out / manifest["artifact"])
        (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    return artifact, manifest
