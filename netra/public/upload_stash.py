"""Evidence files kept across a report form that came back with errors.

Browsers cannot refill a file input, so a citizen who fixes a mistyped NIP would otherwise send the
report without the photos chosen the first time. Files that pass the evidence check are written to a
"stash" folder of the evidence storage and named in a signed token carried by the form; the next
submit re-attaches them. The token is signed (nobody can name another person's stashed file) and
expires; stale files are purged whenever something is stashed, and a stash is removed once the
report that used it is stored (the evidence itself is then kept by the normal evidence path).
"""

import json
import time
import uuid
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from netra.cases import evidence as evidence_io

FOLDER = "stash"
MAX_AGE_SECONDS = 24 * 3600
_SALT = "netra.public.upload-stash"


@dataclass(frozen=True)
class Kept:
    """One stashed file as the form lists it."""

    id: str
    name: str
    size: int


def _storage():
    return storages["evidence"]


def _paths(stash_id: str) -> tuple[str, str]:
    return f"{FOLDER}/{stash_id}.bin", f"{FOLDER}/{stash_id}.json"


def sign(ids: list[str]) -> str:
    return signing.dumps(list(ids), salt=_SALT) if ids else ""


def unsign(token: str) -> list[str]:
    """The ids a form carries; a forged, altered or expired token counts as none."""
    if not token:
        return []
    try:
        ids = signing.loads(token, salt=_SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return []
    return [i for i in ids if isinstance(i, str) and _is_uuid(i)]


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def keep(uploads) -> tuple[list[str], list[str]]:
    """Stash every upload that would pass the evidence check; return their ids and the problems.

    A file that fails the check (too large, wrong type) is not kept; its message is returned so the
    form can say so, and the citizen chooses another file.
    """
    purge_stale()
    ids, problems = [], []
    for uploaded in uploads:
        uploaded.seek(0)
        try:
            checked = evidence_io.check_upload(uploaded)
        except ValidationError as exc:
            problems.extend(exc.messages)
            continue
        stash_id = str(uuid.uuid4())
        data_path, meta_path = _paths(stash_id)
        _storage().save(data_path, ContentFile(checked.data))
        meta = {"name": checked.name, "content_type": checked.content_type, "size": len(checked.data)}
        _storage().save(meta_path, ContentFile(json.dumps(meta).encode()))
        ids.append(stash_id)
    return ids, problems


def listing(ids: list[str]) -> list[Kept]:
    kept = []
    for stash_id in ids:
        meta = _meta(stash_id)
        if meta is not None:
            kept.append(Kept(id=stash_id, name=meta["name"], size=meta["size"]))
    return kept


def load(ids: list[str]) -> list[SimpleUploadedFile]:
    """The stashed files as uploads, ready for the evidence service; missing ones are skipped."""
    files = []
    for stash_id in ids:
        meta = _meta(stash_id)
        if meta is None:
            continue
        with _storage().open(_paths(stash_id)[0], "rb") as fh:
            files.append(SimpleUploadedFile(meta["name"], fh.read(), content_type=meta["content_type"]))
    return files


def discard(ids: list[str]) -> None:
    for stash_id in ids:
        for path in _paths(stash_id):
            if _storage().exists(path):
                _storage().delete(path)


def purge_stale(now: float | None = None) -> int:
    """Delete stashed files older than the token lifetime; return how many files went."""
    storage = _storage()
    if not storage.exists(FOLDER):
        return 0
    cutoff = (now or time.time()) - MAX_AGE_SECONDS
    removed = 0
    for name in storage.listdir(FOLDER)[1]:
        path = f"{FOLDER}/{name}"
        if storage.get_modified_time(path).timestamp() < cutoff:
            storage.delete(path)
            removed += 1
    return removed


def _meta(stash_id: str) -> dict | None:
    data_path, meta_path = _paths(stash_id)
    storage = _storage()
    if not (storage.exists(meta_path) and storage.exists(data_path)):
        return None
    with storage.open(meta_path, "rb") as fh:
        return json.loads(fh.read())
