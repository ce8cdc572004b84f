"""The one contest calendar shared by the screener and the rules (issue 9 item 3).

`data/contests.json` lists every race once: its code (the id the lexicon's contestants hang on and
the code of the rules' `Contest` row), name, election, kind, region, candidate-determination date,
voting date, and for the screener its season and priority. The rules app loads its `Contest` rows
from this file (`netra.rules.reference.load_contests`) and the lexicon takes each contest's dates
from it (`Lexicon.load`), so a date is written once. This module is pure Python: the screener
imports no Django, and Django code imports this module, not the other way round.

The E/D rule of the SKB 2022 matrix is coded here once (`stage_on`) and used by the screener's
violation form and the rules' `classify`.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from importlib import resources

BEFORE = "before"  # bakal calon: code-of-ethics forms (E*)
AFTER = "after"  # calon: disciplinary forms (D*)


def stage_on(day: date, determination_date: date) -> str:
    """`before` for conduct before the contest's candidate-determination date, else `after`.

    Before that date the person is a *bakal calon* and the conduct is a code-of-ethics violation;
    from that date on a *calon*, and it is a disciplinary one (regulations §1.2).
    """
    return BEFORE if day < determination_date else AFTER


@lru_cache(maxsize=1)
def contests_data() -> dict:
    """The shipped contest calendar (`contests`, `stages`, `version`, `source`)."""
    text = resources.files("netra.screening.data").joinpath("contests.json").read_text(encoding="utf-8")
    return json.loads(text)


def contest_rows() -> dict[str, dict]:
    """Contest rows by code."""
    return {row["code"]: row for row in contests_data()["contests"]}


def lexicon_view(row: dict) -> dict:
    """The fields the lexicon reads, named as in the lexicon schema (`id`, `election_date`, ...)."""
    return {
        "id": row["code"],
        "name": row["name"],
        "kind": row.get("screening_kind", row.get("kind")),
        "priority": row.get("priority", 0),
        "election_date": row["voting_date"],
        "candidate_determination_date": row["candidate_determination_date"],
        "determination_date_verified": row.get("determination_date_verified", False),
        "season": row.get("season", {}),
        "region": row.get("region"),
    }
