"""`netra serve`: the real gunicorn process, DEBUG off, static files from WhiteNoise, HUP reload."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from netra.core.management.commands.serve import gunicorn_argv

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="gunicorn runs on Unix only")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(var: Path) -> dict:
    """The documented production variables, with plain HTTP on 127.0.0.1 for the test."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update({
        "DEBUG": "0", "NETRA_TESTING": "", "NETRA_VAR_DIR": str(var), "SECRET_KEY": "s" * 60,
        "NETRA_IDENTITY_KEYS": Fernet.generate_key().decode(), "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0", "NETRA_WEB_WORKERS": "2",
    })
    return env


def netra(*args, env, **kw):
    return subprocess.run([sys.executable, "-m", "netra.cli", *args], env=env, capture_output=True, text=True, **kw)


def wait_for(url: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read().decode()
        except (OSError, urllib.error.HTTPError):
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds}s")


def test_workers_and_class_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("NETRA_WEB_WORKERS", "3")
    monkeypatch.setenv("NETRA_WEB_WORKER_CLASS", "sync")
    argv = gunicorn_argv("127.0.0.1:9")
    assert argv[argv.index("--workers") + 1] == "3"
    assert argv[argv.index("--worker-class") + 1] == "sync"
    assert "--threads" not in argv
    assert argv[argv.index("--access-logfile") + 1] == "-"


def test_backlog_and_connections_are_sized_from_the_environment(monkeypatch):
    argv = gunicorn_argv("127.0.0.1:9")
    assert argv[argv.index("--backlog") + 1] == "1024"
    assert argv[argv.index("--worker-connections") + 1] == "1000"
    monkeypatch.setenv("NETRA_WEB_BACKLOG", "256")
    monkeypatch.setenv("NETRA_WEB_WORKER_CONNECTIONS", "300")
    argv = gunicorn_argv("127.0.0.1:9")
    assert argv[argv.index("--backlog") + 1] == "256"
    assert argv[argv.index("--worker-connections") + 1] == "300"


def test_bad_worker_settings_are_refused_with_a_clear_message(monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.setenv("NETRA_WEB_WORKERS", "many")
    with pytest.raises(CommandError, match="NETRA_WEB_WORKERS"):
        gunicorn_argv("127.0.0.1:9")
    monkeypatch.setenv("NETRA_WEB_WORKERS", "2")
    monkeypatch.setenv("NETRA_WEB_WORKER_CLASS", "tornado")
    with pytest.raises(CommandError, match="NETRA_WEB_WORKER_CLASS"):
        gunicorn_argv("127.0.0.1:9")


def test_serve_refuses_to_start_without_collected_static_files(tmp_path):
    env = production_env(tmp_path)
    result = netra("serve", "--bind", f"127.0.0.1:{free_port()}", env=env, timeout=120)
    assert result.returncode != 0
    assert "collectstatic" in result.stderr


def test_serve_runs_the_site_without_debug_and_reloads_on_hup(tmp_path):
    env = production_env(tmp_path)
    assert netra("migrate", "--no-input", "-v0", env=env, timeout=300).returncode == 0
    assert netra("collectstatic", "--no-input", "-v0", env=env, timeout=300).returncode == 0
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([sys.executable, "-m", "netra.cli", "serve", "--bind", f"127.0.0.1:{port}"], env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        page = wait_for(base + "/")
        css = re.search(r'href="(/static/netra/netra\.[0-9a-f]{12}\.css)"', page)
        assert css, "static URLs must carry a content hash without DEBUG"
        request = urllib.request.Request(base + css.group(1), headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=10) as r:
            assert r.headers["Content-Encoding"] == "gzip"
            assert "immutable" in r.headers["Cache-Control"]
        # Graceful reload: the arbiter stays, new workers take over, the site keeps answering.
        proc.send_signal(signal.SIGHUP)
        time.sleep(2)
        assert proc.poll() is None
        wait_for(base + "/")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()
    logged = (tmp_path / "serve.log").read_text()
    assert re.search(r'"GET / HTTP/1\.1" 200 \d+ .*us$', logged, re.M), "access log line expected"
    assert "Handling signal: hup" in logged.lower() or "hang up" in logged.lower()
