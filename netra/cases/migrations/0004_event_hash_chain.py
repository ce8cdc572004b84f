"""Chain every case event to the one before it, and close SQLite's REPLACE hole.

Adding the columns makes SQLite rebuild the table, which drops the append-only triggers of 0002; they
are created again here (any later migration that rebuilds cases_caseevent on SQLite must do the same).
Existing events are chained in id order while the triggers are off, inside this migration's
transaction. On SQLite `REPLACE INTO` (and `INSERT OR REPLACE`) removes a conflicting row without firing
delete triggers; a BEFORE INSERT trigger refusing an id that already exists closes that.
"""

from django.db import migrations, models

from netra.cases import chain

SQLITE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS cases_caseevent_no_update BEFORE UPDATE ON cases_caseevent
       BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;""",
    """CREATE TRIGGER IF NOT EXISTS cases_caseevent_no_delete BEFORE DELETE ON cases_caseevent
       BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;""",
    """CREATE TRIGGER IF NOT EXISTS cases_caseevent_no_replace BEFORE INSERT ON cases_caseevent
       WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM cases_caseevent WHERE id = NEW.id)
       BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;""",
]


def _chain_existing(apps, schema_editor):
    CaseEvent = apps.get_model("cases", "CaseEvent")
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in ("no_update", "no_delete", "no_replace"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS cases_caseevent_{name};")
    elif vendor == "postgresql":
        schema_editor.execute("ALTER TABLE cases_caseevent DISABLE TRIGGER cases_caseevent_no_change;")
    prev = chain.GENESIS
    for event in CaseEvent.objects.using(schema_editor.connection.alias).order_by("id").iterator():
        digest = chain.event_hash(event, prev)
        CaseEvent.objects.using(schema_editor.connection.alias).filter(pk=event.pk).update(
            prev_hash=prev, hash=digest)
        prev = digest
    if vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE;")
        schema_editor.execute("ALTER TABLE cases_caseevent ENABLE TRIGGER cases_caseevent_no_change;")


def _drop_replace_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS cases_caseevent_no_replace;")


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0003_event_kind_choices'),
    ]

    operations = [
        migrations.AddField(
            model_name='caseevent',
            name='hash',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='caseevent',
            name='prev_hash',
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(_chain_existing, _drop_replace_trigger),
    ]
