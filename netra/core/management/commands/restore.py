"""`netra restore PATH`: restore a `netra backup` archive into an empty database and evidence store."""

from django.core.management.base import BaseCommand, CommandError

from netra.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into an EMPTY database (refuses otherwise); every file's SHA-256 is checked."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            manifest = restore_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = manifest["counts"]
        self.stdout.write(f"Restored backup of {manifest['created_at']}: {counts['reports']} reports, "
                          f"{counts['case_events']} case events, {counts['evidence']} evidence rows, "
                          f"{len(manifest['files'])} files verified. Next: `netra migrate` (if upgrading).")
