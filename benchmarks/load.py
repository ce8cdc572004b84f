"""Load and fault benchmark of the production stack (issue 14): PostgreSQL, Redis, `netra serve`.

    NETRA_PG_PORT=58010 NETRA_REDIS_PORT=58011 .venv/bin/python benchmarks/load.py [--clients 1000] [--seconds 15]

Without DATABASE_URL/REDIS_URL it re-runs itself under scripts/with-postgres.sh and
scripts/with-redis.sh, so it always has its own throw-away servers. It then migrates, collects
static files and starts `netra serve` (DEBUG off) on 127.0.0.1, and drives it with N concurrent
keep-alive clients written on asyncio (no client library needed):

1. floor: `GET /robots.txt`, a view with no database work, through the same middleware stack;
2. intake: `POST /api/v1/reports/` (JSON);
3. status: `GET /lacak/<code>/` for codes from step 2;
4. web form: `GET /lapor/` for the CSRF token, then a multipart POST with a ~1 MB JPEG;
5. fault run: intake and web form mixed, with `kill -9` of one web worker after a third of the
   run, of the Celery worker (which opens the inbox's cases) at half time and of the whole server
   (arbiter and workers) after two thirds, each followed by a restart.

A Celery worker with its beat runs beside the server the whole time, at `nice 10` as the deploy
unit runs it (deploy/systemd/netra-worker.service): with the intake inbox on (the production
default, netra/cases/services/inbox.py) the API answers once a submission is stored and this worker
opens the cases. Before anything is checked the inbox is waited for until it is empty;
`inbox_drain_s` is that wait and `opened_per_s` the rate at which the worker opened the backlog once
the clients had stopped (`--no-inbox` measures the synchronous intake instead).

Each request carries `X-Request-Start` with the time the client sent it, as nginx stamps it in
production (deploy/nginx/netra.conf), so the server's load shedding sees the queue time
(`--no-stamp` to leave it out). Answers are counted as `ok`, `shed` (the deliberate 503 and 429,
with Retry-After; the client then backs off about a second) and `server_errors` (any other 5xx);
`rps` counts only answers completed inside the phase's window, `drain_s` is how long the requests
still in flight at the end of the window took to finish.

After the runs (and the inbox drained) every answered 201 (API) or 302 to the confirmation page (form) is checked in the
database: the report, its case events and, for the form, the sealed evidence file with the right
SHA-256. `lost` counts those that fail; sealed files without an evidence row are listed.
Only 127.0.0.1 is used and every loop is bounded by time. The last line is one JSON object.
"""

import argparse
import asyncio
import hashlib
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
STAMP = True


# ---------------------------------------------------------------- a tiny HTTP/1.1 client


class Conn:
    """One keep-alive connection; reconnects after any error."""

    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None
        self.cookies: dict[str, str] = {}

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None

    async def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None, timeout=60.0):
        if self.writer is None:
            self.reader, self.writer = await asyncio.wait_for(
                asyncio.open_connection("127.0.0.1", self.port), timeout=10)
        head = {"Host": "127.0.0.1", "Connection": "keep-alive", "Content-Length": str(len(body))}
        if STAMP:
            head["X-Request-Start"] = f"t={time.time():.3f}"  # what nginx adds (deploy/nginx/netra.conf)
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        head.update(headers or {})
        raw = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in head.items()) + "\r\n"
        try:
            self.writer.write(raw.encode() + body)
            await self.writer.drain()
            return await asyncio.wait_for(self._response(), timeout=timeout)
        except BaseException:
            await self.close()
            raise

    async def _response(self):
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed")
        status = int(status_line.split()[1])
        headers = {}
        while True:
            line = (await self.reader.readline()).decode("latin-1").rstrip("\r\n")
            if not line:
                break
            key, _, value = line.partition(":")
            key = key.strip().lower()
            if key == "set-cookie":
                name, _, rest = value.strip().partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
            headers[key] = value.strip()
        length = int(headers.get("content-length", "0"))
        body = await self.reader.readexactly(length) if length else b""
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, headers, body


# ---------------------------------------------------------------- workloads


