import json

from netra.screening.model import Screener
from netra.screening.train import read_jsonl, shipped_data_path, split_holdout, train

PROBES = ["ayo coblos 02 prabowo gibran", "jadwal debat capres malam ini", "makan bakso enak", "dasar kadrun",
          "anies presiden kita #AMINAjaDulu"]


def test_training_is_reproducible_with_a_fixed_seed(tmp_path):
    a1, m1 = train(seed=7, out_dir=tmp_path / "one", c_grid=(3.0,), with_holdout_metrics=False, limit=300)
    a2, m2 = train(seed=7, out_dir=tmp_path / "two", c_grid=(3.0,), with_holdout_metrics=False, limit=300)
    assert m1["version"] == m2["version"] and m1["data_hash"] == m2["data_hash"]
    p1 = [r.to_dict() for r in Screener(a1).screen_many(PROBES)]
    p2 = [r.to_dict() for r in Screener(a2).screen_many(PROBES)]
    assert p1 == p2
    manifest = json.loads((tmp_path / "one" / "manifest.json").read_text())
    assert (tmp_path / "one" / manifest["artifact"]).exists()
    assert manifest["seed"] == 7 and manifest["n_rows"] == 300


def test_feedback_is_merged(tmp_path):
    fb = tmp_path / "fb.jsonl"
    fb.write_text(json.dumps({"id": "fb1", "text": "ayo menangkan paslon nomor 9 di pilkada", "label": "partisan",
                              "stance": "support"}) + "\n", encoding="utf-8")
    _, m = train(feedback_path=fb, seed=7, out_dir=tmp_path, c_grid=(3.0,), with_holdout_metrics=False,
                 limit=None, write=False)
    assert m["n_rows"] == len(read_jsonl(shipped_data_path())) + 1


def test_holdout_split_is_stable_and_stratified():
    rows = read_jsonl(shipped_data_path())
    train1, test1 = split_holdout(rows)
    train2, test2 = split_holdout(list(reversed(rows)))
    assert {r["id"] for r in test1} == {r["id"] for r in test2}
    assert not {r["id"] for r in test1} & {r["id"] for r in train1}
    for label in ("partisan", "political_neutral", "non_political"):
        n = sum(r["label"] == label for r in rows)
        k = sum(r["label"] == label for r in test1)
        assert abs(k - 0.2 * n) <= 1
