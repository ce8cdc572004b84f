"""A real Celery worker process for tests marked `celery` (run by `make test-celery`).

The worker must read the same database as the test, so these tests use PostgreSQL (a real
server, started by scripts/with-postgres.sh) and pytest-django's transactional database: data
the test commits is visible to the worker, and the worker's writes are visible to the test.
"""

import os
import subprocess
import sys
import time

import pytest
from django.db import connection


def start_worker(tmp_path):
    if not os.environ.get("REDIS_URL"):
        pytest.fail("celery tests need REDIS_URL (run them with scripts/with-redis.sh, as `make test` does)")
    if connection.vendor != "postgresql":
        pytest.fail("celery tests need PostgreSQL (run them with scripts/with-postgres.sh, as `make test` does)")
    settings_dict = connection.settings_dict
    db_url = (f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/"
              f"{settings_dict['NAME']}")
    env = {**os.environ, "DATABASE_URL": db_url, "NETRA_TESTING": "1", "NETRA_VAR_DIR": os.environ["NETRA_VAR_DIR"]}
    log_path = tmp_path / "worker.log"
    log = open(log_path, "wb")  # noqa: SIM115 - closed by the caller through stop_worker
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "netra", "worker", "--pool=solo", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "-l", "info", "-n", f"test-{os.getpid()}@localhost"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    from netra.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("celery worker exited: " + log_path.read_text())
        if app.control.ping(timeout=0.5):
            return proc, log, log_path
    proc.kill()
    raise RuntimeError("celery worker did not answer a ping: " + log_path.read_text())


def stop_worker(proc, log):
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def wait_for(predicate, timeout=60.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
