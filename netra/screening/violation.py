"""Violation form of a partisan post from the civil servant's action and the date.

Why dates matter: the SKB 2022 matrix treats conduct toward a *bakal calon* (before KPU names the
candidates) as a code-of-ethics violation (E-forms, moral sanction) and conduct toward a *calon*
(on or after the candidate-determination date) as a disciplinary violation (D-forms, heavy
discipline). The action→form table lives in `data/violations.json`, the dates in `data/contests.json`
(shared with the rules app), the E/D rule in `contests.stage_on`.

When the date is unknown the form cannot be decided; we return `violation=None` and a note naming
both possible forms ("E2 before 2023-11-13, D2 on or after"), so a verifier sees the choice instead
of a guess.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from .contests import stage_on
from .lexicon import Cue, Lexicon, _to_date


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
    out_of_validity: Sequence[Cue] = (),
) -> ViolationResult:
    """Form code for a partisan post (E*/D*), or None with a note when it cannot be decided.

    `out_of_validity` (from `Match.out_of_validity()`) lists the post's contestant cues when all of
    them are outside their contestants' dates on the posting day, e.g. "#AMINAjaDulu" posted in
    November 2024, after Pilpres 2024 was over. The post is still partisan, but which contest it
    concerns is a verifier's call (a backlog post, or support carried into a later contest), so no
    form is guessed; the note names the cue's contest and the contest in season, with both forms.
    """
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
    if out_of_validity and day is not None:
        return _outside_dates(lexicon, forms, day, contest_id, out_of_validity, both)
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
    form = forms[stage_on(day, cutoff)]
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


def _outside_dates(lexicon: Lexicon, forms: dict, day: date, contest_id: str | None, cues: Sequence[Cue],
                   both: tuple[str, str]) -> ViolationResult:
    cue = cues[0]
    lo = cue.valid_from.isoformat() if cue.valid_from else "…"
    hi = cue.valid_to.isoformat() if cue.valid_to else "…"
    span = f"{lo} to {hi}"
    note = (f"cue {cue.label!r} belongs to {cue.contest} (valid {span}), not to {day.isoformat()}: "
            f"contest for the form not decided")
    in_season = _contest_in_season(lexicon, day)
    cutoff = determination_date(lexicon, in_season)
    if in_season and cutoff:
        form = forms[stage_on(day, cutoff)]
        note += f"; if it concerns {in_season} (in season that day): {form}"
    return ViolationResult(None, note, contest_id or cue.contest, both)
