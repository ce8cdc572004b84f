"""`/healthz`: is this instance able to take a report right now?

Answers JSON for systemd probes, nginx and monitoring: database, cache, Celery broker and the
evidence disk, each with ok/fail, the time it took and a short reason. It names no person, case or
host (only exception class names), needs no login, writes nothing to the database, and answers 503
when any check fails so a load balancer or monitor can act on the status code alone.
"""

import os
import shutil
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


class HealthProblem(Exception):
    """A failed check whose message is safe to publish (no paths, hosts or people)."""


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def check_cache() -> str:
    key = f"netra:healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise HealthProblem("cache did not return the value just stored")
    cache.delete(key)
    return cache.__class__.__name__


def check_broker() -> str:
    """Without REDIS_URL tasks run in the web process, so there is no broker to lose."""
    if not settings.REDIS_URL:
        return "none (tasks run in-process)"
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    finally:
        client.close()
    return "redis"


def check_evidence_disk() -> str:
    """Sealed evidence must be writable with room to spare, or every report with a photo fails."""
    root = settings.EVIDENCE_ROOT
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not os.access(root, os.W_OK | os.X_OK):
        raise HealthProblem("evidence directory is not writable")
    free_mb = shutil.disk_usage(root).free // (1024 * 1024)
    if free_mb < settings.NETRA_HEALTH_MIN_FREE_MB:
        raise HealthProblem(f"{free_mb} MB free, below {settings.NETRA_HEALTH_MIN_FREE_MB} MB")
    return f"{free_mb} MB free"


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "evidence_disk": check_evidence_disk,
}


def run_checks() -> dict:
    results = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            detail, ok = check(), True
        except HealthProblem as exc:
            detail, ok = str(exc), False
        except Exception as exc:  # noqa: BLE001 - any failure is a failed check; its text may name hosts
            detail, ok = exc.__class__.__name__, False
        results[name] = {"ok": ok, "detail": detail, "ms": round((time.perf_counter() - started) * 1000, 1)}
    return results


@never_cache
@require_GET
def healthz(request):
    checks = run_checks()
    healthy = all(c["ok"] for c in checks.values())
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503)
