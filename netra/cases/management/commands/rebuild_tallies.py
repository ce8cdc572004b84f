"""`netra rebuild_tallies`: recount the dashboards' running case counts from the cases.

Run it after anything that wrote cases without `Case.save()`: raw SQL, `loaddata`, a bulk import.
`netra restore` runs it itself.
"""

from django.core.management.base import BaseCommand

from netra.cases import tallies


class Command(BaseCommand):
    help = "Recount the dashboard tallies (CaseTally) from the cases, e.g. after raw SQL or loaddata."

    def handle(self, *args, **options):
        rows = tallies.rebuild()
        if options["verbosity"]:
            self.stdout.write(f"Case tallies rebuilt: {rows} rows.")
