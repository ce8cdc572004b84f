"""One PostgreSQL function that takes the chain's append lock and reads its head (netra/cases/chain.py).

Two statements in one round trip: the advisory lock is held from the moment it is granted until the
transaction commits, so the head read that used to follow as its own query cost one more round trip
inside every writer's turn. VOLATILE and plpgsql: each statement takes a fresh snapshot, so the head
read after the lock sees the commit of the writer that held it before. Nothing to do on SQLite.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION netra_chain_lock_head(lock_key bigint, timeout_ms integer) RETURNS varchar
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF timeout_ms > 0 THEN
        PERFORM set_config('lock_timeout', timeout_ms || 'ms', true);
    END IF;
    PERFORM pg_advisory_xact_lock(lock_key);
    RETURN (SELECT hash FROM cases_caseevent ORDER BY id DESC LIMIT 1);
END;
$$;
"""
DROP = "DROP FUNCTION IF EXISTS netra_chain_lock_head(bigint, integer);"


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_case_match_keys")]
    operations = [migrations.RunPython(_on_postgres(CREATE), _on_postgres(DROP))]
