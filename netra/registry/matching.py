"""Suggest registry agencies for an agency name a reporter typed as free text.

Reporters write "Dinas Pendidikan Kota Samarinda", "Disdik Smd" or just "dinas pendidikan"; the
registry has one "Dinas Pendidikan" per government. The text is compared with each agency's full
and short name (rapidfuzz token-set ratio, so extra or missing words such as "Kota" cost little);
where the text names no government, several agencies score alike and the incident's region breaks
the tie, since an ASN usually acts where they work. Only suggestions: the verifier chooses.
"""

from rapidfuzz import fuzz, utils

from .models import Agency, Region

MIN_SCORE = 60
# Enough to order equal matches by region, too little to beat a better-matching name.
SAME_REGION_BONUS = 4


def _score(text: str, agency: Agency) -> float:
    names = [agency.name] + ([agency.short_name] if agency.short_name else [])
    return max(fuzz.token_set_ratio(text, name, processor=utils.default_process) for name in names)


def suggest(text: str, region: Region | None = None, limit: int = 5) -> list[Agency]:
    """Active agencies matching `text`, best first; empty when nothing is close."""
    text = (text or "").strip()
    if not text:
        return []
    scored = []
    for agency in Agency.objects.filter(is_active=True).select_related("region"):
        score = _score(text, agency)
        if score < MIN_SCORE:
            continue
        if region is not None and agency.region_id == region.pk:
            score += SAME_REGION_BONUS
        scored.append((score, agency.name, agency))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [agency for _score_, _name, agency in scored[:limit]]
