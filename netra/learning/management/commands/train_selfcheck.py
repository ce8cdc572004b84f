"""`netra train_selfcheck`: train the self-check's question reader once and keep it in var/cache.

`netra serve` runs it before starting the web workers, so they load the trained reader instead of
each training its own while the first requests arrive (netra/learning/selfcheck/reading.py). A
kept reader for the same bank and code is loaded, not retrained.
"""

import time

from django.core.management.base import BaseCommand

from netra.learning.selfcheck import reading


class Command(BaseCommand):
    help = "Train the self-check question reader once and keep it for the web workers."

    def handle(self, *args, **options):
        started = time.monotonic()
        reading.reader()
        path = reading.trained_copy_path()
        self.stdout.write(f"self-check reader ready in {time.monotonic() - started:.1f} s ({path})")