class Run:
    def __init__(self, window: float = float("inf")):
        self.latencies: list[float] = []
        self.ok = 0
        self.ok_in_window = 0
        self.shed = 0
        self.server_errors = 0
        self.statuses: dict[str, int] = {}
        self.errors = 0
        self.accepted: list[dict] = []
        self.window_end = time.perf_counter() + window

    def record(self, started: float, status: int | None, good: bool):
        key = str(status) if status is not None else "error"
        self.statuses[key] = self.statuses.get(key, 0) + 1
        now = time.perf_counter()
        if good:
            self.ok += 1
            self.ok_in_window += now <= self.window_end
            self.latencies.append((now - started) * 1000)
        elif status in (429, 503):
            self.shed += 1
        elif status is not None and status >= 500:
            self.server_errors += 1
        elif status is None:
            self.errors += 1


def report_json(region_code: str, i: int) -> bytes:
    today = time.strftime("%Y-%m-%d")
    return json.dumps({
        "subject_name": f"Pegawai Beban {i}", "subject_agency": "Dinas Pendidikan", "region_code": region_code,
        "conduct_date": today, "description": "Mengunggah foto dengan salam dua jari bersama pasangan calon.",
        "anonymous": True,
    }).encode()


def jpeg_of_about(size: int, seed: int) -> bytes:
    """A photo-like JPEG (noise does not compress) of at least `size` bytes, different per seed."""
    from PIL import Image

    rnd = random.Random(seed)
    for side in range(200, 2000, 20):
        buf = io.BytesIO()
        Image.frombytes("RGB", (side, side), rnd.randbytes(side * side * 3)).save(buf, "JPEG", quality=80)
        if len(buf.getvalue()) >= size:
            return buf.getvalue()
    return buf.getvalue()


def multipart(fields: dict, file_name: str, file_data: bytes) -> tuple[bytes, str]:
    boundary = f"netra{random.getrandbits(64):x}"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{file_name}"\r\n'
                 f"Content-Type: image/jpeg\r\n\r\n".encode() + file_data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


async def op_bare(conn: Conn, ctx, run: Run, i: int):
    started = time.perf_counter()
    status, _, _ = await conn.request("GET", "/robots.txt")
    run.record(started, status, status == 200)


async def op_intake(conn: Conn, ctx, run: Run, i: int):
    started = time.perf_counter()
    status, _, body = await conn.request("POST", "/api/v1/reports/", report_json(ctx["region_code"], i),
                                         {"Content-Type": "application/json", "Accept": "application/json"})
    good = status == 201
    run.record(started, status, good)
    if good:
        code = json.loads(body)["tracking_code"]
        run.accepted.append({"code": code, "sha256": None})
        ctx["codes"].append(code)


async def op_status(conn: Conn, ctx, run: Run, i: int):
    code = ctx["codes"][i % len(ctx["codes"])]
    started = time.perf_counter()
    status, _, _ = await conn.request("GET", f"/lacak/{code}/")
    run.record(started, status, status == 200)


CSRF_RE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


async def op_form(conn: Conn, ctx, run: Run, i: int):
    started = time.perf_counter()
    status, _, page = await conn.request("GET", "/lapor/")
    token = CSRF_RE.search(page) if status == 200 else None
    if token is None:
        run.record(started, status, False)
        return
    photo, sha = ctx["photos"][i % len(ctx["photos"])]
    body, content_type = multipart({
        "csrfmiddlewaretoken": token.group(1).decode(), "subject_name": f"Pegawai Formulir {i}",
        "subject_agency_text": "Dinas Kesehatan", "region": ctx["region_pk"], "conduct_date": time.strftime("%Y-%m-%d"),
        "description": "Foto kampanye di kantor saat jam kerja.", "is_anonymous": "on",
    }, f"bukti{i}.jpg", photo)
    status, headers, _ = await conn.request("POST", "/lapor/", body, {
        "Content-Type": content_type, "Referer": f"http://127.0.0.1:{conn.port}/lapor/"})
    done = re.search(r"/lapor/terkirim/([^/]+)/", headers.get("location", ""))
    good = status == 302 and done is not None
    run.record(started, status, good)
    if good:
        run.accepted.append({"code": done.group(1), "sha256": sha})


