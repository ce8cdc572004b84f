"""Create the database cache table (rate-limit counters) when no Redis cache is configured.

`createcachetable` does nothing for caches that are not database caches and skips an existing table,
so this is safe on every setup; it runs here so that `migrate` (make run, the tests, deployments) is
the one step that prepares a database.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
