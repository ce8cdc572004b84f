"""The blind challenge set v3 (benchmarks/data/challenge_posts_v3.jsonl) parses and holds its mix.

v3 was written and committed before the attack and campaign-work changes of round 7 (issue 15),
heavy on attack and on coded regional posts, with hard negatives that look like them (news about an
attack, Bawaslu warnings, turnout calls). It is measured, never trained or tuned on; this test only
guards its shape.
"""

import json
from collections import Counter
from pathlib import Path

V3 = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "challenge_posts_v3.jsonl"
FIELDS = {"id", "text", "label", "stance", "contest", "form", "category", "posted_at"}


def _rows() -> list[dict]:
    return [json.loads(line) for line in V3.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_v3_parses_with_every_field_and_unique_ids():
    rows = _rows()
    assert len(rows) >= 80
    assert all(set(r) == FIELDS and r["text"].strip() for r in rows)
    assert len({r["id"] for r in rows}) == len({r["text"] for r in rows}) == len(rows)


def test_v3_is_attack_and_coded_regional_heavy_with_hard_negatives():
    rows = _rows()
    partisan = [r for r in rows if r["label"] == "partisan"]
    assert all(r["category"] == f"{r['stance']}/{r['contest']}/{r['form']}" for r in partisan)
    stance = Counter(r["stance"] for r in partisan)
    assert stance["attack"] > stance["support"]
    assert sum(r["contest"] == "regional" and r["form"] == "coded" for r in partisan) >= 20
    negatives = [r for r in rows if r["label"] != "partisan"]
    assert len(negatives) >= 30
    assert all(r["category"].startswith("negative/") and r["stance"] == "none" for r in negatives)
    assert {r["category"] for r in negatives} >= {"negative/news", "negative/kpu_bawaslu", "negative/official_duty"}


def test_v3_is_never_in_the_training_data():
    from netra.screening.train import read_jsonl, shipped_data_path

    trained = {r["text"].strip().lower() for r in read_jsonl(shipped_data_path())}
    assert not [r["id"] for r in _rows() if r["text"].strip().lower() in trained]
