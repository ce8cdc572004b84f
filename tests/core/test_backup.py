"""`netra backup` -> wipe -> `netra restore`: every report, event and evidence hash comes back identical.

Runs real `netra` processes on a real database file (SQLite) and, when the suite runs under
scripts/with-postgres.sh and pg_dump is installed, on fresh PostgreSQL databases too.
"""

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest

POPULATE = r"""
import datetime as dt, io, django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from netra.cases import services
from netra.demo import seed as demo
from netra.registry.models import Region
demo.seed(reports=12)
for i in range(3):
    buf = io.BytesIO(); Image.new("RGB", (40 + i, 30), (10 * i, 80, 120)).save(buf, "JPEG")
    data = services.ReportInput(subject_name=f"Pegawai Uji {i}", region=Region.objects.get(code="64.72"),
        conduct_date=dt.date(2024, 10, 10), description="Foto dengan salam dua jari.", is_anonymous=False,
        reporter_name=f"Pelapor {i}", reporter_email=f"p{i}@example.org")
    services.submit_report(data, files=[SimpleUploadedFile(f"f{i}.jpg", buf.getvalue(), "image/jpeg")])
"""

SNAPSHOT = r"""
import hashlib, json, django
django.setup()
from netra.cases.models import Case, CaseEvent, CaseMatchKey, Evidence, Report
def rows(qs):
    return [{k: str(v) for k, v in row.items()} for row in qs.order_by("pk").values()]
files = {}
for ev in Evidence.objects.order_by("pk"):
    for field in (ev.sealed_file, ev.view_file):
        if field:
            with field.open("rb") as fh:
                files[field.name] = hashlib.sha256(fh.read()).hexdigest()
print(json.dumps({"reports": rows(Report.objects), "cases": rows(Case.objects), "events": rows(CaseEvent.objects),
                  "evidence": rows(Evidence.objects), "files": files, "match_keys": rows(CaseMatchKey.objects)}))
"""

# The dashboards' tallies against a fresh count of the cases (derived data: restore recounts them).
TALLIES = r"""
import json, django
django.setup()
from netra.core.permissions import Scope
from netra.desk import stats
everything = Scope(everything=True)
tallied = stats.tallied_dashboard(everything)
print(json.dumps({"match": tallied == stats.dashboard(stats.live_cases()), "total": tallied["total"]}))
"""
LOSE_TALLIES = r"""
import django
django.setup()
from netra.cases.models import CaseTally
CaseTally.objects.all().delete()
"""


def netra(env, *args, check=True):
    result = subprocess.run([sys.executable, "-m", "netra.cli", *args], env=env, capture_output=True, text=True,
                            timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"netra {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def python(env, code):
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return result.stdout


def base_env(var: Path, database_url: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    var.mkdir(parents=True, exist_ok=True)
    env.update({"DEBUG": "1", "NETRA_TESTING": "", "NETRA_VAR_DIR": str(var),
                "DJANGO_SETTINGS_MODULE": "netra.settings"})
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def postgres_urls():
    """Two fresh databases on the suite's PostgreSQL server, or None when it is not available."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or not shutil.which("pg_dump") or not shutil.which("psql"):
        return None
    names = [f"netra_backup_{uuid.uuid4().hex[:8]}", f"netra_restore_{uuid.uuid4().hex[:8]}"]
    for name in names:
        subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-c", f"CREATE DATABASE {name}"], check=True,
                       capture_output=True)
    base = url.rsplit("/", 1)[0]
    return url, [f"{base}/{name}" for name in names]


BACKENDS = ["sqlite", "postgresql"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_backup_wipe_restore_gives_back_every_report_event_and_evidence_hash(tmp_path, backend):
    if backend == "postgresql":
        pg = postgres_urls()
        if pg is None:
            pytest.skip("needs scripts/with-postgres.sh and pg_dump/psql")
        admin_url, (source_url, target_url) = pg
    else:
        source_url = target_url = None
    var = tmp_path / "var"
    env = base_env(var, source_url)
    netra(env, "migrate", "--no-input", "-v0")
    netra(env, "load_reference")
    python(env, POPULATE)
    before = json.loads(python(env, SNAPSHOT))
    assert len(before["reports"]) >= 15 and len(before["events"]) > len(before["reports"])
    assert len(before["files"]) >= 3
    assert before["match_keys"]  # the duplicate-blocking keys are in the dump: no rebuild needed

    python(env, LOSE_TALLIES)  # as after a raw SQL write: the archive's tallies are wrong
    assert json.loads(python(env, TALLIES))["match"] is False
    archive = tmp_path / "backups" / "netra.tar"
    netra(env, "backup", str(archive))
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        assert set(manifest["files"]) == {m.name for m in tar.getmembers()} - {"manifest.json"}
    assert manifest["counts"]["reports"] == len(before["reports"])
    assert all(len(meta["sha256"]) == 64 for meta in manifest["files"].values())
    # A second backup to the same name is refused rather than overwriting the first.
    assert netra(env, "backup", str(archive), check=False).returncode != 0

    # Wipe: a new machine with an empty database and no evidence.
    shutil.rmtree(var)
    restore_env = base_env(var, target_url)
    result = netra(restore_env, "restore", str(archive))
    assert f"{len(before['reports'])} reports" in result.stdout
    after = json.loads(python(restore_env, SNAPSHOT))
    assert after == before
    assert json.loads(python(restore_env, TALLIES)) == {"match": True, "total": len(before["cases"])}
    if backend == "sqlite":
        assert oct((var / "netra.sqlite3").stat().st_mode & 0o777) == "0o600"

    # Restoring over a database that is no longer empty is refused and changes nothing.
    refused = netra(restore_env, "restore", str(archive), check=False)
    assert refused.returncode != 0 and "not empty" in refused.stderr
    assert json.loads(python(restore_env, SNAPSHOT)) == before
    if backend == "postgresql":
        for url in (source_url, target_url):
            subprocess.run(["psql", admin_url, "-c", f"DROP DATABASE {url.rsplit('/', 1)[1]} WITH (FORCE)"],
                           capture_output=True)


def test_a_damaged_archive_is_refused_before_anything_is_written(tmp_path):
    var = tmp_path / "var"
    env = base_env(var, None)
    netra(env, "migrate", "--no-input", "-v0")
    python(env, POPULATE.replace("demo.seed(reports=12)", "from netra.demo.management.commands.load_reference "
                                 "import load_all; load_all()"))
    archive = tmp_path / "netra.tar"
    netra(env, "backup", str(archive))
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.startswith("evidence/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    shutil.rmtree(var)
    result = netra(base_env(var, None), "restore", str(damaged), check=False)
    assert "SHA-256" in result.stderr, result.stderr
    assert result.returncode != 0 and "SHA-256" in result.stderr
    assert not (var / "netra.sqlite3").exists()
    assert not (var / "evidence").exists() or not any(p.is_file() for p in (var / "evidence").rglob("*"))
