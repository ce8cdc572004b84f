"""Benchmark of the partisan-content screener: quality, throughput, memory, and a 1M-post file.

Run from the repository root:

    .venv/bin/python benchmarks/screening.py           # full run (about 10 minutes on 2 cores)
    .venv/bin/python benchmarks/screening.py --quick   # smaller corpora and a 100k-post file

Every throughput row runs in its own subprocess so that its peak RSS (ru_maxrss) is its own.
Quality uses the fixed held-out split (stable hash of the id, stratified by label); the model for
that row is trained on the other 80 % only, with C chosen by cross-validation on that part.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = ROOT / "netra" / "screening" / "data" / "train.jsonl"
_FILLERS = ["", " ", " wkwk", " 🙏", " hari ini", " #info", " ya", " !!", " 😂", " https://t.co/x1", " @akun"]


def _maxrss_mb() -> float:
    """Peak RSS of this process image. VmHWM, because Linux carries ru_maxrss over fork+exec
    from the parent, which would charge the benchmark driver's memory to every child."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def corpus(n: int, seed: int = 0) -> list[str]:
    """N posts sampled from the shipped texts with small perturbations (so caches cannot cheat)."""
    rng = random.Random(seed)
    texts = [json.loads(line)["text"] for line in DATA.open(encoding="utf-8")]
    out = []
    for i in range(n):
        t = rng.choice(texts)
        words = t.split()
        if len(words) > 4 and rng.random() < 0.5:
            j = rng.randrange(len(words))
            words[j] = words[j] + words[j][-1] * rng.randint(1, 3)  # stretched letters
        out.append(" ".join(words) + rng.choice(_FILLERS) + f" {i % 97}")
    return out


def write_jsonl(path: Path, n: int, seed: int = 0) -> None:
    actions = ["post", "share", "like", "comment", None]
    with path.open("w", encoding="utf-8") as fh:
        for i, t in enumerate(corpus(n, seed)):
            rec = {"id": f"p{i}", "text": t, "action": actions[i % 5], "posted_at": "2024-01-1" + str(i % 10)}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


# ---- rows, each run in a child process -------------------------------------------------------
def row_screener(n: int) -> dict:
    from netra.screening import Screener

    screener = Screener.load()
    texts = corpus(n, seed=1)
    screener.screen_many(texts[:500])  # warm-up: load caches
    t0 = time.perf_counter()
    for i in range(0, n, 2000):
        screener.screen_many(texts[i : i + 2000])
    return {"rate": n / (time.perf_counter() - t0)}


def row_regex(n: int) -> dict:
    from netra.screening.lexicon import Lexicon

    lex = Lexicon.load()
    phrases = {" ".join(p) for p in lex._by_phrase}
    pattern = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, phrases), key=len, reverse=True)) + r")\b")
    texts = corpus(n, seed=1)
    t0 = time.perf_counter()
    flagged = 0
    for t in texts:
        if pattern.search(t.lower()):
            flagged += 1
    return {"rate": n / (time.perf_counter() - t0), "flagged": flagged}


