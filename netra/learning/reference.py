"""Load learning content (modules, allowed acts, question bank) from the versioned files in `data/`.

Loading is an upsert by code like the rules catalogue: re-running after an edit updates rows in
place; questions dropped from the file are deactivated (attempts keep pointing at them).
"""

import json
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from netra.rules.models import ViolationType

from .models import AllowedAct, Module, Question, Topic

DATA = Path(__file__).parent / "data"


def _read(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def parse_module(text: str) -> tuple[dict, str]:
    """Split a module file into its front matter (key: value lines between ---) and body."""
    if not text.startswith("---\n"):
        raise ImproperlyConfigured("module file must start with a --- front matter block")
    head, _, body = text[4:].partition("\n---\n")
    meta = {}
    for line in head.splitlines():
        if line.strip():
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
    return meta, body.strip()


@transaction.atomic
def load_modules(version: str = "") -> int:
    files = sorted((DATA / "modules").glob("*.md"))
    topics = set(Topic.values)
    for order, path in enumerate(files):
        meta, body = parse_module(path.read_text(encoding="utf-8"))
        if meta.get("topic") not in topics:
            raise ImproperlyConfigured(f"{path.name}: unknown topic {meta.get('topic')!r}")
        Module.objects.update_or_create(slug=meta["slug"], defaults={
            "topic": meta["topic"], "title": meta["title"], "title_en": meta.get("title_en", ""),
            "summary": meta.get("summary", ""), "sources": meta.get("sources", ""), "body": body,
            "version": meta.get("version", version or "2024-1"), "order": order,
        })
    return len(files)


@transaction.atomic
def load_allowed_acts() -> int:
    rows = _read("allowed_acts.json")["acts"]
    for order, row in enumerate(rows):
        AllowedAct.objects.update_or_create(code=row["code"], defaults={
            "title": row["title"], "title_en": row.get("title_en", ""), "conditions": row.get("conditions", ""),
            "source": row.get("source", ""), "unconfirmed": row.get("unconfirmed", False), "order": order,
        })
    return len(rows)


@transaction.atomic
def load_questions() -> int:
    payload = _read("questions.json")
    version = payload["version"]
    violations = {v.code: v for v in ViolationType.objects.all()}
    acts = {a.code: a for a in AllowedAct.objects.all()}
    topics = set(Topic.values)
    seen = []
    for row in payload["questions"]:
        rule = row["rule"]
        if row["topic"] not in topics:
            raise ImproperlyConfigured(f"{row['code']}: unknown topic {row['topic']!r}")
        if rule not in violations and rule not in acts:
            raise ImproperlyConfigured(f"{row['code']}: rule {rule!r} is neither a violation form nor an allowed act")
        if not 0 <= row["answer"] < len(row["choices"]):
            raise ImproperlyConfigured(f"{row['code']}: answer index out of range")
        Question.objects.update_or_create(code=row["code"], defaults={
            "topic": row["topic"], "scenario": row["scenario"], "choices": row["choices"], "answer": row["answer"],
            "explanation": row["explanation"], "violation": violations.get(rule), "allowed_act": acts.get(rule),
            "version": version, "is_active": True,
        })
        seen.append(row["code"])
    Question.objects.exclude(code__in=seen).update(is_active=False)
    return len(seen)


def load_learning() -> dict:
    """Allowed acts before questions (questions point at them); violations must already be loaded."""
    return {
        "modules": load_modules(),
        "allowed_acts": load_allowed_acts(),
        "questions": load_questions(),
    }
