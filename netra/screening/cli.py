"""Command-line entry points: `netra screen` and `netra screening train|evaluate`.

Why streaming: an export of a regency's civil-servant accounts can hold millions of posts; reading it
in fixed batches keeps memory flat, and a single malformed line must not lose the whole run, so bad
lines are reported on stderr with their line number and skipped.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator
from contextlib import nullcontext

from . import records

BATCH_SIZE = 2000
RESULT_FIELDS = ("label", "score", "targets", "stance", "evidence", "violation", "model_version")


def _open_in(path: str):
    if path == "-":
        return nullcontext(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="replace"))
    return open(path, encoding="utf-8-sig", errors="replace", newline="")


def _open_out(path: str | None):
    if path in (None, "-"):
        return nullcontext(sys.stdout)
    return open(path, "w", encoding="utf-8")


def _detect_format(path: str, explicit: str | None) -> str:
    if explicit:
        return explicit
    return "csv" if path.lower().endswith((".csv", ".tsv")) else "jsonl"


PROBLEMS = {
    records.BAD_JSON: "invalid JSON ({detail})",
    records.BAD_CSV_ROW: "malformed CSV row (missing text or extra fields)",
    records.NO_TEXT: "no 'text' string field",
    records.BAD_HEADER: "CSV header has no 'text' column",
}


def _records(fh, fmt: str, err) -> Iterator[tuple[int, dict]]:
    """Yield (line number, record) and report bad lines on `err` without stopping."""
    for line in records.iter_records(fh, fmt):
        if line.problem:
            print(f"line {line.number}: skipped: {PROBLEMS[line.problem].format(detail=line.detail)}", file=err)
            continue
        yield line.number, line.row


def _batches(records: Iterator[tuple[int, dict]], size: int) -> Iterator[list[tuple[int, dict]]]:
    batch: list[tuple[int, dict]] = []
    for rec in records:
        batch.append(rec)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def screen_main(argv: list[str] | None = None) -> int:
    """`netra screen INPUT [-o OUTPUT] [--format jsonl|csv]`: screen posts, write JSONL results."""
    parser = argparse.ArgumentParser(prog="netra screen",
                                     description="Screen posts for partisan election content.")
    parser.add_argument("input",
                        help="JSONL or CSV file with fields id, text (optional action, posted_at, ...); - for stdin")
    parser.add_argument("-o", "--output", default="-", help="JSONL output file; - (default) for stdout")
    parser.add_argument("--format", choices=("jsonl", "csv"), help="input format (default: from the extension)")
    parser.add_argument("--model", help="path of a model artifact (default: the shipped one)")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    args = parser.parse_args(argv)

    from .model import Screener

    screener = Screener.load(args.model)
    fmt = _detect_format(args.input, args.format)
    err = sys.stderr
    progress = None
    if err.isatty():
        from tqdm import tqdm

        progress = tqdm(unit=" posts", file=err)
    count = 0
    with _open_in(args.input) as fin, _open_out(args.output) as fout:
        for batch in _batches(_records(fin, fmt, err), args.batch_size):
            texts = [r["text"] for _, r in batch]
            actions = [r.get("action") or None for _, r in batch]
            dates = [_safe_date(r.get("posted_at"), n, err) for n, r in batch]
            results = screener.screen_many(texts, actions, dates)
            lines = []
            for (_, row), res in zip(batch, results, strict=True):
                d = res.to_dict()
                out = {"id": row.get("id")}
                out.update({k: d[k] for k in RESULT_FIELDS})
                for extra in ("violation_note", "rule"):
                    if d.get(extra):
                        out[extra] = d[extra]
                lines.append(json.dumps(out, ensure_ascii=False))
            fout.write("\n".join(lines) + "\n")
            count += len(batch)
            if progress is not None:
                progress.update(len(batch))
        fout.flush()
    if progress is not None:
        progress.close()
    return 0


def _safe_date(value, lineno: int, err):
    """Accept ISO dates/datetimes; a bad date is reported and treated as unknown, not fatal."""
    if not value:
        return None
    from .lexicon import _to_date

    try:
        return _to_date(value)
    except (ValueError, TypeError):
        print(f"line {lineno}: posted_at {value!r} not understood; date treated as unknown", file=err)
        return None


def screening_main(argv: list[str] | None = None) -> int:
    """`netra screening train [--feedback FILE] [--seed N] [--out DIR]` and `netra screening evaluate`."""
    parser = argparse.ArgumentParser(prog="netra screening", description="Train or evaluate the screening model.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_train = sub.add_parser("train", help="train the model from the shipped data (+ verifier feedback)")
    p_train.add_argument("--feedback", help="JSONL of confirmed verifier feedback (id, text, label, ...)")
    p_train.add_argument("--seed", type=int, default=None)
    p_train.add_argument("--out", help="output directory (default: the package's models/ folder)")
    p_train.add_argument("--version", help="model version name (default: derived from lexicon, seed, data)")
    p_eval = sub.add_parser("evaluate", help="metrics on the held-out split (model trained on the rest)")
    p_eval.add_argument("--feedback", help="also train on this feedback JSONL (never evaluated on)")
    p_eval.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)

    import importlib

    # the module, not the `train` function that the package re-exports under the same name
    training = importlib.import_module(".train", __package__)

    seed = training.DEFAULT_SEED if args.seed is None else args.seed
    if args.command == "train":
        _, manifest = training.train(feedback_path=args.feedback, seed=seed, out_dir=args.out, version=args.version)
        print(json.dumps({k: manifest[k] for k in ("version", "artifact", "data_hash", "n_rows", "seed", "C")}))
        if manifest.get("holdout"):
            print(_format_metrics(manifest["holdout"]))
        return 0
    rows = training.read_jsonl(training.shipped_data_path())
    if args.feedback:
        _, test = training.split_holdout(rows)
        test_ids = {r["id"] for r in test}
        feedback = [f for f in training.read_jsonl(args.feedback) if f["id"] not in test_ids]
        rows = training.merge_feedback(rows, feedback)
    metrics, _, _ = training.evaluate_holdout(rows, seed)
    print(_format_metrics(metrics))
    return 0


def _format_metrics(m: dict) -> str:
    lines = [f"held-out n_test={m.get('n_test')} n_train={m.get('n_train')} C={m.get('C')} "
             f"partisan_threshold={m.get('partisan_threshold')}",
             f"{'class':<18}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}"]
    for label, v in m["per_class"].items():
        lines.append(f"{label:<18}{v['precision']:>10.3f}{v['recall']:>10.3f}{v['f1']:>10.3f}{v['support']:>10d}")
    p = m["partisan"]
    lines.append(f"{'partisan vs rest':<18}{p['precision']:>10.3f}{p['recall']:>10.3f}{p['f1']:>10.3f}")
    lines.append(f"macro-F1 {m['macro_f1']:.3f}  accuracy {m['accuracy']:.3f}")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(screen_main(sys.argv[1:]))
