"""`netra serve`: run the site under gunicorn, the production WSGI server.

The command replaces itself with gunicorn (exec), so the process systemd starts *is* gunicorn's
arbiter: `systemctl reload` (SIGHUP) re-reads the code and replaces workers one by one without
dropping connections, and `kill -9` of a worker makes the arbiter start a new one. Static files are
served by WhiteNoise from the same process, so nothing else is needed behind nginx.
"""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def default_workers() -> int:
    """Gunicorn's rule of thumb: two workers per core plus one, capped so a small VM does not swap."""
    return min(2 * (os.cpu_count() or 1) + 1, 12)


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise CommandError(f"{name} must be a whole number, not {raw!r}") from exc
    if value < 1:
        raise CommandError(f"{name} must be at least 1, not {value}")
    return value


WORKER_CLASSES = {"sync", "gthread"}
# Access log in the combined format plus the request time in microseconds (%(D)s), which the
# operator needs to see slow pages; no query strings with personal data are logged by Netra's URLs.
ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)sus'


def gunicorn_argv(bind: str) -> list[str]:
    """The gunicorn command line built from the environment (documented in docs/deploy.md)."""
    worker_class = os.environ.get("NETRA_WEB_WORKER_CLASS", "gthread").strip() or "gthread"
    if worker_class not in WORKER_CLASSES:
        raise CommandError(f"NETRA_WEB_WORKER_CLASS must be one of {sorted(WORKER_CLASSES)}, not {worker_class!r}")
    max_requests = env_int("NETRA_WEB_MAX_REQUESTS", 100_000)
    argv = [
        sys.executable, "-m", "gunicorn", "netra.wsgi:application",
        "--bind", bind,
        "--workers", str(env_int("NETRA_WEB_WORKERS", default_workers())),
        "--worker-class", worker_class,
        "--timeout", str(env_int("NETRA_WEB_TIMEOUT", 60)),
        "--graceful-timeout", str(env_int("NETRA_WEB_GRACEFUL_TIMEOUT", 30)),
        "--keep-alive", "5",
        # Recycle workers now and then so a slow leak can never grow without bound. Rarely: a new
        # worker imports Django and trains the self-check reader (about 3 s of CPU), and at 5,000 a
        # surge of 1,000 requests/s restarted a worker every few seconds, which took about a third
        # of the CPU (profiled with py-spy under benchmarks/load.py, 5 Dec 2026).
        "--max-requests", str(max_requests),
        "--max-requests-jitter", str(max_requests // 10),
        "--access-logfile", os.environ.get("NETRA_ACCESS_LOG", "-"),
        "--access-logformat", ACCESS_LOG_FORMAT,
        "--error-logfile", "-",
        # The scheme and client address come from the reverse proxy on this machine only.
        "--forwarded-allow-ips", os.environ.get("NETRA_FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
        "--no-control-socket",
        # Connections the kernel holds before a worker accepts them. Sized to take a burst of about
        # the clients one election-week surge brings at once (1,000 measured, README), not more:
        # what waits there cannot be answered, and nginx times out upstream connects after 5 s.
        # The kernel caps it at net.core.somaxconn (4096 on Debian 12).
        "--backlog", str(env_int("NETRA_WEB_BACKLOG", 1024)),
    ]
    if worker_class == "gthread":
        argv += ["--threads", str(env_int("NETRA_WEB_THREADS", 4)),
                 # Open client connections one worker keeps (keep-alive ones included); beyond this it
                 # stops accepting and new connections wait in the backlog.
                 "--worker-connections", str(env_int("NETRA_WEB_WORKER_CONNECTIONS", 1000))]
    return argv


def check_static_manifest() -> None:
    """Refuse to start when hashed static files were not collected: every page would answer 500."""
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    if "Manifest" in backend and not (settings.STATIC_ROOT / "staticfiles.json").exists():
        raise CommandError(
            f"No static files in {settings.STATIC_ROOT}: run `netra collectstatic --no-input` first "
            "(docs/deploy.md, step 'upgrade')."
        )


class Command(BaseCommand):
    help = "Serve Netra under gunicorn (production server). Reload with SIGHUP, stop with SIGTERM."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("NETRA_BIND", "127.0.0.1:8000"),
                            help="HOST:PORT or unix:/path (default 127.0.0.1:8000 or $NETRA_BIND)")
        parser.add_argument("--dry-run", action="store_true", help="print the gunicorn command and exit")

    def handle(self, *args, bind, dry_run, **options):
        argv = gunicorn_argv(bind)
        if dry_run:
            self.stdout.write(" ".join(argv[1:]))
            return
        check_static_manifest()
        # Train the self-check reader once and keep it in var/cache, so the workers load it instead of
        # each training its own while the first requests arrive (netra/learning/selfcheck/reading.py).
        call_command("train_selfcheck", stdout=self.stdout)
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(argv[0], argv)