async def drive(port: int, clients: int, seconds: float, op, ctx, events=()) -> Run:
    """`clients` connections doing `op` in a loop until `seconds` have passed; `events` are
    (at_seconds, coroutine_function) run once while the load goes on (the faults)."""
    run = Run(window=seconds)
    deadline = time.monotonic() + seconds
    counter = iter(range(10**9))

    async def client(n: int):
        conn = Conn(port)
        await asyncio.sleep(random.random() * min(2.0, seconds / 4))  # do not open 1000 sockets in one tick
        while time.monotonic() < deadline:
            started = time.perf_counter()
            shed_before = run.shed
            try:
                await op(conn, ctx, run, next(counter))
            except (TimeoutError, OSError, ConnectionError, asyncio.IncompleteReadError, ValueError, IndexError):
                run.record(started, None, False)
                await asyncio.sleep(0.2)
            if run.shed > shed_before:  # told to come back later: back off, shorter than Retry-After
                await asyncio.sleep(0.5 + random.random())
        await conn.close()

    async def fault(at: float, action):
        await asyncio.sleep(at)
        await action()

    began = time.monotonic()
    await asyncio.gather(*(client(n) for n in range(clients)), *(fault(at, action) for at, action in events))
    run.elapsed = time.monotonic() - began
    return run


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def summary(run: Run, seconds: float) -> dict:
    return {"ok": run.ok, "rps": round(run.ok_in_window / seconds, 1), "drain_s": round(run.elapsed - seconds, 1),
            "shed": run.shed, "server_errors": run.server_errors, "no_answer": run.errors,
            "p50_ms": pct(run.latencies, 0.50), "p95_ms": pct(run.latencies, 0.95),
            "p99_ms": pct(run.latencies, 0.99), "statuses": run.statuses}


# ---------------------------------------------------------------- the server


