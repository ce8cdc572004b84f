"""`netra verify_events`: recompute the case event hash chain and say where it breaks.

Exit status 0 when the record is intact, 1 when an event was changed or removed (the first broken
event is named), a case has no history, or a case's status is not the one its events record.
`--expect HASH` also checks that a head from an earlier digest e-mail is still part of the chain, which
catches a log emptied or rewritten from an earlier point on.
"""

import sys

from django.core.management.base import BaseCommand

from netra.cases import chain
from netra.cases.models import CaseEvent


class Command(BaseCommand):
    help = "Recompute the case event hash chain; name the first broken event and exit 1 if the record was changed."

    def add_arguments(self, parser):
        parser.add_argument("--expect", action="append", default=[], metavar="HASH",
                            help="a chain head from an earlier digest that must still be in the chain")
        parser.add_argument("--database", default="default")

    def handle(self, *args, expect, database, **options):
        result = chain.verify(using=database)
        failed = False
        if result.broken_id is not None:
            event = CaseEvent.objects.using(database).select_related("case").filter(pk=result.broken_id).first()
            where = f"{event.case.code} {event.kind} {event.at:%Y-%m-%d %H:%M:%S}" if event else ""
            self.stderr.write(f"BROKEN at event #{result.broken_id} ({where}): {result.problem}. "
                              f"{result.count} events before it are intact.")
            failed = True
        if result.cases_without_events:
            self.stderr.write("Cases with no recorded history (events removed?): "
                              + ", ".join(result.cases_without_events[:20]))
            failed = True
        if result.status_mismatches:
            self.stderr.write("Cases whose status is not the one their events record (changed without an event): "
                              + ", ".join(result.status_mismatches[:20]))
            failed = True
        for head in expect:
            if not CaseEvent.objects.using(database).filter(hash=head.strip().lower()).exists():
                self.stderr.write(f"Expected head {head} is no longer in the chain (log rewritten or emptied).")
                failed = True
        if failed:
            sys.exit(1)
        self.stdout.write(f"OK: {result.count} events, chain intact; head #{result.head_id} {result.head}")
