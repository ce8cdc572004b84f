"""Command-line entry points: `netra screen` and `netra screening train|evaluate`.

Why streaming: an export of a regency's civil-servant accounts can hold millions of posts; reading it
in fixed batches keeps memory flat, and a single malformed line must not lose the whole run, so bad
lines are reported on stderr with their line number and skipped.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
from collections import deque
from collections.abc import Iterator

from . import records

BATCH_SIZE = 2000
RESULT_FIELDS = ("label", "score", "targets", "stance", "evidence", "violation", "model_version")
SNIFF_BYTES = 1 << 20
# Chunks in flight per worker: enough to keep every core busy, few enough to keep memory flat.
CHUNKS_PER_JOB = 2


class CliError(Exception):
    """A run that cannot go on: one clear line on stderr, exit status `code`."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def _looks_binary(head: bytes) -> bool:
    return b"\x00" in head[:8192] and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _sniff_encoding(head: bytes) -> str:
    """UTF-8 (with or without byte-order mark) if the start of the file is valid UTF-8, else cp1252.

    A file that is not UTF-8 is almost always a Windows export (cp1252, a superset of Latin-1 for
    letters); decoding it as UTF-8 with replacement would silently mangle every accented name.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut by the end of the sample
            return "cp1252"
    return "utf-8-sig"


def _open_in(path: str):
    """(text stream, encoding) for the input; refuses what cannot be screened before the model loads."""
    if path == "-":
        raw = sys.stdin.buffer
    else:
        if os.path.isdir(path):
            raise CliError(f"input {path} is a directory, not a file", 2)
        try:
            raw = open(path, "rb", buffering=0)  # noqa: SIM115 - closed by the caller through the wrapper
        except FileNotFoundError:
            raise CliError(f"input file not found: {path}", 2) from None
        except OSError as exc:
            raise CliError(f"cannot read input {path}: {exc.strerror}", 2) from None
    buffered = io.BufferedReader(raw, SNIFF_BYTES)
    head = buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    if _looks_binary(head):
        raise CliError(f"input {path} is a binary file, not JSONL or CSV text", 2)
    encoding = _sniff_encoding(head)
    errors = "strict" if encoding == "cp1252" else "replace"
    if encoding == "cp1252":
        # cp1252 leaves five bytes undefined; Latin-1 reads every byte, so use it for those.
        import codecs

        codecs.register_error("netra_latin1", lambda e: (e.object[e.start:e.end].decode("latin-1"), e.end))
        errors = "netra_latin1"
    return io.TextIOWrapper(buffered, encoding=encoding, errors=errors, newline=""), encoding


class _Output:
    """Results go to a temporary file next to the output, renamed over it only when the run succeeds:
    an interrupted or failed run leaves the old output (and an input named as output) untouched."""

    def __init__(self, path: str | None):
        self.path = None if path in (None, "-") else path
        self.tmp = None
        if self.path is None:
            self.fh = sys.stdout
            return
        folder = os.path.dirname(os.path.abspath(self.path))
        if os.path.isdir(self.path):
            raise CliError(f"output {self.path} is a directory", 2)
        if not os.path.isdir(folder):
            raise CliError(f"output folder does not exist: {folder}", 2)
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=".netra-screen-", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise CliError(f"cannot write in {folder}: {exc.strerror}", 2) from None
        self.fh = os.fdopen(fd, "w", encoding="utf-8")

    def write(self, text: str) -> None:
        try:
            self.fh.write(text)
        except OSError as exc:
            raise CliError(f"cannot write output {self.path or '-'}: {exc.strerror}") from None

    def commit(self) -> None:
        try:
            self.fh.flush()
            if self.tmp is not None:
                os.fsync(self.fh.fileno())
                self.fh.close()
                os.replace(self.tmp, self.path)
                self.tmp = None
        except OSError as exc:
            raise CliError(f"cannot write output {self.path or '-'}: {exc.strerror}") from None

    def discard(self) -> None:
        if self.tmp is not None:
            try:
                self.fh.close()
            except OSError:
                pass
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None


def _detect_format(path: str, explicit: str | None) -> str:
    if explicit:
        return explicit
    return "csv" if path.lower().endswith((".csv", ".tsv")) else "jsonl"


PROBLEMS = {
    records.BAD_JSON: "invalid JSON ({detail})",
    records.BAD_CSV_ROW: "malformed CSV row (missing text or extra fields)",
    records.NO_TEXT: "no 'text' string field",
    records.BAD_HEADER: "CSV header has no 'text' column",
    records.BAD_FIELD: "field '{detail}' cannot be screened (non-string action, NUL or lone surrogate)",
    records.CSV_UNREADABLE: "CSV unreadable from here on ({detail})",
}


def _problem_text(line: records.Line) -> str:
    return f"line {line.number}: skipped: {PROBLEMS[line.problem].format(detail=line.detail)}"


def _chunks(fin, fmt: str, size: int) -> Iterator[list]:
    """Work items in input order: raw (number, line) pairs for JSONL, parsed Lines for CSV.

    JSONL lines are parsed by the workers (parsing is a good part of the work); CSV records can
    span lines, so they are parsed here.
    """
    chunk: list = []
    if fmt == "csv":
        source = records.iter_csv(fin)
    else:
        source = enumerate(fin, 1)
    for item in source:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_SCREENER = None


def _screen_chunk(chunk: list) -> tuple[str, list[str], int, int]:
    """(JSONL results, messages for stderr, posts screened, lines skipped) for one chunk."""
    messages: list[str] = []
    usable: list[records.Line] = []
    skipped = 0
    for item in chunk:
        line = item if isinstance(item, records.Line) else records.parse_json_line(*item)
        if line is None:
            continue
        if line.problem:
            messages.append(_problem_text(line))
            skipped += 1
            continue
        usable.append(line)
    if not usable:
        return "", messages, 0, skipped
    texts = [ln.row["text"] for ln in usable]
    actions = [ln.row.get("action") or None for ln in usable]
    dates = [_safe_date(ln.row.get("posted_at"), ln.number, messages) for ln in usable]
    results = _SCREENER.screen_many(texts, actions, dates)
    lines = []
    for ln, res in zip(usable, results, strict=True):
        d = res.to_dict()
        out = {"id": ln.row.get("id")}
        out.update({k: d[k] for k in RESULT_FIELDS})
        for extra in ("violation_note", "rule", "truncated"):  # truncated: only the start was screened
            if d.get(extra):
                out[extra] = d[extra]
        lines.append(json.dumps(out, ensure_ascii=False))
    return "\n".join(lines) + "\n", messages, len(usable), skipped


def _run(chunks: Iterator[list], jobs: int) -> Iterator[tuple[str, list[str], int, int]]:
    """Screened chunks in input order; with jobs > 1 at most jobs * CHUNKS_PER_JOB chunks in flight."""
    if jobs <= 1:
        for chunk in chunks:
            yield _screen_chunk(chunk)
        return
    import gc
    import multiprocessing

    # fork: workers share the loaded model with this process instead of each loading it again;
    # gc.freeze keeps the collector from touching (and so copying) the shared objects' pages.
    gc.collect()
    gc.freeze()
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_screen_chunk, (chunk,)))
            if len(pending) >= jobs * CHUNKS_PER_JOB:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def screen_main(argv: list[str] | None = None) -> int:
    """`netra screen INPUT [-o OUTPUT] [--format jsonl|csv] [--jobs N]`: screen posts, write JSONL results.

    Exit status: 0 when posts were screened (bad lines are reported on stderr and skipped), 1 when
    nothing could be screened or the output cannot be written, 2 for an unusable input or output.
    """
    parser = argparse.ArgumentParser(prog="netra screen",
                                     description="Screen posts for partisan election content.")
    parser.add_argument("input",
                        help="JSONL or CSV file with fields id, text (optional action, posted_at, ...); - for stdin")
    parser.add_argument("-o", "--output", default="-", help="JSONL output file; - (default) for stdout")
    parser.add_argument("--format", choices=("jsonl", "csv"), help="input format (default: from the extension)")
    parser.add_argument("--model", help="path of a model artifact (default: the shipped one)")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--jobs", "-j", type=int, default=0,
                        help="worker processes (default: 0 = every core; 1 = screen in this process)")
    args = parser.parse_args(argv)
    err = sys.stderr
    try:
        return _screen(args, err)
    except CliError as exc:
        print(f"netra screen: error: {exc}", file=err)
        return exc.code


def _screen(args, err) -> int:
    global _SCREENER
    if args.batch_size < 1:
        raise CliError("--batch-size must be at least 1", 2)
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    if csv.field_size_limit() < records.CSV_FIELD_LIMIT:
        csv.field_size_limit(records.CSV_FIELD_LIMIT)
    fin, encoding = _open_in(args.input)
    if encoding != "utf-8-sig":
        print(f"netra screen: input is not UTF-8; read as {encoding}", file=err)
    out = _Output(args.output)
    try:
        from .model import Screener

        _SCREENER = Screener.load(args.model)
        fmt = _detect_format(args.input, args.format)
        progress = None
        if err.isatty():
            from tqdm import tqdm

            progress = tqdm(unit=" posts", file=err)
        count = skipped = 0
        with fin:
            for text, messages, screened, bad in _run(_chunks(fin, fmt, args.batch_size), jobs):
                for message in messages:
                    print(message, file=err)
                if text:
                    out.write(text)
                count += screened
                skipped += bad
                if progress is not None:
                    progress.update(screened)
        if progress is not None:
            progress.close()
        if count == 0:
            raise CliError(f"nothing screened: no usable post in {args.input} ({skipped} lines skipped)")
        out.commit()
    finally:
        out.discard()
    if skipped:
        print(f"netra screen: {count} posts screened, {skipped} lines skipped", file=err)
    return 0


def _safe_date(value, lineno: int, messages: list[str]):
    """Accept ISO dates/datetimes; a bad date is reported and treated as unknown, not fatal."""
    if not value:
        return None
    from .lexicon import _to_date

    try:
        return _to_date(value)
    except (ValueError, TypeError, OverflowError):
        messages.append(f"line {lineno}: posted_at {value!r} not understood; date treated as unknown")
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
    p_train.add_argument("--c", type=float, default=None, dest="fixed_c",
                         help="use this C instead of choosing it by cross-validation (much faster; the "
                              "recall-first threshold is still chosen on leave-one-source-out)")
    p_eval = sub.add_parser("evaluate", help="metrics on the held-out split (model trained on the rest)")
    p_eval.add_argument("--feedback", help="also train on this feedback JSONL (never evaluated on)")
    p_eval.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)

    import importlib

    # the module, not the `train` function that the package re-exports under the same name
    training = importlib.import_module(".train", __package__)

    seed = training.DEFAULT_SEED if args.seed is None else args.seed
    if args.command == "train":
        _, manifest = training.train(feedback_path=args.feedback, seed=seed, out_dir=args.out, version=args.version,
                                     fixed_c=args.fixed_c)
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
