"""`netra screen` with bad input never loses or destroys work and always says what went wrong (issue 11)."""

import json
import os

import pytest

from netra.screening.cli import screen_main

GOOD = [{"id": "a", "text": "Ayo coblos 02! #02Melanjutkan Prabowo Gibran"},
        {"id": "b", "text": "Nasi goreng di warung ini enak dan murah"}]


def jsonl(rows) -> str:
    return "".join(json.dumps(r) + "\n" for r in rows)


def ids(path) -> list:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_fields_are_reported_and_skipped(tmp_path, capsys, jobs):
    src = tmp_path / "in.jsonl"
    lines = [json.dumps(GOOD[0]), json.dumps({"id": "x", "text": "coblos", "action": 5}),
             '{"id": "y", "text": "lone \\ud800 surrogate"}', "[" * 5000 + "]" * 5000,
             json.dumps({"id": "z", "text": "tanggal aneh", "posted_at": {"a": 1}}), json.dumps(GOOD[1])]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert screen_main([str(src), "-o", str(out), "--jobs", jobs, "--batch-size", "2"]) == 0
    assert ids(out) == ["a", "z", "b"]
    err = capsys.readouterr().err
    assert "line 2: skipped: field 'action'" in err and "line 3: skipped" in err and "line 4: skipped" in err
    assert "line 5: posted_at" in err and "3 lines skipped" in err


def test_output_naming_the_input_keeps_the_input_until_success(tmp_path, capsys):
    src = tmp_path / "posts.jsonl"
    src.write_text(jsonl(GOOD), encoding="utf-8")
    assert screen_main([str(src), "-o", str(src), "--jobs", "1"]) == 0
    assert ids(src) == ["a", "b"] and "label" in src.read_text()
    # a failed run leaves the previous output as it was and no temporary file behind
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n", encoding="utf-8")
    before = src.read_text()
    assert screen_main([str(bad), "-o", str(src), "--jobs", "1"]) == 1
    assert src.read_text() == before
    assert sorted(os.listdir(tmp_path)) == ["bad.jsonl", "posts.jsonl"]
    assert "nothing screened" in capsys.readouterr().err


@pytest.mark.parametrize(("setup", "expected", "code"), [
    (lambda d: str(d), "is a directory", 2),
    (lambda d: str(d / "nope.jsonl"), "input file not found", 2),
    (lambda d: (d / "x.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50) and str(d / "x.bin"),
     "binary file", 2),
    (lambda d: (d / "x.csv").write_text("id,body\n1,halo\n") and str(d / "x.csv"), "no 'text' column", 1),
    (lambda d: (d / "x.jsonl").write_text("\n\n") is not None and str(d / "x.jsonl"), "nothing screened", 1),
])
def test_unusable_input_is_one_clear_line_and_non_zero(tmp_path, capsys, setup, expected, code):
    path = setup(tmp_path)
    assert screen_main([path, "-o", str(tmp_path / "out.jsonl"), "--jobs", "1"]) == code
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert not (tmp_path / "out.jsonl").exists()


def test_output_in_a_directory_or_missing_folder(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl(GOOD), encoding="utf-8")
    assert screen_main([str(src), "-o", str(tmp_path)]) == 2
    assert screen_main([str(src), "-o", str(tmp_path / "no" / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "is a directory" in err and "folder does not exist" in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_disk_is_a_clear_error(tmp_path, capsys, monkeypatch):
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl(GOOD * 2000), encoding="utf-8")
    import netra.screening.cli as cli

    real_fdopen = os.fdopen
    monkeypatch.setattr(cli.os, "fdopen", lambda fd, *a, **k: real_fdopen(os.open("/dev/full", os.O_WRONLY), *a, **k))
    assert screen_main([str(src), "-o", str(tmp_path / "out.jsonl"), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "cannot write output" in err and "No space left" in err and "Traceback" not in err
    assert sorted(os.listdir(tmp_path)) == ["in.jsonl"]


def test_csv_header_with_spaces_and_latin1(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_bytes("id, text\n1,Pak André ajak coblos 02 di Samarinda\n2,Café baru buka\n".encode("latin-1"))
    out = tmp_path / "out.jsonl"
    assert screen_main([str(src), "-o", str(out), "--jobs", "1"]) == 0
    assert ids(out) == ["1", "2"]
    err = capsys.readouterr().err
    assert "read as cp1252" in err


def test_csv_field_over_the_csv_module_default(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text('id,text\n1,"' + "kata " * 40_000 + '"\n2,halo\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert screen_main([str(src), "-o", str(out), "--jobs", "1"]) == 0
    assert ids(out) == ["1", "2"]


def test_jobs_keep_input_order(tmp_path):
    rows = [{"id": str(i), "text": f"Unggahan nomor {i} coblos 0{i % 3 + 1}"} for i in range(500)]
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl(rows), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert screen_main([str(src), "-o", str(one), "--jobs", "1", "--batch-size", "7"]) == 0
    assert screen_main([str(src), "-o", str(two), "--jobs", "2", "--batch-size", "7"]) == 0
    assert one.read_text() == two.read_text() and ids(two) == [str(i) for i in range(500)]


def test_a_one_megabyte_single_line_post_is_screened_and_said_to_be_cut(tmp_path, capsys):
    """Issue 11: one 1 MB line kept `netra screen` busy past three minutes (matching grew with the
    square of the length). Matching is linear now and only the first NETRA_SCREEN_MAX_CHARS are read;
    the result says the post was cut. (Its speed is measured by benchmarks/screen_cli.py, not here.)"""
    src = tmp_path / "big.jsonl"
    src.write_text(json.dumps({"id": "big", "text": ("coblos 02 " * 105_000)[:1_000_000]}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert screen_main([str(src), "-o", str(out), "--jobs", "1"]) == 0
    (result,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert result["id"] == "big" and result["truncated"] is True and result["label"] == "partisan"
