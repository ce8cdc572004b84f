"""Load the legal catalogue and election calendars from the versioned files in `data/`.

Loading is an upsert by code, so re-running after a data change updates rows in place and an
admin's additions (new codes) are kept.
"""

import json
from pathlib import Path

from django.db import transaction

from netra.registry.models import Region
from netra.screening.contests import contests_data

from .models import Contest, ContestStage, RecommendingAuthority, SanctionType, ViolationType

DATA = Path(__file__).parent / "data"


def _read(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@transaction.atomic
def load_sanctions() -> int:
    rows = _read("sanctions.json")["sanctions"]
    for order, row in enumerate(rows):
        SanctionType.objects.update_or_create(code=row["code"], defaults={
            "level": row["level"], "name": row["name"], "name_en": row.get("name_en", ""),
            "legal_basis": row.get("legal_basis", ""), "order": order,
        })
    return len(rows)


@transaction.atomic
def load_violations() -> int:
    payload = _read("violations.json")
    by_level = payload["level_sanctions"]
    sanctions = {s.code: s for s in SanctionType.objects.all()}
    rows = payload["violations"]
    for order, row in enumerate(rows):
        violation, _ = ViolationType.objects.update_or_create(code=row["code"], defaults={
            "group": row["group"], "stage": row["stage"], "title": row["title"], "title_en": row.get("title_en", ""),
            "legal_basis": row.get("legal_basis", ""), "sanction_level": row.get("level", ""),
            "default_sanction": sanctions.get(row.get("default")) if row.get("default") else None,
            "social_media": row.get("social_media", False), "note": row.get("note", ""), "order": order,
        })
        violation.sanctions.set([sanctions[c] for c in by_level.get(row.get("level", ""), [])])
    for row in rows:
        ViolationType.objects.filter(code=row["code"]).update(
            counterpart=ViolationType.objects.filter(code=row.get("counterpart")).first())
    return len(rows)


@transaction.atomic
def load_authorities() -> int:
    rows = _read("authorities.json")["authorities"]
    for row in rows:
        RecommendingAuthority.objects.update_or_create(code=row["code"], defaults={
            "name": row["name"], "valid_from": row["valid_from"], "valid_to": row["valid_to"]})
    return len(rows)


@transaction.atomic
def load_contests() -> tuple[int, int]:
    """Contest rows and stages from the calendar shared with the screener (`netra.screening.contests`).

    A race in a region the registry does not hold (the Jakarta governor race, which the screener
    reads in Kaltim civil servants' posts) is screened but is not a contest for cases here.
    """
    payload = contests_data()
    regions = {r.code: r for r in Region.objects.all()}
    loaded = 0
    for row in payload["contests"]:
        if row["region"] and row["region"] not in regions:
            continue
        loaded += 1
        Contest.objects.update_or_create(code=row["code"], defaults={
            "name": row["name"], "election": row["election"], "kind": row["kind"],
            "region": regions.get(row["region"]) if row["region"] else None,
            "candidate_determination_date": row["candidate_determination_date"],
            "voting_date": row["voting_date"], "note": row.get("note", ""),
        })
    for row in payload["stages"]:
        ContestStage.objects.update_or_create(election=row["election"], kind=row["kind"], defaults={
            "starts_on": row["starts_on"], "ends_on": row["ends_on"], "asn_guidance": row["asn_guidance"],
            "asn_guidance_en": row.get("asn_guidance_en", ""),
        })
    return loaded, len(payload["stages"])
