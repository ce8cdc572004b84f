"""`netra import_employees FILE`: load the ASN register from CSV/XLSX with a row-by-row report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from netra.registry.importer import ImportFileError, import_employees


class Command(BaseCommand):
    help = ("Impor daftar ASN (PNS/PPPK) dari CSV atau XLSX berkolom jenis, nip, nama, instansi, jabatan, "
            "wilayah. Berkas dengan baris galat tidak diimpor sama sekali kecuali dengan --only-valid.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV or XLSX file")
        parser.add_argument("--only-valid", action="store_true",
                            help="import the valid rows even if other rows have errors")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")

    def handle(self, *args, path, only_valid, dry_run, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(_("Berkas tidak ditemukan: %(path)s") % {"path": file})
        try:
            report = import_employees(file.read_bytes(), file.name, only_valid=only_valid, dry_run=dry_run)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        for row in report.rows:
            if row.ok:
                self.stdout.write(_("baris %(n)s: ok (%(action)s) %(nip)s") % {
                    "n": row.number, "action": row.action, "nip": row.nip}, self.style.SUCCESS)
            else:
                self.stdout.write(_("baris %(n)s: error %(nip)s: %(messages)s") % {
                    "n": row.number, "nip": row.nip or "-", "messages": " ".join(row.messages)}, self.style.ERROR)
        summary = _("%(rows)s baris, %(valid)s valid, %(bad)s galat; dibuat %(created)s, diperbarui %(updated)s") % {
            "rows": len(report.rows), "valid": len(report.valid_rows), "bad": len(report.error_rows),
            "created": report.created, "updated": report.updated}
        if report.imported:
            self.stdout.write(summary)
            return
        if dry_run:
            self.stdout.write(summary + _(" (uji coba: tidak ada yang disimpan)"))
            return
        raise CommandError(summary + _(". Tidak ada yang diimpor: perbaiki baris galat atau gunakan --only-valid."))
