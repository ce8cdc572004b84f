"""`netra suggest_duplicates [--rebuild] [--csv PATH]`: the duplicate sweep over every open mergeable case.

The suggestions are not stored: a verifier sees a case's suggestions live on its desk page (the same
pairs, `tests/desk/test_duplicates.py`). The command prints a summary and, with `--csv`, writes the
list of pairs to review (case codes, reason, score; no names or NIPs, which the desk shows to those
allowed to see them). `--rebuild` first recomputes every case's blocking keys, for after raw SQL or
a bulk load; `netra restore` does not need it (the keys are in the dump).
"""

import csv
import os
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from netra.cases import match_keys
from netra.cases.models import Case
from netra.desk import duplicates


def review_pairs(found: dict[int, list[dict]]) -> list[dict]:
    """Each unordered pair once, best first: a case suggested from both sides is one row to review."""
    codes = dict(Case.objects.filter(pk__in=list(found)).values_list("pk", "code"))
    pairs: dict[tuple[int, int], dict] = {}
    for case_id, suggestions in found.items():
        for s in suggestions:
            other = s["case"]
            key = (min(case_id, other["id"]), max(case_id, other["id"]))
            codes.setdefault(other["id"], other["code"])
            pairs.setdefault(key, {"reason": s["reason"], "score": s["score"]})
    rows = [{"case": codes[a], "duplicate": codes[b], **found_pair} for (a, b), found_pair in pairs.items()]
    rows.sort(key=lambda r: (-r["score"], r["case"], r["duplicate"]))
    return rows


class Command(BaseCommand):
    help = ("Suggest duplicates for every open case that can still be merged (RECEIVED, VERIFICATION) and "
            "print a summary; --csv PATH writes the pairs to review, --rebuild recomputes the blocking keys first.")

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true",
                            help="recompute every case's duplicate-blocking keys first (after raw SQL or a bulk load)")
        parser.add_argument("--csv", dest="csv_path", metavar="PATH",
                            help="write the pairs (case codes, reason, score) to a new file")

    def handle(self, *args, rebuild=False, csv_path=None, **options):
        target = Path(csv_path) if csv_path else None
        if target is not None and target.exists():
            raise CommandError(f"{target} already exists; choose a new file name")
        if target is not None and not target.parent.is_dir():
            raise CommandError(f"{target.parent} is not a directory")
        if rebuild:
            started = time.perf_counter()
            counts = match_keys.rebuild_all()
            self.stdout.write(f"Rebuilt blocking keys: {counts['created']} keys for {counts['cases']} mergeable "
                              f"cases ({counts['deleted']} old keys removed) in {time.perf_counter() - started:.1f} s.")
        started = time.perf_counter()
        found = duplicates.sweep()
        seconds = time.perf_counter() - started
        pairs = review_pairs(found)
        same = sum(1 for p in pairs if p["reason"] == "same_employee")
        self.stdout.write(f"Swept {duplicates.mergeable_count()} mergeable cases in {seconds:.1f} s: "
                          f"{len(found)} have suggestions, {len(pairs)} pairs to review "
                          f"({same} same employee/NIP, {len(pairs) - same} similar name within 7 days).")
        if target is not None:
            self._write(target, pairs)
            self.stdout.write(f"Pairs written to {target}.")

    @staticmethod
    def _write(target: Path, pairs: list[dict]) -> None:
        # 0600 like backups: case codes of open cases are internal to the desk.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=["case", "duplicate", "reason", "score"])
            writer.writeheader()
            writer.writerows(pairs)
