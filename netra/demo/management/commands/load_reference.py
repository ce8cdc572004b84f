from django.core.management.base import BaseCommand

from netra.learning import reference as learning_reference
from netra.registry import reference as registry_reference
from netra.rules import reference as rules_reference


def load_all() -> dict:
    """Regions first: agencies and regional contests refer to them."""
    counts = {
        "regions": registry_reference.load_regions(),
        "agencies": registry_reference.load_agencies(),
        "sanctions": rules_reference.load_sanctions(),
        "violations": rules_reference.load_violations(),
        "authorities": rules_reference.load_authorities(),
    }
    counts["contests"], counts["stages"] = rules_reference.load_contests()
    counts.update(learning_reference.load_learning())  # after violations: questions cite them
    return counts


class Command(BaseCommand):
    help = "Load or update reference data (regions, agencies, violation and sanction catalogue, calendars)."

    def handle(self, *args, **options):
        counts = load_all()
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))
