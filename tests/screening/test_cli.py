import csv
import io
import json
import sys

import pytest

from netra.screening.cli import screen_main

POSTS = [
    {"id": "a", "text": "Ayo coblos 02! #02Melanjutkan Prabowo Gibran satu putaran", "action": "share",
     "posted_at": "2024-01-20"},
    {"id": "b", "text": "Nasi goreng di warung ini enak dan murah"},
    {"id": "c", "text": "KPU umumkan jadwal debat capres", "posted_at": "2024-01-02"},
]


def read_out(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_jsonl_round_trip(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(p) for p in POSTS) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert screen_main([str(src), "-o", str(out)]) == 0
    rows = read_out(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert rows[0]["label"] == "partisan" and rows[0]["violation"] == "D6" and "02" in rows[0]["targets"]
    assert rows[1]["label"] == "non_political" and rows[1]["violation"] is None
    for r in rows:
        assert {"label", "score", "targets", "stance", "evidence", "violation", "model_version"} <= set(r)


def test_csv_round_trip(tmp_path):
    src = tmp_path / "in.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "text", "action", "posted_at"])
        w.writeheader()
        for p in POSTS:
            w.writerow(p)
    out = tmp_path / "out.jsonl"
    assert screen_main([str(src), "-o", str(out)]) == 0
    rows = read_out(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert rows[0]["label"] == "partisan"


def test_stdin_stdout_and_bad_lines(monkeypatch, capsys):
    lines = [json.dumps(POSTS[0]), "{not json", json.dumps({"id": "x"}), json.dumps(POSTS[1])]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert screen_main(["-", "-o", "-", "--batch-size", "1"]) == 0
    captured = capsys.readouterr()
    rows = read_out(captured.out)
    assert [r["id"] for r in rows] == ["a", "b"]
    assert "line 2" in captured.err and "line 3" in captured.err


def test_csv_from_stdin_with_format(monkeypatch, capsys):
    data = b'id,text\n1,"Kucing saya lucu sekali"\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert screen_main(["-", "--format", "csv"]) == 0
    rows = read_out(capsys.readouterr().out)
    assert rows[0]["id"] == "1" and rows[0]["label"] != "partisan"


def test_missing_input_file_is_an_error(tmp_path, capsys):
    assert screen_main([str(tmp_path / "nope.jsonl")]) == 2
    assert capsys.readouterr().err.strip().endswith("input file not found: " + str(tmp_path / "nope.jsonl"))


def test_screening_train_command_reaches_the_training_module(monkeypatch, tmp_path, capsys):
    import importlib

    from netra.screening.cli import screening_main

    training = importlib.import_module("netra.screening.train")
    seen = {}

    def fake_train(**kwargs):
        seen.update(kwargs)
        return {}, {"version": "v", "artifact": "v.joblib", "data_hash": "h", "n_rows": 1, "seed": kwargs["seed"],
                    "C": 1.0, "holdout": None}

    monkeypatch.setattr(training, "train", fake_train)
    assert screening_main(["train", "--out", str(tmp_path)]) == 0
    assert seen["seed"] == training.DEFAULT_SEED and seen["out_dir"] == str(tmp_path)


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_a_file_saved_with_a_byte_order_mark_keeps_its_ids(tmp_path, suffix):
    """Excel and some Windows tools start UTF-8 files with a BOM; the first column must still be `id`."""
    src = tmp_path / f"in.{suffix}"
    if suffix == "csv":
        body = "id,text\r\nx1,Kucing saya gemoy banget\r\nx2,Rapat dinas pagi ini\r\n"
    else:
        body = '{"id": "x1", "text": "Kucing saya gemoy banget"}\n{"id": "x2", "text": "Rapat dinas pagi ini"}\n'
    src.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    out = tmp_path / "out.jsonl"
    assert screen_main([str(src), "-o", str(out)]) == 0
    assert [r["id"] for r in read_out(out.read_text(encoding="utf-8"))] == ["x1", "x2"]
