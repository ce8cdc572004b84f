"""Benchmark of "Boleh atau tidak?": how well the reader and the rulebook answer questions.

Two evaluations, reported separately:

1. **Held-out bank, split by rule family.** The bank (netra/learning/data/selfcheck_bank.jsonl) is
   cut into K folds by *family* (one situation and all its paraphrases), so no paraphrase of a held-out
   situation is seen in training. Every question is answered once by a reader trained on the other
   folds. This measures generalisation to situations worded in ways the model never saw.
2. **Challenge set** (benchmarks/data/selfcheck_challenge.jsonl): ~100 differently-worded questions
   written by hand before any model was run on them, kept for evaluation only and never trained on.
   Answered by the reader trained on the whole bank, as shipped.

Figures: accuracy of the verdict (allowed / forbidden / depends) overall, per kind and per language;
the number and rate of forbidden questions answered "allowed" (the error that sends a civil servant
into a sanction); latency per question of reading + deciding (the Django part, rule lookups, is
excluded; the API test covers it). The last line printed is one JSON object.

3. **API timing**: `POST /api/v1/self-check/` through Django's test client in a fresh child process
   (cold first request, trains the reader; then warm p50/p95 over the v2 questions, twice).

Usage: NETRA_TESTING=1 .venv/bin/python benchmarks/selfcheck.py [--folds 5] [--show-errors] [--no-api]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from netra.learning.selfcheck import bank, reading, verdicts  # noqa: E402

CHALLENGE = ROOT / "benchmarks" / "data" / "selfcheck_challenge.jsonl"
CHALLENGE_V2 = ROOT / "benchmarks" / "data" / "selfcheck_challenge_v2.jsonl"


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(rows: list[dict], answers: list[str]) -> dict:
    right = [a == r["verdict"] for r, a in zip(rows, answers, strict=True)]
    by_kind: dict[str, list[bool]] = defaultdict(list)
    by_lang: dict[str, list[bool]] = defaultdict(list)
    by_register: dict[str, list[bool]] = defaultdict(list)
    for r, ok in zip(rows, right, strict=True):
        by_kind[r["kind"]].append(ok)
        by_lang[r["lang"]].append(ok)
        if "register" in r:
            by_register[r["register"]].append(ok)
    forbidden = [a for r, a in zip(rows, answers, strict=True) if r["verdict"] == "forbidden"]
    f2a = sum(a == "allowed" for a in forbidden)

    def pct(xs):
        return round(100 * sum(xs) / len(xs), 1) if xs else None

    return {
        "n": len(rows), "accuracy": pct(right),
        "by_language": {k: {"n": len(v), "accuracy": pct(v)} for k, v in sorted(by_lang.items())},
        "by_register": {k: {"n": len(v), "accuracy": pct(v)} for k, v in sorted(by_register.items())},
        "by_kind": {k: {"n": len(v), "accuracy": pct(v)} for k, v in sorted(by_kind.items())},
        "forbidden": len(forbidden), "forbidden_answered_allowed": f2a,
        "forbidden_answered_allowed_rate": round(f2a / len(forbidden), 4) if forbidden else None,
    }


def answer_all(rdr: reading.Reader, rows: list[dict]) -> tuple[list[str], list[float]]:
    answers, times = [], []
    for r in rows:
        t0 = time.perf_counter()
        decision = verdicts.decide(rdr.read(r["text"]))
        times.append((time.perf_counter() - t0) * 1000)
        answers.append(decision.verdict)
    return answers, times


def api_timing(texts: list[str]) -> dict:
    """`POST /api/v1/self-check/` timed through Django's test client on a fresh test database, in this
    process: the first request is cold (the reader is trained inside it, as when no warm-up ran), the
    rest are warm. Run in a child process so the cold figure is really cold."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    client = Client()
    times = []
    for text in texts:
        t0 = time.perf_counter()
        response = client.post("/api/v1/self-check/", {"text": text}, content_type="application/json")
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.content
    warm = sorted(times[1:])
    return {"cold_first_request_ms": round(times[0], 1), "warm_n": len(warm),
            "warm_p50_ms": round(statistics.median(warm), 1), "warm_p95_ms": round(warm[int(0.95 * len(warm)) - 1], 1),
            "warm_max_ms": round(warm[-1], 1)}


def main() -> None:
    if "--api-worker" in sys.argv:
        print(json.dumps(api_timing([r["text"] for r in load_jsonl(CHALLENGE_V2)] * 2)))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--no-api", action="store_true", help="skip the API timing (needs a test database)")
    args = ap.parse_args()

    rows = bank.load()
    families = sorted({r["family"] for r in rows})
    random.Random(args.seed).shuffle(families)
    fold_of = {f: i % args.folds for i, f in enumerate(families)}
    held_answers: dict[str, str] = {}
    for k in range(args.folds):
        train = [r for r in rows if fold_of[r["family"]] != k]
        test = [r for r in rows if fold_of[r["family"]] == k]
        rdr = reading.Reader(train)
        answers, _ = answer_all(rdr, test)
        held_answers.update({r["id"]: a for r, a in zip(test, answers, strict=True)})
    held = score(rows, [held_answers[r["id"]] for r in rows])

    t0 = time.perf_counter()
    full = reading.Reader(rows)
    train_seconds = round(time.perf_counter() - t0, 2)
    challenge_rows = load_jsonl(CHALLENGE)
    answers, times = answer_all(full, challenge_rows)
    challenge = score(challenge_rows, answers)
    v2_rows = load_jsonl(CHALLENGE_V2)
    v2_answers, v2_times = answer_all(full, v2_rows)
    challenge_v2 = score(v2_rows, v2_answers)
    times += v2_times
    if args.show_errors:
        for label, crow, cans in (("challenge", challenge_rows, answers), ("v2", v2_rows, v2_answers)):
            for r, a in zip(crow, cans, strict=True):
                if a != r["verdict"]:
                    rd = full.read(r["text"])
                    print(f"[{label}] want {r['verdict']:9} got {a:9} {rd.act}/{rd.obj} "
                          f"{rd.act_p:.2f}/{rd.obj_p:.2f} {rd.slots.to_dict()} | {r['text']}")
        for r in rows:
            if held_answers[r["id"]] != r["verdict"]:
                print(f"[held-out] want {r['verdict']:9} got {held_answers[r['id']]:9} {r['family']} | {r['text']}")

    _, bank_times = answer_all(full, rows[:300])
    lat = sorted(times + bank_times)
    result = {
        "benchmark": "selfcheck", "bank_questions": len(rows), "bank_families": len(families), "folds": args.folds,
        "held_out_by_family": held, "challenge": challenge, "challenge_v2": challenge_v2,
        "train_seconds_full_bank": train_seconds,
        "latency_ms": {"median": round(statistics.median(lat), 2), "p95": round(lat[int(0.95 * len(lat)) - 1], 2),
                       "max": round(lat[-1], 2)},
    }
    if not args.no_api:
        import subprocess

        child = subprocess.run([sys.executable, __file__, "--api-worker"], capture_output=True, text=True, check=True,
                               cwd=ROOT)
        result["api"] = json.loads(child.stdout.strip().splitlines()[-1])
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
