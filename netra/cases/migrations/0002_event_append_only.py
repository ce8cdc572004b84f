"""Make the case event log append-only in the database itself.

The model refuses updates and deletes, but the admin, a shell or raw SQL could still try; these
triggers make the database refuse too, on SQLite and PostgreSQL alike.
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER cases_caseevent_no_update BEFORE UPDATE ON cases_caseevent
       BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;""",
    """CREATE TRIGGER cases_caseevent_no_delete BEFORE DELETE ON cases_caseevent
       BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;""",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS cases_caseevent_no_update;",
               "DROP TRIGGER IF EXISTS cases_caseevent_no_delete;"]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION cases_caseevent_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'case events are append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER cases_caseevent_no_change BEFORE UPDATE OR DELETE ON cases_caseevent
       FOR EACH ROW EXECUTE FUNCTION cases_caseevent_append_only();""",
]
POSTGRES_DROP = ["DROP TRIGGER IF EXISTS cases_caseevent_no_change ON cases_caseevent;",
                 "DROP FUNCTION IF EXISTS cases_caseevent_append_only();"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE, "postgresql": POSTGRES}),
                             _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})),
    ]
