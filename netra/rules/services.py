"""Questions the rules answer: which form a conduct is, who recommends, which stage is on."""

import datetime as dt

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


def guess_contest(conduct_date: dt.date, region=None) -> Contest | None:
    """The contest whose voting day is the next one after the conduct, preferring the region's race.

    Only a suggestion for the verifier, who confirms the contest when classifying.
    """
    upcoming = Contest.objects.filter(voting_date__gte=conduct_date).order_by("voting_date")
    first = upcoming.first()
    if first is None:
        return Contest.objects.order_by("-voting_date").first()
    same_election = upcoming.filter(election=first.election)
    if region is not None:
        local = same_election.filter(region=region).first()
        if local:
            return local
    return same_election.filter(region__isnull=True).first() or first


def current_stages(day: dt.date) -> list[ContestStage]:
    return list(ContestStage.objects.filter(starts_on__lte=day, ends_on__gte=day).order_by("starts_on"))


def next_stage(day: dt.date) -> ContestStage | None:
    return ContestStage.objects.filter(starts_on__gt=day).order_by("starts_on").first()
