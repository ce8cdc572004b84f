"""Load regions and the starter agency list from the versioned files in `data/`."""

import csv
import json
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Agency, Region

DATA = Path(__file__).parent / "data"


@transaction.atomic
def load_regions() -> int:
    payload = json.loads((DATA / "regions.json").read_text(encoding="utf-8"))
    province = None
    for row in payload["regions"]:
        parent = None if row["kind"] == Region.Kind.PROVINCE else province
        region, _ = Region.objects.update_or_create(code=row["code"], defaults={
            "name": row["name"], "kind": row["kind"], "parent": parent, "area_km2": row.get("area_km2"),
            "has_ikn_area": row.get("has_ikn_area", False), "is_active": True,
        })
        if row["kind"] == Region.Kind.PROVINCE:
            province = region
    return len(payload["regions"])


def import_agencies(rows) -> tuple[int, list[str]]:
    """Upsert agencies from dict rows (code, name, short_name, region_code); returns count and errors."""
    regions = {r.code: r for r in Region.objects.all()}
    errors, count = [], 0
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):
            region = regions.get((row.get("region_code") or "").strip())
            if region is None or not (row.get("code") or "").strip() or not (row.get("name") or "").strip():
                errors.append(_("baris %(n)s: kode, nama, dan kode wilayah yang dikenal wajib diisi") % {"n": number})
                continue
            Agency.objects.update_or_create(code=row["code"].strip(), defaults={
                "name": row["name"].strip(), "short_name": (row.get("short_name") or "").strip(),
                "region": region, "is_active": True,
            })
            count += 1
        if errors:
            transaction.set_rollback(True)
            return 0, errors
    return count, errors


def load_agencies() -> int:
    with open(DATA / "agencies.csv", encoding="utf-8", newline="") as handle:
        count, errors = import_agencies(csv.DictReader(handle))
    if errors:
        raise ValueError("; ".join(errors))
    return count
