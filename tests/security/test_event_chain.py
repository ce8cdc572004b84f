"""The tamper-evident case record: hash chain, `netra verify_events`, the REPLACE hole, the daily digest.

Tampering is done the way an attacker with database access would: raw SQL around the append-only
triggers (dropped or disabled inside the test's transaction, so they are back afterwards).
"""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from netra.cases import chain, services, tasks
from netra.cases.models import CaseEvent
from tests.conftest import at


def verify(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_events", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def history(people, make_report):
    """Three cases with a few events each."""
    cases = [make_report(received=f"2024-10-1{i}").case for i in range(3)]
    for case in cases:
        services.start_verification(case, people["verifier"], at=at("2024-10-14"))
    return cases


def _raw(sql, params=()):
    """Run SQL with the append-only triggers out of the way, as the database owner could."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in ("no_update", "no_delete", "no_replace"):
                cursor.execute(f"DROP TRIGGER IF EXISTS cases_caseevent_{name}")
        else:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks, so the table can be altered
            cursor.execute("ALTER TABLE cases_caseevent DISABLE TRIGGER USER")
        cursor.execute(sql, params)


def test_every_event_is_chained_to_the_one_before(history):
    events = list(CaseEvent.objects.order_by("id"))
    assert events[0].prev_hash == chain.GENESIS
    for before, event in zip(events, events[1:], strict=False):
        assert event.prev_hash == before.hash and len(event.hash) == 64


def test_an_untouched_record_verifies_with_exit_0(history):
    code, out, _ = verify()
    head = CaseEvent.objects.order_by("-id").first()
    assert code == 0 and f"OK: 6 events, chain intact; head #{head.id} {head.hash}" in out


def test_a_changed_row_is_named_and_exits_1(history):
    target = CaseEvent.objects.order_by("id")[2]
    _raw("UPDATE cases_caseevent SET reason = %s WHERE id = %s", ["ditulis ulang", target.id])
    code, _, err = verify()
    assert code == 1
    assert f"BROKEN at event #{target.id} ({target.case.code} {target.kind}" in err
    assert "content changed" in err


def test_a_removed_row_is_detected_at_the_next_event(history):
    events = list(CaseEvent.objects.order_by("id"))
    _raw("DELETE FROM cases_caseevent WHERE id = %s", [events[3].id])
    code, _, err = verify()
    assert code == 1 and f"BROKEN at event #{events[4].id}" in err and "predecessor missing" in err


def test_a_status_changed_without_an_event_is_detected(history):
    case = history[0]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET status = 'rejected' WHERE id = %s", [case.id])
    code, _, err = verify()
    assert code == 1 and case.code in err and "changed without an event" in err


def test_an_emptied_log_is_detected(history):
    head = CaseEvent.objects.order_by("-id").first().hash
    _raw("DELETE FROM cases_caseevent")
    code, _, err = verify("--expect", head)
    assert code == 1 and "no recorded history" in err and f"Expected head {head} is no longer" in err


@pytest.mark.skipif(connection.vendor != "sqlite", reason="REPLACE INTO is SQLite syntax")
def test_sqlite_replace_into_cannot_swap_an_event(history):
    target = CaseEvent.objects.order_by("id").first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "REPLACE INTO cases_caseevent (id, case_id, at, actor_label, kind, from_status, to_status, reason, data,"
            " prev_hash, hash) SELECT id, case_id, at, actor_label, kind, from_status, to_status, 'palsu', data,"
            " prev_hash, hash FROM cases_caseevent WHERE id = %s", [target.id])
    assert CaseEvent.objects.get(pk=target.id).reason == target.reason
    assert verify()[0] == 0


def test_the_daily_digest_logs_and_mails_the_head(history, people, caplog):
    caplog.set_level("INFO", logger="netra.chain")
    summary = tasks.event_chain_digest()
    head = CaseEvent.objects.order_by("-id").first()
    assert summary["ok"] and summary["head"] == head.hash and summary["events"] == 6
    assert head.hash in caplog.text
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["admin@example.org"]
    assert f"netra verify_events --expect {head.hash}" in mail.outbox[0].body


def test_the_digest_says_when_the_chain_is_broken(history, people):
    _raw("UPDATE cases_caseevent SET kind = 'x' WHERE id = %s", [CaseEvent.objects.order_by("id")[1].id])
    assert tasks.event_chain_digest()["ok"] is False
    assert "BROKEN" in mail.outbox[0].subject


def test_the_digest_is_scheduled_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["event-chain-digest"]
    assert entry["task"] == "netra.cases.tasks.event_chain_digest" and entry["schedule"] == 86400


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_appending_takes_the_lock_and_reads_the_head_in_one_round_trip(history):
    """The append lock is held until commit: each statement inside it lengthens every other writer's
    wait, so the lock and the head read are one function call, followed only by the INSERT."""
    from django.test.utils import CaptureQueriesContext

    case = history[0]
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        event = CaseEvent.objects.create(case=case, kind="reporter_added_info", at=at("2024-10-15"), actor_label="uji")
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) == 2, statements
    assert chain.HEAD_FUNCTION in statements[0] and statements[1].startswith("INSERT")
    assert event.prev_hash == CaseEvent.objects.exclude(pk=event.pk).order_by("-id").first().hash


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_concurrent_writers_keep_one_unbroken_chain(people, make_report):
    """Writers in parallel transactions each see the previous writer's commit as their predecessor."""
    import threading

    from django.db import connections

    cases = [make_report(received="2024-10-10").case for _ in range(4)]
    errors = []

    def write(case):
        try:
            for _ in range(10):
                with transaction.atomic():
                    CaseEvent.objects.create(case=case, kind="reporter_added_info", at=at("2024-10-11"),
                                             actor_label="uji")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(case,)) for case in cases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    result = chain.verify()
    assert result.broken_id is None, result.problem
    assert result.count == CaseEvent.objects.count()
