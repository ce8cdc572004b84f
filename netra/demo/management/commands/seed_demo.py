from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from netra.demo import seed as demo


class Command(BaseCommand):
    help = "Build the demo data set (staff logins, ASN registry, 200+ reports in every state) via the services."

    def add_arguments(self, parser):
        parser.add_argument("--reports", type=int, default=220)

    def handle(self, *args, **options):
        # Demo logins share one published password: they must never exist on a real server.
        if not (settings.DEBUG or settings.TESTING):
            raise CommandError("seed_demo only runs with DEBUG=1 (demo logins have a published password).")
        # Demo certificates and reminders would otherwise print dozens of e-mails over the logins.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            result = demo.seed(reports=options["reports"])
        if result["skipped"]:
            self.stdout.write("Demo data already present; nothing added.")
        else:
            self.stdout.write(f"Demo: {result['created']} reports, {result['escalated']} overdue cases escalated.")
        self.stdout.write(self.style.SUCCESS(
            f"\nDemo logins (password for all: {demo.DEMO_PASSWORD}):\n"
            + "\n".join(f"  {name:<16} {role.label}" for name, role, _gov in demo.STAFF)
            + "\n  admin            Administrator (Django admin at /admin/)\n"
        ))
