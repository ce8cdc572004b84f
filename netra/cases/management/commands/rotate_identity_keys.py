from django.core.management.base import BaseCommand
from django.db import transaction

from netra.cases.models import Report
from netra.core import crypto


class Command(BaseCommand):
    help = "Re-encrypt every reporter identity with the first key in NETRA_IDENTITY_KEYS (after adding a new key)."

    def handle(self, *args, **options):
        count = 0
        with transaction.atomic():
            for report in Report.objects.exclude(identity_encrypted="").select_for_update().only("identity_encrypted"):
                report.identity_encrypted = crypto.rotate(report.identity_encrypted)
                report.save(update_fields=["identity_encrypted"])
                count += 1
        self.stdout.write(f"Re-encrypted {count} reporter identities.")
