"""Questions the rules answer: which form a conduct is, who recommends, which stage is on."""

import datetime as dt

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

from netra.screening.contests import stage_on

from .models import Contest, ContestStage, RecommendingAuthority, ViolationType


def classify(violation: ViolationType, conduct_date: dt.date, contest: Contest) -> ViolationType:
    """The form that applies to a conduct on `conduct_date` (regulations §1.2).

    Before the contest's candidate-determination date the person is a *bakal calon* and the
    conduct is a code-of-ethics form; from that date on a *calon*, and it is a disciplinary
    form. Forms that apply whatever the timing are returned unchanged.
    """
    if violation.stage == ViolationType.Stage.ANY:
        return violation
    wanted = stage_on(conduct_date, contest.candidate_determination_date)  # "before" / "after"
    if violation.stage == wanted or violation.counterpart is None:
        return violation
    return violation.counterpart


def authority_on(day: dt.date) -> RecommendingAuthority | None:
    """KASN until 23 Aug 2024, BKN from 24 Aug 2024, a future body when configured."""
    return (
        RecommendingAuthority.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from")
        .first()
    )


CONTESTS_CACHE_KEY = "netra:rules:contests:v1"
# Contests change a few times a year; every save or delete clears the cached list (signals in
# rules/apps.py). The timeout only bounds staleness where the cache is per process (LocMemCache).
CONTESTS_CACHE_SECONDS = 600


def all_contests() -> list[Contest]:
    """Every contest, by voting day, from the cache: report intake asks for a guess on every report."""
    contests = cache.get(CONTESTS_CACHE_KEY)
    if contests is None:
        contests = list(Contest.objects.order_by("voting_date", "pk"))
        cache.set(CONTESTS_CACHE_KEY, contests, CONTESTS_CACHE_SECONDS)
    return contests


def forget_contests(**_kwargs) -> None:
    """Clear now and again at commit, so a list read inside the saving transaction is not kept."""
    cache.delete(CONTESTS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CONTESTS_CACHE_KEY))


def guess_contest(conduct_date: dt.date, region=None) -> Contest | None:
    """The contest whose voting day is the next one after the conduct, preferring the region's race.

    Only a suggestion for the verifier, who confirms the contest when classifying.
    """
    contests = all_contests()
    upcoming = [c for c in contests if c.voting_date >= conduct_date]
    if not upcoming:
        return max(contests, key=lambda c: c.voting_date, default=None)
    first = upcoming[0]
    same_election = [c for c in upcoming if c.election == first.election]
    if region is not None:
        local = next((c for c in same_election if c.region_id == region.pk), None)
        if local:
            return local
    return next((c for c in same_election if c.region_id is None), first)


def current_stages(day: dt.date) -> list[ContestStage]:
    return list(ContestStage.objects.filter(starts_on__lte=day, ends_on__gte=day).order_by("starts_on"))


def next_stage(day: dt.date) -> ContestStage | None:
    return ContestStage.objects.filter(starts_on__gt=day).order_by("starts_on").first()
