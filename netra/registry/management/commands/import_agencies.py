import csv

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from netra.registry.reference import import_agencies


class Command(BaseCommand):
    help = ("Add or update agencies (OPD) from a CSV with columns code, name, short_name, region_code. "
            "A file with any bad row changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        try:
            with open(options["path"], encoding="utf-8-sig", newline="") as handle:
                count, errors = import_agencies(csv.DictReader(handle))
        except OSError as exc:
            raise CommandError(str(exc)) from None
        if errors:
            raise CommandError(_("Tidak ada yang diimpor:") + "\n" + "\n".join(errors))
        self.stdout.write(_("Instansi diimpor atau diperbarui: %(n)s.") % {"n": count})
