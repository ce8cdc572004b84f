"""`netra backup PATH`: database dump, sealed evidence and a SHA-256 manifest in one archive."""

from django.core.management.base import BaseCommand, CommandError

from netra.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write one consistent backup archive (database, evidence, media, manifest with SHA-256) to PATH."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            manifest = create_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = manifest["counts"]
        self.stdout.write(f"Backup written to {path}: {len(manifest['files'])} files, {counts['reports']} reports, "
                          f"{counts['case_events']} case events, {counts['evidence']} evidence rows.")
