"""Screening a monitoring import through Celery: posts per second with one and with two workers.

    NETRA_PG_PORT=58150 NETRA_REDIS_PORT=58151 .venv/bin/python benchmarks/screen_celery.py [--posts 200000]

Without DATABASE_URL/REDIS_URL it re-runs itself under scripts/with-postgres.sh and
scripts/with-redis.sh (its own throw-away servers). For each worker count it stores one import
batch of `--posts` posts (bulk insert: the import path itself is not what is measured here), queues
the batch's screening (`netra.monitoring.tasks.screen_batch`, which splits it into `screen_part`
tasks of NETRA_SCREEN_PART_SIZE posts), starts that many Celery worker processes
(`--concurrency=1` each) and waits until the batch is done. It reports posts/s from the workers'
start (model loading included) and from the first stored result (steady state), and checks that
every post has exactly one result.

The issue asks for 1,000,000 posts; the default of 200,000 keeps both runs (one and two workers)
well inside 30 minutes on this 2-core machine (about 700 posts/s on one worker). `--posts 1000000`
runs the full size when there is time. The last line is one JSON object.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

TEXTS = [
    "Ayo dukung pasangan nomor {n} di pilkada, salam {n} jari! #{i}",
    "Rapat koordinasi persiapan upacara hari jadi kabupaten dipimpin sekda pagi ini ({i}).",
    "KPU mengumumkan jadwal debat calon gubernur; cek DPT kalian sebelum hari pencoblosan ({i}).",
    "Kucingku makan terus pagi ini, gemoy banget {i}",
    "Bersama bapak calon bupati meresmikan posko pemenangan di kecamatan, mohon doa restu ({i}).",
    "Jangan pilih calon yang suka ingkar janji, ingat rekam jejaknya! ({i})",
]

SETUP = r"""
import json, sys, django
django.setup()
from django.utils import timezone
from netra.monitoring.models import ImportBatch, Post
texts = json.loads(sys.argv[2]); n = int(sys.argv[1]); label = sys.argv[3]
batch = ImportBatch.objects.create(source=f"benchmark {label}", rows=n, imported=n)
now = timezone.now()
step = 5000
for start in range(0, n, step):
    Post.objects.bulk_create([
        Post(batch=batch, platform="facebook", account_handle=f"asn{i % 50}", external_id=f"{label}-{i}",
             text=texts[i % len(texts)].format(i=i, n=i % 3 + 1), captured_at=now)
        for i in range(start, min(n, start + step))])
print(batch.pk)
"""

QUEUE = r"""
import sys, django
django.setup()
from netra.monitoring.tasks import screen_batch
screen_batch.delay(int(sys.argv[1]))
"""


def psql(env: dict, sql: str) -> str:
    return subprocess.run(["psql", env["DATABASE_URL"], "-tAc", sql], capture_output=True, text=True,
                          check=True).stdout.strip()


def run(env: dict, var: Path, posts: int, workers: int, timeout: float) -> dict:
    label = f"w{workers}"
    started = time.monotonic()
    batch = int(subprocess.run([PYTHON, "-c", SETUP, str(posts), json.dumps(TEXTS), label], env=env,
                               capture_output=True, text=True, check=True).stdout.strip())
    stored_s = time.monotonic() - started
    subprocess.run([PYTHON, "-c", QUEUE, str(batch)], env=env, check=True)
    log = open(var / f"celery-{label}.log", "ab")  # noqa: SIM115 - closed below
    command = [str(Path(PYTHON).parent / "celery"), "-A", "netra", "worker", "--concurrency=1",
               "--loglevel=WARNING", "--without-gossip", "--without-mingle"]
    procs = [subprocess.Popen([*command, "-n", f"{label}-{k}@bench"], env=env, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True) for k in range(workers)]
    t0 = time.monotonic()
    first = None
    status = ""
    try:
        while time.monotonic() - t0 < timeout:
            row = psql(env, f"SELECT status, screened FROM monitoring_importbatch WHERE id = {batch}")
            status, screened = row.split("|")
            if first is None and int(screened) > 0:
                first = time.monotonic()
            if status in ("done", "failed"):
                break
            time.sleep(0.5)
    finally:
        done = time.monotonic()
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        log.close()
    results, with_result = (int(x) for x in psql(env, (
        "SELECT count(r.id), count(DISTINCT r.post_id) FROM monitoring_screeningresult r "
        f"JOIN monitoring_post p ON p.id = r.post_id WHERE p.batch_id = {batch}")).split("|"))
    seconds = done - t0
    steady = done - first if first else None
    return {"workers": workers, "posts": posts, "status": status, "insert_s": round(stored_s, 1),
            "seconds": round(seconds, 1), "posts_per_s": round(with_result / seconds, 1) if seconds else None,
            "steady_posts_per_s": round(with_result / steady, 1) if steady else None,
            "results": results, "posts_with_result": with_result,
            "exactly_once": results == with_result == posts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    parser.add_argument("--part-size", type=int, default=None, help="NETRA_SCREEN_PART_SIZE (default: the setting's)")
    parser.add_argument("--timeout", type=float, default=1500, help="seconds allowed per run")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("REDIS_URL"):
        os.execvp(str(ROOT / "scripts" / "with-postgres.sh"), [
            str(ROOT / "scripts" / "with-postgres.sh"), str(ROOT / "scripts" / "with-redis.sh"),
            PYTHON, __file__, *sys.argv[1:]])

    var = Path(tempfile.mkdtemp(prefix="netra-screen-celery-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "netra.settings", "DEBUG": "0", "NETRA_TESTING": "",
           "NETRA_VAR_DIR": str(var), "SECRET_KEY": "bench-" + "k" * 50, "ALLOWED_HOSTS": "127.0.0.1",
           "LOG_LEVEL": "WARNING"}
    from cryptography.fernet import Fernet

    env["NETRA_IDENTITY_KEYS"] = Fernet.generate_key().decode()
    if args.part_size:
        env["NETRA_SCREEN_PART_SIZE"] = str(args.part_size)
    subprocess.run([PYTHON, "-m", "netra.cli", "migrate", "--no-input", "-v0"], env=env, check=True)
    result: dict = {"posts": args.posts, "part_size": args.part_size or 20000, "cpus": os.cpu_count(),
                    "load_average_before": [round(x, 2) for x in os.getloadavg()], "runs": []}
    for workers in (int(w) for w in args.workers.split(",")):
        one = run(env, var, args.posts, workers, args.timeout)
        result["runs"].append(one)
        print("run", json.dumps(one), flush=True)
    rates = {r["workers"]: r["posts_per_s"] for r in result["runs"]}
    result["posts_per_s_1"] = rates.get(1)
    result["posts_per_s_2"] = rates.get(2)
    if rates.get(1) and rates.get(2):
        result["speedup_2"] = round(rates[2] / rates[1], 2)
    result["exactly_once"] = all(r["exactly_once"] for r in result["runs"])
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