def row_io(n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        write_jsonl(src, n, seed=2)
        t0 = time.perf_counter()
        with src.open(encoding="utf-8") as fin, dst.open("w", encoding="utf-8") as fout:
            for line in fin:
                rec = json.loads(line)
                fout.write(json.dumps({"id": rec["id"], "text": rec["text"].lower()}, ensure_ascii=False) + "\n")
        return {"rate": n / (time.perf_counter() - t0)}


def row_transformer(n: int) -> dict:
    try:
        import torch
    except ImportError:
        return {"skipped": "import torch failed (torch not installed)"}
    torch.manual_seed(0)
    torch.set_num_threads(os.cpu_count() or 1)
    layer = torch.nn.TransformerEncoderLayer(d_model=768, nhead=12, dim_feedforward=3072, batch_first=True)
    model = torch.nn.TransformerEncoder(layer, num_layers=12, enable_nested_tensor=False).eval()
    emb = torch.nn.Embedding(32000, 768)
    batch = 16
    ids = torch.randint(0, 32000, (batch, 128))
    with torch.inference_mode():
        model(emb(ids))  # warm-up
        done, t0 = 0, time.perf_counter()
        while done < n:
            model(emb(ids))
            done += batch
        rate = done / (time.perf_counter() - t0)
    return {"rate": rate, "torch": torch.__version__, "batch": batch}


ROWS = {"screener": row_screener, "regex": row_regex, "io": row_io, "transformer": row_transformer}


def run_child(name: str, n: int) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", name, "--n", str(n)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def big_file(n: int) -> dict:
    """Screen an n-post JSONL file through the streaming CLI path; peak RSS of that process."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "posts.jsonl", Path(tmp) / "out.jsonl"
        t0 = time.perf_counter()
        write_jsonl(src, n, seed=3)
        gen = time.perf_counter() - t0
        code = ("import sys,time; from netra.screening.cli import screen_main; t=time.perf_counter(); "
                f"rc=screen_main([{str(src)!r}, '-o', {str(dst)!r}]); "
                "hwm=[l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]; "
                "print(time.perf_counter()-t, hwm, file=sys.stderr); sys.exit(rc)")
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
        if proc.returncode != 0:
            return {"error": proc.stderr[-500:]}
        secs, rss_kb = proc.stderr.strip().splitlines()[-1].split()
        with dst.open(encoding="utf-8") as fh:
            lines = sum(1 for _ in fh)
        return {"posts": n, "written": lines, "seconds": float(secs), "peak_rss_mb": int(rss_kb) / 1024.0,
                "input_mb": src.stat().st_size / 1e6, "generate_seconds": gen}


def machine() -> str:
    model = "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}; {os.cpu_count()} logical cores; Python {platform.python_version()}; {platform.platform()}"


def quality() -> dict:
    from netra.screening.train import evaluate_holdout, read_jsonl, shipped_data_path

    metrics, _, _ = evaluate_holdout(read_jsonl(shipped_data_path()))
    return metrics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora and a 100k-post file")
    parser.add_argument("--child", choices=sorted(ROWS), help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--big", type=int, help="posts in the streaming-file test (default 1,000,000)")
    args = parser.parse_args(argv)
    if args.child:
        result = ROWS[args.child](args.n)
        result["peak_rss_mb"] = _maxrss_mb()
        print(json.dumps(result))
        return 0

    from netra.screening.cli import _format_metrics

    print(f"machine: {machine()}")
    print("\n== quality on the held-out split (20 %, stratified by a stable hash of the id) ==")
    print(_format_metrics(quality()))

    sizes = {"screener": 20_000, "regex": 20_000, "io": 100_000, "transformer": 64}
    if args.quick:
        sizes = {"screener": 6_000, "regex": 6_000, "io": 30_000, "transformer": 32}
    print("\n== throughput, one process each ==")
    print(f"{'row':<34}{'posts/s':>12}{'peak RSS MB':>14}")
    rates = {}
    for name, label in [("io", "I/O floor (read, parse, lower, write)"), ("regex", "keyword-regex baseline"),
                        ("screener", "Netra screener (screen_many)"),
                        ("transformer", "BERT-base-sized forward, seq 128")]:
        r = run_child(name, sizes[name])
        if "rate" in r:
            rates[name] = r["rate"]
            print(f"{label:<34}{r['rate']:>12,.0f}{r['peak_rss_mb']:>14,.0f}")
        else:
            print(f"{label:<34}  skipped: {r.get('skipped') or r.get('error')}")
    if "screener" in rates and "transformer" in rates:
        print(f"screener / transformer = {rates['screener'] / rates['transformer']:,.0f}x")

    n = args.big or (100_000 if args.quick else 1_000_000)
    print(f"\n== streaming `netra screen` on a {n:,}-post JSONL file ==")
    r = big_file(n)
    if "error" in r:
        print("failed:", r["error"])
        return 1
    print(f"input {r['input_mb']:,.0f} MB, {r['written']:,} results in {r['seconds']:,.0f} s "
          f"({r['posts'] / r['seconds']:,.0f} posts/s end to end), peak RSS {r['peak_rss_mb']:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
