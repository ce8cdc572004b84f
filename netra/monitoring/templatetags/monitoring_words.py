"""Screener values in words for the monitor pages: contestant names, not lexicon keys; Indonesian
(or English) words, not the screener's internal labels."""

from functools import lru_cache

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

STANCES = {"support": _("mendukung"), "attack": _("menyerang"), "neutral": _("netral"), "none": _("tidak jelas"),
           "mixed": _("campuran")}
LABELS = {"partisan": _("partisan"), "political_neutral": _("politik, netral"), "non_political": _("bukan politik")}
CUE_KINDS = {"name": _("nama"), "nickname": _("nama panggilan"), "party": _("partai"), "slogan": _("slogan"),
             "hashtag": _("tagar"), "gesture": _("gestur"), "number": _("nomor urut"), "account": _("akun"),
             "mock": _("ejekan"), "term": _("istilah kampanye"), "colour": _("warna kampanye")}


@lru_cache(maxsize=1)
def _contestant_labels() -> dict[str, str]:
    from netra.screening.lexicon import Lexicon

    return {key: person.get("label", key) for key, person in Lexicon.load().contestants.items()}


@register.filter
def target_names(keys) -> str:
    """"kaltim-2024-2" → "Kaltim gubernur: Rudy Mas'ud – Seno Aji"; an unknown key stays as it is."""
    labels = _contestant_labels()
    return "; ".join(labels.get(k, k) for k in (keys or [])) or "—"


@register.filter
def stance_word(value) -> str:
    return str(STANCES.get(value, value or "—"))


@register.filter
def label_word(value) -> str:
    return str(LABELS.get(value, value or "—"))


@register.filter
def cue_kind_word(value) -> str:
    return str(CUE_KINDS.get(value, value or ""))
