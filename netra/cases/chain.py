"""The hash chain that makes the case event log tamper-evident.

Every CaseEvent stores `prev_hash` (the hash of the event written just before it, over all cases) and
`hash`, a SHA-256 over its own content and `prev_hash`. One chain over all events, not one per case:
removing every event of a case, or emptying the table, then breaks the chain (or changes its head), and
a single head value (in the daily digest mailed to admins) vouches for the whole record. The price is
that writers take turns appending; events are few (a handful per case), so that costs nothing here.

Changing any field of a stored event changes its hash; removing an event leaves the next one pointing at
a hash that is no longer there; rewriting the tail consistently changes the head, which no longer
matches the digest already mailed. `verify()` walks the chain in id order and names the first event
that does not fit. Format version 1: do not change what `payload()` covers without a new version.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import connections

GENESIS = "0" * 64
_PG_LOCK_KEY = 0x4E45545241  # "NETRA": one advisory lock for appending to the chain


def _stamp(value) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return str(value)


def payload(event, prev_hash: str) -> str:
    """The exact text hashed for one event (canonical JSON: sorted keys, no spaces)."""
    return json.dumps({
        "v": 1, "prev": prev_hash, "case": event.case_id, "at": _stamp(event.at), "actor": event.actor_id,
        "actor_label": event.actor_label, "kind": event.kind, "from": event.from_status, "to": event.to_status,
        "reason": event.reason, "data": event.data,
    }, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_hash(event, prev_hash: str) -> str:
    return hashlib.sha256(payload(event, prev_hash).encode("utf-8")).hexdigest()


HEAD_FUNCTION = "netra_chain_lock_head"  # created by migration 0008_chain_lock_head (PostgreSQL)


def lock_and_head(using: str) -> str:
    """Take the turn to append to the chain and return the hash of the last event (its predecessor).

    PostgreSQL: a transaction-scoped advisory lock, taken and followed by the head read inside one
    function call, so the lock is held for one round trip less (the turn ends at commit, so every
    round trip inside it lengthens the queue of writers behind it). The function is VOLATILE, so its
    head read takes a fresh snapshot after the lock is granted and sees the previous writer's commit.
    SQLite: transactions already start IMMEDIATE (one writer at a time, see settings), so the caller's
    transaction is the lock and the head is read directly.

    PostgreSQL waits at most NETRA_CHAIN_LOCK_TIMEOUT_MS (0: no limit) for its turn, set for the rest of
    this transaction: under overload a writer gives up with LockNotAvailable, which the web answers as
    503 with Retry-After (netra/core/overload.py) and which rolls back all it wrote, instead of holding a
    web thread for as long as the queue is.
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        timeout = int(getattr(settings, "NETRA_CHAIN_LOCK_TIMEOUT_MS", 0))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {HEAD_FUNCTION}(%s, %s)", [_PG_LOCK_KEY, timeout])
            head = cursor.fetchone()[0]
        return head or GENESIS
    from .models import CaseEvent

    head = CaseEvent.objects.using(using).order_by("-id").values_list("hash", flat=True).first()
    return head or GENESIS


@dataclass
class Result:
    count: int = 0
    head: str = GENESIS
    head_id: int | None = None
    broken_id: int | None = None
    problem: str = ""
    cases_without_events: list = None
    status_mismatches: list = None

    @property
    def ok(self) -> bool:
        return self.broken_id is None and not self.cases_without_events and not self.status_mismatches


def verify(using: str = "default") -> Result:
    """Recompute the chain; stop at the first event that does not fit. Also check every case has a
    recorded history and that its status is the one its last status event moved it to."""
    from .models import Case, CaseEvent

    result = Result(cases_without_events=[], status_mismatches=[])
    expected_prev = GENESIS
    last_status: dict[int, str] = {}
    for event in CaseEvent.objects.using(using).order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != expected_prev:
            result.broken_id = event.id
            result.problem = "predecessor missing or changed (an event before it was removed or rewritten)"
            return result
        if event_hash(event, event.prev_hash) != event.hash:
            result.broken_id = event.id
            result.problem = "content changed since it was written"
            return result
        expected_prev = event.hash
        result.count += 1
        result.head, result.head_id = event.hash, event.id
        if event.to_status:
            last_status[event.case_id] = event.to_status
    for case_id, code, status in Case.objects.using(using).order_by("id").values_list("id", "code", "status"):
        if case_id not in last_status:
            result.cases_without_events.append(code)
        elif last_status[case_id] != status:
            result.status_mismatches.append(code)
    return result
