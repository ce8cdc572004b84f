"""One-file backups of a Netra instance, and their restore into an empty installation.

An archive is a plain tar (its contents are already compressed) holding:

- `database/netra.pgdump` (PostgreSQL, `pg_dump --format=custom`, one consistent snapshot) or
  `database/netra.sqlite3` (SQLite's online backup API, safe while the site is running);
- `evidence/…` every sealed original and viewing copy, `media/…` other uploads;
- `manifest.json`: the SHA-256 and size of every other member, the database engine and the
  number of reports, case events and evidence rows at the time of the dump.

The database is dumped *before* the files are copied: evidence files are written before their row
commits, so every row in the dump has its file in the archive (files newer than the dump are extra
and harmless). Restore checks every hash before it touches anything, refuses a database that is not
empty and never overwrites a different file, so a wrong command cannot destroy a running instance.
"""

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection

FORMAT = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says what to do."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _database() -> dict:
    return settings.DATABASES["default"]


def _vendor() -> str:
    engine = _database()["ENGINE"]
    if engine.endswith("sqlite3") or engine == "netra.core.sqlite":  # ours: Django's, files created 0600
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}")


def _pg_env() -> dict:
    db = _database()
    env = {**os.environ, "PGDATABASE": db["NAME"], "PGUSER": db.get("USER") or "", "PGHOST": db.get("HOST") or "",
           "PGPORT": str(db.get("PORT") or "")}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return {k: v for k, v in env.items() if v != ""}


def _run(argv: list[str]) -> None:
    try:
        result = subprocess.run(argv, env=_pg_env(), capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError(f"{argv[0]} not found: install postgresql-client (same major version as the server)") from exc
    if result.returncode != 0:
        raise BackupError(f"{argv[0]} failed: {result.stderr.strip()[-2000:]}")


# The records whose loss would hurt most, counted before the backup and after a restore. Looked up
# by label: core is plumbing and imports no domain app (import contract in pyproject.toml).
COUNTED = {"reports": "cases.Report", "case_events": "cases.CaseEvent", "evidence": "cases.Evidence"}


def record_counts() -> dict:
    from django.apps import apps

    return {key: apps.get_model(label).objects.count() for key, label in COUNTED.items()}


def _dump_database(staging: Path) -> str:
    (staging / "database").mkdir()
    if _vendor() == "postgresql":
        target = staging / "database" / "netra.pgdump"
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)])
    else:
        target = staging / "database" / "netra.sqlite3"
        source = sqlite3.connect(str(_database()["NAME"]))
        dest = sqlite3.connect(str(target))
        try:
            with dest:
                source.backup(dest)
        finally:
            dest.close()
            source.close()
    return target.relative_to(staging).as_posix()


def _file_roots() -> dict[str, Path]:
    return {"evidence": Path(settings.EVIDENCE_ROOT), "media": Path(settings.MEDIA_ROOT)}


def create_backup(path: Path) -> dict:
    """Write the archive to `path` (atomically, mode 0600) and return its manifest."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} already exists; choose a new file name")
    counts = record_counts()
    files: dict[str, dict] = {}
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="netra-backup-") as tmp:
        staging = Path(tmp)
        dump = _dump_database(staging)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
            dump_path = staging / dump
            files[dump] = {"sha256": sha256_file(dump_path), "size": dump_path.stat().st_size}
            tar.add(dump_path, arcname=dump)
            for prefix, root in _file_roots().items():
                if not root.is_dir():
                    continue
                for file in sorted(p for p in root.rglob("*") if p.is_file()):
                    name = f"{prefix}/{file.relative_to(root).as_posix()}"
                    files[name] = {"sha256": sha256_file(file), "size": file.stat().st_size}
                    tar.add(file, arcname=name)
            manifest = {
                "format": FORMAT, "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "database": {"vendor": _vendor(), "file": dump}, "counts": counts, "files": files,
            }
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mode = len(data), 0o600
            tar.addfile(info, io.BytesIO(data))
            raw.flush()
            os.fsync(raw.fileno())
    os.replace(partial, path)
    return manifest


def _safe_name(name: str) -> str:
    posix = PurePosixPath(name)
    if posix.is_absolute() or ".." in posix.parts or not posix.parts:
        raise BackupError(f"Unsafe path in archive: {name!r}")
    return posix.as_posix()


def read_verified(path: Path, staging: Path) -> dict:
    """Unpack every member listed in the manifest into `staging`, checking its SHA-256."""
    with tarfile.open(path, mode="r:") as tar:
        try:
            manifest = json.load(tar.extractfile("manifest.json"))
        except KeyError as exc:
            raise BackupError("Not a Netra backup: manifest.json is missing") from exc
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}")
        for name, meta in manifest["files"].items():
            target = staging / _safe_name(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                member = tar.getmember(name)
            except KeyError as exc:
                raise BackupError(f"Archive is missing {name}") from exc
            if not member.isfile():
                raise BackupError(f"{name} is not a regular file")
            with tar.extractfile(member) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, CHUNK)
            if sha256_file(target) != meta["sha256"]:
                raise BackupError(f"{name}: SHA-256 differs from the manifest; the archive is damaged")
    return manifest


def _database_is_empty() -> bool:
    if _vendor() == "sqlite":
        name = Path(_database()["NAME"])
        return not name.exists() or name.stat().st_size == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
        return cursor.fetchone()[0] == 0


def _restore_database(manifest: dict, staging: Path) -> None:
    vendor = manifest["database"]["vendor"]
    if vendor != _vendor():
        raise BackupError(f"The archive holds a {vendor} database; this installation uses {_vendor()}")
    dump = staging / manifest["database"]["file"]
    if vendor == "postgresql":
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
              "--dbname", _database()["NAME"], str(dump)])
        return
    target = Path(_database()["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    partial = target.with_name(target.name + ".restoring")
    shutil.copyfile(dump, partial)
    os.chmod(partial, 0o600)
    os.replace(partial, target)


def restore_backup(path: Path) -> dict:
    """Restore an archive into an empty database and evidence store; return the manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    if not _database_is_empty():
        raise BackupError("The database is not empty: restore only into a new, empty database")
    connection.close()
    with tempfile.TemporaryDirectory(prefix="netra-restore-") as tmp:
        staging = Path(tmp)
        manifest = read_verified(path, staging)
        roots = _file_roots()
        plan = []
        for name, meta in manifest["files"].items():
            prefix, _, rest = name.partition("/")
            if prefix not in roots:
                continue
            target = roots[prefix] / rest
            if target.exists():
                if sha256_file(target) != meta["sha256"]:
                    raise BackupError(f"{target} exists with other content; restore into an empty evidence store")
                continue
            plan.append((staging / name, target))
        _restore_database(manifest, staging)
        for source, target in plan:
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            shutil.copyfile(source, target)
            os.chmod(target, 0o600)
    connection.close()
    restored = record_counts()
    if restored != manifest["counts"]:
        raise BackupError(f"Restored counts {restored} differ from the archive's {manifest['counts']}")
    _recount_tallies()
    return manifest


def _recount_tallies() -> None:
    """The dashboards' running counts are derived data: recount them from the restored cases (an
    archive from an older version has none, and the dump was not taken in one step with them).
    By command name: core imports no domain app."""
    from django.core.management import call_command
    from django.db.utils import DatabaseError

    try:
        call_command("rebuild_tallies", verbosity=0)
    except DatabaseError:  # an archive older than the tally table: `netra migrate` creates and fills it
        connection.close()
