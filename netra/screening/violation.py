"""Violation form of a partisan post from the civil servant's action and the date.

Why dates matter: the SKB 2022 matrix treats conduct toward a *bakal calon* (before KPU names the
candidates) as a code-of-ethics violation (E-forms, moral sanction) and conduct toward a *calon*
(on or after the candidate-determination date) as a disciplinary violation (D-forms, heavy
discipline). The action→form table lives in `data/violations.json`, the dates in the lexicon.

When the date is unknown the form cannot be decided; we return `violation=None` and a note naming
both possible forms ("E2 before 2023-11-13, D2 on or after"), so a verifier sees the choice instead
of a guess.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from .lexicon import Lexicon, _to_date


@lru_cache(maxsize=1)
def violation_table() -> dict:
    text = resources.files("netra.screening.data").joinpath("violations.json").read_text(encoding="utf-8")
    return json.loads(text)


@dataclass(frozen=True, slots=True)
class ViolationResult:
    form: str | None
    note: str | None
    contest: str | None
    candidates: tuple[str, ...] = ()


def determination_date(lexicon: Lexicon, contest_id: str | None) -> date | None:
    contest = lexicon.contests.get(contest_id or "")
    return _to_date(contest.get("candidate_determination_date")) if contest else None


def violation_form(
    lexicon: Lexicon,
    targets: list[str],
    action: str | None,
    posted_at,
    contest_id: str | None = None,
) -> ViolationResult:
    """Form code for a partisan post (E*/D*), or None with a note when it cannot be decided."""
    table = violation_table()
    action = (action or table.get("default_action", "post")).strip().lower()
    forms = table["actions"].get(action)
    if forms is None:
        return ViolationResult(None, f"unknown action {action!r}: no form mapped", contest_id)
    if contest_id is None:
        for key in targets:
            contest = lexicon.contest_for(key)
            if contest:
                contest_id = contest["id"]
                break
    day = _to_date(posted_at)
    cutoff = determination_date(lexicon, contest_id)
    both = (forms["before"], forms["after"])
    if cutoff is None:
        if day is not None:
            contest_id = _contest_in_season(lexicon, day)
            cutoff = determination_date(lexicon, contest_id)
        if cutoff is None:
            return ViolationResult(None, "contest unknown: candidate-determination date not known", contest_id, both)
    if day is None:
        note = (f"date unknown: {forms['before']} before {cutoff.isoformat()} (bakal calon), "
                f"{forms['after']} on or after (calon)")
        return ViolationResult(None, note, contest_id, both)
    form = forms["before"] if day < cutoff else forms["after"]
    return ViolationResult(form, None, contest_id, both)


def _contest_in_season(lexicon: Lexicon, day: date) -> str | None:
    """The highest-priority contest whose season contains the day (used when no target is known)."""
    best, best_priority = None, -1
    for cid, contest in lexicon.contests.items():
        season = contest.get("season", {})
        lo, hi = _to_date(season.get("from")), _to_date(season.get("to"))
        if lo and hi and lo <= day <= hi and contest.get("priority", 0) > best_priority:
            best, best_priority = cid, contest.get("priority", 0)
    return best
