"""Browser tests: a real `netra runserver` process on its own SQLite file, driven by Debian's Chromium.

A separate server process (instead of pytest-django's live_server) keeps the append-only event
triggers intact: the live_server flush would have to delete events, which the database refuses.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("NETRA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def netra_var(tmp_path_factory):
    """The served site's data directory (its SQLite file)."""
    return tmp_path_factory.mktemp("netra-server")


def _server_env(var) -> dict:
    env = {**os.environ, "DEBUG": "1", "NETRA_TESTING": "", "NETRA_VAR_DIR": str(var)}
    env.pop("DATABASE_URL", None)
    return env


@pytest.fixture(scope="session")
def netra_manage(netra_server, netra_var):
    """Run a `netra` management command against the served site's database; returns its stdout."""

    def _run(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "netra.cli", *args], env=_server_env(netra_var), check=True,
                              capture_output=True, text=True)
        return done.stdout

    return _run


def start_runserver(env: dict, var: Path, *extra: str):
    """Start `netra runserver` on a free port and wait until it answers; (process, base URL, log file).

    Any HTTP answer counts as started (a DEBUG-off server may answer / with a redirect or an error).
    """
    port = _free_port()
    log = open(var / "server.log", "wb")  # noqa: SIM115 - closed by the caller's teardown
    proc = subprocess.Popen([sys.executable, "-m", "netra.cli", "runserver", "--noreload", *extra,
                             f"127.0.0.1:{port}"], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError("netra runserver did not start: " + (var / "server.log").read_text())
    return proc, base, log


@pytest.fixture(scope="session")
def netra_server(netra_var):
    """Migrate a fresh SQLite database, load reference data and serve it; yield the base URL."""
    var = netra_var
    env = _server_env(var)
    netra = [sys.executable, "-m", "netra.cli"]
    for command in (["migrate", "--no-input", "-v0"], ["load_reference"]):
        subprocess.run([*netra, *command], env=env, check=True, capture_output=True)
    proc, base, log = start_runserver(env, Path(var))
    yield base
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; install Debian's 'chromium' package (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    yield page
    context.close()