class Server:
    def __init__(self, env: dict, port: int):
        self.env, self.port, self.proc = env, port, None
        self.log = open(Path(env["NETRA_VAR_DIR"]) / "serve.log", "ab")  # noqa: SIM115 - closed in stop()

    def _port_taken(self) -> bool:
        import socket

        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def start(self):
        # Another server there would answer for ours and hide our reports. After kill_all the killed
        # workers may hold the listening socket for a moment longer than the master: wait for it.
        free_by = time.monotonic() + (10 if self.proc is not None else 0)
        while self._port_taken():
            if time.monotonic() >= free_by:
                raise SystemExit(f"port {self.port} is already in use; stop what listens there or pass --port")
            time.sleep(0.2)
        self.proc = subprocess.Popen([PYTHON, "-m", "netra.cli", "serve", "--bind", f"127.0.0.1:{self.port}"],
                                     env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                import urllib.request

                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/robots.txt", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("netra serve did not start; see serve.log")

    def workers(self) -> list[int]:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                pids.append(int(stat.parent.name))
        return pids

    def kill_all(self):
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill_all()
        self.log.close()


class Worker:
    """The Celery worker with its beat (`-B`), nice'd like the deploy unit; kill -9 and restart."""

    def __init__(self, env: dict, var: Path):
        self.env, self.proc = env, None
        self.log = open(var / "worker.log", "ab")  # noqa: SIM115 - closed in stop()
        self.schedule = var / "beat-schedule"

    def start(self):
        self.proc = subprocess.Popen(["nice", "-n", "10", str(Path(PYTHON).parent / "celery"), "-A", "netra", "worker",
                                      "-B", "-s", str(self.schedule), "--concurrency=1", "--loglevel=WARNING",
                                      "--without-gossip", "--without-mingle"],
                                     env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def kill(self):
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def drain_inbox(env: dict, limit: float = 900.0) -> dict:
    """Wait until the intake inbox holds no waiting submission; how long that took and how fast."""
    def waiting() -> int:
        return int(psql(env, "SELECT count(*) FROM cases_submission WHERE status = 'pending'"))

    started, first = time.monotonic(), waiting()
    left = first
    while left and time.monotonic() - started < limit:
        time.sleep(0.5)
        left = waiting()
    seconds = time.monotonic() - started
    failed = int(psql(env, "SELECT count(*) FROM cases_submission WHERE status = 'failed'"))
    return {"waiting_at_end": first, "inbox_drain_s": round(seconds, 1), "still_waiting": left,
            "inbox_failed": failed, "opened_per_s": round(first / seconds, 1) if first and seconds else None}


def netra(env: dict, *args: str) -> str:
    result = subprocess.run([PYTHON, "-m", "netra.cli", *args], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"netra {' '.join(args)}: {result.stderr[-3000:]}")
    return result.stdout


VERIFY = r"""
import hashlib, json, sys, django
django.setup()
from django.conf import settings
from netra.cases.models import CaseEvent, Evidence, Report
accepted = json.load(open(sys.argv[1]))
lost = []
for item in accepted:
    report = Report.objects.filter(tracking_code=item["code"]).select_related("case").first()
    if report is None or report.case is None or not CaseEvent.objects.filter(case=report.case).exists():
        lost.append(item["code"]); continue
    if item["sha256"]:
        ev = report.evidence.filter(sha256=item["sha256"]).first()
        if ev is None or not ev.sealed_file:
            lost.append(item["code"]); continue
        with ev.sealed_file.open("rb") as fh:
            if hashlib.sha256(fh.read()).hexdigest() != item["sha256"]:
                lost.append(item["code"])
known = set(Evidence.objects.exclude(sealed_file="").values_list("sealed_file", flat=True))
root = settings.EVIDENCE_ROOT
orphans = sorted(p.relative_to(root).as_posix() for p in (root / "sealed").rglob("*") if p.is_file()
                 and p.relative_to(root).as_posix() not in known) if (root / "sealed").exists() else []
print(json.dumps({"stored": len(accepted) - len(lost), "lost": lost, "orphan_sealed_files": orphans,
                  "reports_in_db": Report.objects.count()}))
"""


def verify(env: dict, accepted: list[dict], var: Path) -> dict:
    path = var / "accepted.json"
    path.write_text(json.dumps(accepted))
    result = subprocess.run([PYTHON, "-c", VERIFY, str(path)], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


SETUP = r"""
import django, json, sys
django.setup()
from django.contrib.auth.models import Group, User
from netra.core.roles import Role
from netra.registry.models import Region
# The province's verifiers, each with an address: every new case writes each of them a message, as
# in production (netra/notifications), inside the intake's transaction.
group, _ = Group.objects.get_or_create(name=str(Role.VERIFIER))
for i in range(int(sys.argv[1])):
    user = User.objects.create_user(f"verif-beban-{i}", f"verif{i}@kaltimprov.go.id", None)
    user.groups.add(group)
r = Region.objects.filter(is_active=True).exclude(kind=Region.Kind.PROVINCE).order_by("code").first()
print(json.dumps({"region_code": r.code, "region_pk": r.pk}))
"""


IMPORT_POSTS = r"""
import sys, django
django.setup()
from netra.monitoring import services
n = int(sys.argv[1])
rows = [(i, {"id": f"beban-{i}", "text": f"Ayo dukung pasangan nomor {i % 3 + 1} di pilkada, salam dua jari #{i}",
             "platform": "facebook", "account": f"asn{i % 50}"}) for i in range(1, n + 1)]
batch = services.import_posts(rows, None, "benchmark")
print(batch.pk)
"""


def psql(env: dict, sql: str) -> str:
    return subprocess.run(["psql", env["DATABASE_URL"], "-tAc", sql], capture_output=True, text=True,
                          check=True).stdout.strip()


def celery_fault(env: dict, var: Path, posts: int) -> dict:
    """kill -9 of the Celery worker in the middle of a screening batch; after a restart every post
    must have exactly one screening result. The broker redelivers the unacknowledged task after
    the visibility timeout (set short here through NETRA_TASK_VISIBILITY_SECONDS)."""
    env = {**env, "NETRA_TASK_VISIBILITY_SECONDS": "20"}
    log = open(var / "celery.log", "ab")  # noqa: SIM115 - closed below

    def worker():
        return subprocess.Popen([str(Path(PYTHON).parent / "celery"), "-A", "netra", "worker", "--concurrency=1",
                                 "--loglevel=WARNING", "--without-gossip", "--without-mingle"],
                                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def screened() -> int:
        return int(psql(env, f"SELECT count(*) FROM monitoring_post WHERE batch_id = {batch} "
                             "AND screened_at IS NOT NULL"))

    proc = worker()
    batch = int(subprocess.run([PYTHON, "-c", IMPORT_POSTS, str(posts)], env=env, capture_output=True, text=True,
                               check=True).stdout.strip())
    started = time.monotonic()
    killed_at = None
    try:
        while time.monotonic() - started < 600:
            done = screened()
            if done > 0:
                killed_at = done
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                break
            time.sleep(0.2)
        proc = worker()
        while time.monotonic() - started < 900 and screened() < posts:
            time.sleep(1)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        log.close()
    per_post = psql(env, "SELECT count(r.id), count(DISTINCT r.post_id) FROM monitoring_screeningresult r "
                         f"JOIN monitoring_post p ON p.id = r.post_id WHERE p.batch_id = {batch}").split("|")
    return {"posts": posts, "screened_when_killed": killed_at, "screened": screened(),
            "results": int(per_post[0]), "posts_with_result": int(per_post[1]),
            "exactly_once": int(per_post[0]) == int(per_post[1]) == posts,
            "seconds": round(time.monotonic() - started, 1)}


def raise_fd_limit(clients: int) -> None:
    """1,000 client sockets plus the server's side exceed the usual soft limit of 1,024 descriptors."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = max(soft, min(hard, max(4 * clients + 1024, 8192))) if hard != resource.RLIM_INFINITY else \
        max(soft, 4 * clients + 1024)
    if wanted > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < 2 * clients + 256:
        raise SystemExit(f"open-file limit {resource.getrlimit(resource.RLIMIT_NOFILE)} is too low for "
                         f"{clients} clients; raise it (ulimit -n) or use fewer --clients")


def database_capacity(env: dict, workers: int, threads: int) -> dict:
    """Every gthread thread holds its own PostgreSQL connection (CONN_MAX_AGE): they must all fit."""
    allowed = int(psql(env, "SHOW max_connections"))
    needed = workers * threads + 5  # migrate/verify scripts, the Celery worker, psql itself
    if allowed < needed:
        raise SystemExit(f"PostgreSQL max_connections={allowed} < {needed} needed by {workers} workers x "
                         f"{threads} threads: requests would fail with 'too many clients'")
    return {"pg_max_connections": allowed, "web_db_connections": workers * threads}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=15.0, help="length of each measured phase")
    parser.add_argument("--port", type=int, default=58020)
    parser.add_argument("--workers", type=int, default=None, help="NETRA_WEB_WORKERS (default: serve's own)")
    parser.add_argument("--worker-class", default=os.environ.get("NETRA_WEB_WORKER_CLASS", "gthread"))
    parser.add_argument("--photo-bytes", type=int, default=1_000_000)
    parser.add_argument("--skip-fault", action="store_true")
    parser.add_argument("--celery-posts", type=int, default=3000, help="posts in the Celery kill batch (0: skip)")
    parser.add_argument("--verifiers", type=int, default=8, help="verifiers with an e-mail address (each new "
                        "case writes each of them a message)")
    parser.add_argument("--no-stamp", action="store_true", help="send no X-Request-Start (no queue-time shedding)")
    parser.add_argument("--no-inbox", action="store_true", help="open each case inside the API request "
                        "(NETRA_INTAKE_INBOX=0) instead of through the intake inbox")
    args = parser.parse_args()
    global STAMP
    STAMP = not args.no_stamp
    raise_fd_limit(args.clients)

    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("REDIS_URL"):
        os.execvp(str(ROOT / "scripts" / "with-postgres.sh"), [
            str(ROOT / "scripts" / "with-postgres.sh"), str(ROOT / "scripts" / "with-redis.sh"),
            PYTHON, __file__, *sys.argv[1:]])

    from cryptography.fernet import Fernet

    var = Path(tempfile.mkdtemp(prefix="netra-load-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "netra.settings"}
    env.update({
        "DEBUG": "0", "NETRA_TESTING": "", "NETRA_VAR_DIR": str(var), "SECRET_KEY": "load-" + "k" * 50,
        "NETRA_IDENTITY_KEYS": Fernet.generate_key().decode(), "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0", "SECURE_HSTS_SECONDS": "0",
        "DATABASE_CONN_MAX_AGE": "60", "NETRA_PUBLIC_REPORT_RATE": "100000000/hour", "LOG_LEVEL": "WARNING",
        "NETRA_LOOKUP_RATE": "100000000/hour",
        "NETRA_ACCESS_LOG": str(var / "access.log"), "NETRA_WEB_WORKER_CLASS": args.worker_class,
        "NETRA_INTAKE_INBOX": "0" if args.no_inbox else "1",
    })
    if args.workers:
        env["NETRA_WEB_WORKERS"] = str(args.workers)
    netra(env, "migrate", "--no-input", "-v0")
    netra(env, "load_reference")
    netra(env, "collectstatic", "--no-input", "-v0")
    setup = json.loads(subprocess.run([PYTHON, "-c", SETUP, str(args.verifiers)], env=env, capture_output=True,
                                      text=True, check=True).stdout)
    photos = []
    for seed in range(4):
        data = jpeg_of_about(args.photo_bytes, seed)
        photos.append((data, hashlib.sha256(data).hexdigest()))
    ctx = {**setup, "codes": [], "photos": photos}

    server = Server(env, args.port)
    server.start()
    worker = Worker(env, var)
    worker.start()
    result: dict = {"clients": args.clients, "seconds_per_phase": args.seconds, "worker_class": args.worker_class,
                    "workers": len(server.workers()), "cpus": os.cpu_count(),
                    "photo_bytes": len(photos[0][0]), "stamped": STAMP, "verifiers": args.verifiers,
                    "intake_inbox": not args.no_inbox,
                    "fd_limit": resource.getrlimit(resource.RLIMIT_NOFILE)[0],
                    "load_average_before": [round(x, 2) for x in os.getloadavg()]}
    threads = int(env.get("NETRA_WEB_THREADS", "4")) if args.worker_class == "gthread" else 1
    result.update(database_capacity(env, result["workers"], threads))
    accepted: list[dict] = []
    try:
        phases = {}
        for name, op in (("bare", op_bare), ("intake", op_intake), ("status", op_status), ("form", op_form)):
            run = asyncio.run(drive(args.port, args.clients, args.seconds, op, ctx))
            phases[name] = summary(run, args.seconds)
            accepted += run.accepted
            print(name, json.dumps(phases[name]), flush=True)
        result["phases"] = phases
        result["bare_rps"] = phases["bare"]["rps"]
        result["intake_rps"] = phases["intake"]["rps"]
        bare = phases["bare"]["rps"]
        result["intake_ratio"] = round(phases["intake"]["rps"] / bare, 3) if bare else None
        for key in ("p50_ms", "p95_ms", "p99_ms"):
            result[key] = phases["intake"][key]
        result["form_rps"] = phases["form"]["rps"]
        result["form_p95_ms"] = phases["form"]["p95_ms"]
        result["inbox"] = drain_inbox(env)
        print("inbox", json.dumps(result["inbox"]), flush=True)
        checked = verify(env, accepted, var)
        result.update({"accepted": len(accepted), "stored": checked["stored"], "lost": len(checked["lost"]),
                       "shed": sum(p["shed"] for p in phases.values()),
                       "server_errors": sum(p["server_errors"] for p in phases.values()),
                       "intake_shed": phases["intake"]["shed"], "drain_s": phases["intake"]["drain_s"]})

        if not args.skip_fault:
            faults = []

            async def kill_worker():
                pids = server.workers()
                if pids:
                    os.kill(pids[0], signal.SIGKILL)
                    faults.append({"killed_worker": pids[0], "at": time.strftime("%H:%M:%S")})

            async def kill_celery_worker():
                worker.kill()
                faults.append({"killed_celery_worker": worker.proc.pid, "at": time.strftime("%H:%M:%S")})
                worker.start()

            async def kill_server():
                server.kill_all()
                faults.append({"killed_server": server.proc.pid, "at": time.strftime("%H:%M:%S")})
                await asyncio.to_thread(server.start)
                faults.append({"restarted": server.proc.pid, "at": time.strftime("%H:%M:%S")})

            async def mixed(conn, ctx, run, i):
                await (op_form if i % 4 == 0 else op_intake)(conn, ctx, run, i)

            seconds = max(args.seconds * 2, 20)
            run = asyncio.run(drive(args.port, args.clients, seconds, mixed, ctx,
                                    events=[(seconds / 3, kill_worker), (seconds / 2, kill_celery_worker),
                                            (2 * seconds / 3, kill_server)]))
            inbox_after = drain_inbox(env)
            checked = verify(env, run.accepted, var)
            result["fault"] = {**summary(run, seconds), "faults": faults, "accepted": len(run.accepted),
                               "stored": checked["stored"], "lost": len(checked["lost"]),
                               "lost_codes": checked["lost"][:20],
                               "orphan_sealed_files": checked["orphan_sealed_files"], "inbox": inbox_after}
            print("fault", json.dumps(result["fault"]), flush=True)
            result["lost"] += len(checked["lost"])
            result["fault_server_errors"] = result["fault"]["server_errors"]
            result["accepted"] += len(run.accepted)
            result["stored"] += checked["stored"]
        if args.celery_posts:
            worker.stop()  # the screening fault run starts and kills its own worker
            result["celery_fault"] = celery_fault(env, var, args.celery_posts)
            print("celery_fault", json.dumps(result["celery_fault"]), flush=True)
    finally:
        server.stop()
        worker.stop()
        shutil.rmtree(var, ignore_errors=True)
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
