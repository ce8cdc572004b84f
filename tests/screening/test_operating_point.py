"""The recall-first operating point (issue 15 item 5): most partisan recall at precision >= 0.80."""

import numpy as np

from netra.screening.model import LABELS
from netra.screening.train import choose_recall_first, precision_recall_curve


def _proba(p_partisan):
    out = np.zeros((len(p_partisan), len(LABELS)))
    out[:, LABELS.index("partisan")] = p_partisan
    out[:, LABELS.index("political_neutral")] = 1 - np.asarray(p_partisan)
    return out


def test_the_lowest_threshold_that_keeps_precision_wins():
    gold = ["partisan"] * 8 + ["political_neutral"] * 4
    scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.12, 0.45, 0.2, 0.1, 0.05]
    curve = precision_recall_curve(gold, _proba(scores), None, grid=(0.1, 0.25, 0.35, 0.5))
    by_t = {c["threshold"]: c for c in curve}
    assert by_t[0.5]["precision"] == 1.0 and by_t[0.5]["recall"] == 5 / 8
    assert by_t[0.25]["recall"] == 7 / 8 and abs(by_t[0.25]["precision"] - 7 / 8) < 1e-9
    assert by_t[0.1]["recall"] == 1.0 and by_t[0.1]["precision"] < 0.8
    assert choose_recall_first(curve)["threshold"] == 0.25


def test_rules_count_as_flags_and_no_admissible_point_falls_back_to_f1():
    gold = ["partisan", "partisan", "political_neutral", "non_political"]
    rules = np.array([False, True, False, False])
    curve = precision_recall_curve(gold, _proba([0.9, 0.01, 0.95, 0.96]), rules, grid=(0.5, 0.99))
    assert curve[1]["recall"] == 0.5 and curve[1]["precision"] == 1.0  # the rule alone flags row 2
    assert curve[0]["precision"] == 0.5
    assert choose_recall_first(curve, min_precision=0.99)["threshold"] == 0.99


def test_seed_guard_raises_a_threshold_that_flags_a_seed_article():
    """A recall-first point low enough to flag a seed news article is refused (issue 15)."""
    from netra.screening import Screener
    from netra.screening.train import guard_threshold, seed_guard_texts

    seeds = seed_guard_texts()
    assert len(seeds) == 5
    screener = Screener.load()
    low = 0.05
    screener.partisan_threshold = low
    assert any(r.label == "partisan" for r in screener.screen_many(seeds))  # the unguarded point flags one
    chosen, report = guard_threshold(screener, seeds, low)
    assert report["raised"] and chosen is not None and chosen > low
    screener.partisan_threshold = chosen
    assert not any(r.label == "partisan" for r in screener.screen_many(seeds))
    safe, report = guard_threshold(Screener.load(), seeds, 0.55)
    assert safe == 0.55 and not report["raised"]
