"""End-to-end speed and memory of `netra screen` (read, screen, write JSONL) against the I/O floor.

Run from the repository root:

    .venv/bin/python benchmarks/screen_cli.py --n 100000            # all cores (the default --jobs)
    .venv/bin/python benchmarks/screen_cli.py --n 100000 --jobs 1   # one process, for comparison

The I/O floor is the rate of only reading, parsing and lowercasing the same file in one process.
`netra screen` runs as its own process, timed from outside (model load included). Memory is the
peak, sampled every 50 ms, of the summed PSS of that process and its workers (PSS, because forked
workers share the loaded model's pages; summed RSS, which counts them once per process, is
printed too). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_screening", ROOT / "benchmarks" / "screening.py")
bench_screening = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_screening)


def io_floor(path: Path) -> float:
    """Posts per second of reading, parsing and lowercasing only."""
    t0 = time.perf_counter()
    n = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            json.loads(line)["text"].lower()
            n += 1
    return n / (time.perf_counter() - t0)


def _tree(pid: int) -> list[int]:
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                children = Path(f"/proc/{p}/task/{task}/children").read_text().split()
                stack.extend(int(c) for c in children)
        except OSError:
            continue
    return out


def _memory_kb(pid: int) -> tuple[int, int]:
    pss = rss = 0
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss += int(line.split()[1])
        except OSError:
            continue
    return pss, rss


def run_screen(src: Path, dst: Path, jobs: int | None) -> dict:
    cmd = [sys.executable, "-c", "import sys; from netra.screening.cli import screen_main; "
           "sys.exit(screen_main(sys.argv[1:]))", str(src), "-o", str(dst)]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    peak_pss = peak_rss = 0
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    while proc.poll() is None:
        pss, rss = _memory_kb(proc.pid)
        peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
        time.sleep(0.05)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read()
    if proc.returncode != 0:
        raise SystemExit(f"netra screen failed: {err[-500:]}")
    return {"seconds": seconds, "peak_pss_mb": peak_pss / 1024, "peak_rss_sum_mb": peak_rss / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="posts in the generated file")
    parser.add_argument("--jobs", type=int, default=None, help="passed to netra screen (default: its own)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "posts.jsonl", Path(tmp) / "out.jsonl"
        bench_screening.write_jsonl(src, args.n, seed=3)
        floor = io_floor(src)
        run = run_screen(src, dst, args.jobs)
        with dst.open(encoding="utf-8") as fh:
            written = sum(1 for _ in fh)
    rate = args.n / run["seconds"]
    result = {"posts": args.n, "written": written, "jobs": args.jobs or os.cpu_count(), "cpus": os.cpu_count(),
              "seconds": round(run["seconds"], 2), "posts_per_s": round(rate),
              "io_floor_posts_per_s": round(floor), "ratio_to_io_floor": round(floor / rate, 1),
              "peak_pss_mb": round(run["peak_pss_mb"], 1), "peak_rss_sum_mb": round(run["peak_rss_sum_mb"], 1)}
    print(f"netra screen: {args.n:,} posts in {run['seconds']:.1f} s = {rate:,.0f} posts/s "
          f"(jobs {result['jobs']}); I/O floor {floor:,.0f} posts/s, ratio {result['ratio_to_io_floor']}x; "
          f"peak memory {result['peak_pss_mb']:.0f} MB PSS ({result['peak_rss_sum_mb']:.0f} MB RSS summed)")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
