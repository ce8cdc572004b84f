"""Regions and agencies held in each worker's memory, for report intake.

Every report names a region (and often an agency); both lists change a few times a year, yet the
serializer and the report form used to read them from the database on every submission. Here each
process keeps one copy of the active rows, indexed by code and by primary key.

Invalidation across workers: a version token lives in the shared Django cache (Redis in
production, the database cache otherwise). Every save or delete of a Region or Agency replaces the
token (signals wired in `registry/apps.py`), now and again at commit. A lookup compares its copy's
token with the shared one, one cache read, and reloads both lists when they differ, so a rename in
the admin is seen by every worker on its next lookup, not after a timeout.

Lookups hand out fresh, unsaved-state-free model instances (`Model.from_db`) built from the stored
values, never the shared objects themselves: gthread workers serve several requests at once and a
caller that touches `instance.parent` would otherwise write into an object other threads read.
"""

import threading
import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction

from .models import Agency, Region

VERSION_KEY = "netra:registry:refdata:version"

_FIELDS = {
    Region: [f.attname for f in Region._meta.concrete_fields],
    Agency: [f.attname for f in Agency._meta.concrete_fields],
}


@dataclass
class _Copy:
    version: str | None = None
    # model -> {"code": {code: values}, "pk": {pk: values}, "order": [values, ...]}
    tables: dict = field(default_factory=dict)


_local = _Copy()
_lock = threading.Lock()
# Set in a thread whose open transaction has changed regions or agencies (see `bump`).
_changed_here = threading.local()


def _shared_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY) or ""
    return version


def _load(model) -> dict:
    names = _FIELDS[model]
    rows = list(model.objects.filter(is_active=True).order_by(*model._meta.ordering).values_list(*names))
    by_code = {row[names.index("code")]: row for row in rows}
    by_pk = {row[names.index("id")]: row for row in rows}
    return {"code": by_code, "pk": by_pk, "order": rows}


def _tables() -> dict:
    """This process's copy, reloaded when the shared version token has changed."""
    global _local
    version = _shared_version()
    current = _local
    if current.version == version and current.tables:
        return current.tables
    with _lock:
        if _local.version == version and _local.tables:
            return _local.tables
        fresh = _Copy(version=version, tables={Region: _load(Region), Agency: _load(Agency)})
        # Rows read inside a transaction that has itself changed them may yet roll back: use
        # them for this call only. Outside any transaction the flag is stale and is dropped.
        if not transaction.get_connection().in_atomic_block:
            _changed_here.flag = False
        if not getattr(_changed_here, "flag", False):
            _local = fresh
        return fresh.tables


def _instance(model, values):
    return model.from_db("default", _FIELDS[model], values) if values is not None else None


def region_by_code(code: str, *, allow_province: bool = False) -> Region | None:
    """The active region with this Kemendagri code (kabupaten/kota only unless `allow_province`)."""
    region = _instance(Region, _tables()[Region]["code"].get((code or "").strip()))
    if region is not None and region.kind == Region.Kind.PROVINCE and not allow_province:
        return None
    return region


def region_by_pk(pk, *, allow_province: bool = False) -> Region | None:
    """The active region with this primary key (the report form's choice), same rule as by code."""
    try:
        key = int(pk)
    except (TypeError, ValueError, OverflowError):
        return None
    region = _instance(Region, _tables()[Region]["pk"].get(key))
    if region is not None and region.kind == Region.Kind.PROVINCE and not allow_province:
        return None
    return region


def agency_by_code(code: str) -> Agency | None:
    return _instance(Agency, _tables()[Agency]["code"].get((code or "").strip()))


def agency_by_pk(pk) -> Agency | None:
    try:
        key = int(pk)
    except (TypeError, ValueError, OverflowError):
        return None
    return _instance(Agency, _tables()[Agency]["pk"].get(key))


def report_regions() -> list[Region]:
    """Active kabupaten/kota in code order: the regions a report can name."""
    return [r for r in (_instance(Region, v) for v in _tables()[Region]["order"]) if r.kind != Region.Kind.PROVINCE]


def agencies() -> list[Agency]:
    """Active agencies in the model's order (region code, name)."""
    return [_instance(Agency, v) for v in _tables()[Agency]["order"]]


def bump(**_kwargs) -> None:
    """Tell every worker its copy is stale: a new token now and again at commit (signal receiver)."""
    _changed_here.flag = transaction.get_connection().in_atomic_block
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)

    def committed():
        _changed_here.flag = False
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)

    transaction.on_commit(committed)


def forget_local() -> None:
    """Drop this process's copy only (tests use it to act as a worker that never saw a change)."""
    global _local
    _local = _Copy()
