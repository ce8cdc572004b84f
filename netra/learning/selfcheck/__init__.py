"""'Boleh atau tidak?': may a civil servant do this, or post this?

Two sources are combined:

* scenario rules (data/selfcheck.json): a described conduct ("bolehkah saya like unggahan tim
  sukses?") is matched to an ordered list of scenarios, each with a verdict, a violation form or an
  allowed act (regulations §3) and an explanation;
* the text screener (netra.screening) for a text the person wants to publish: partisan content
  is forbidden whatever the wording around it.

The date decides the form: conduct toward a *bakal calon* (before the contest's
candidate-determination date) is a code-of-ethics form, toward a *calon* a disciplinary one
(`netra.rules.services.classify`). Without a date, both forms are given unless an election is
coming up, in which case today counts.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from netra.screening.contests import BEFORE, stage_on

from . import reading, verdicts

if TYPE_CHECKING:  # models load with Django; the reader and the bank do not need it
    from netra.rules.models import Contest, ViolationType

    from ..models import AllowedAct

log = logging.getLogger(__name__)
DATA = Path(__file__).parent.parent / "data" / "selfcheck.json"

ALLOWED, FORBIDDEN, DEPENDS = "allowed", "forbidden", "depends"
SEVERITY = {ALLOWED: 0, DEPENDS: 1, FORBIDDEN: 2}
SKB_SOURCE = ("SKB MenPAN-RB 2/2022, Mendagri 800-5474/2022, BKN 246/2022, KASN 30/2022, "
              "Bawaslu 1447.1/PM.01/K.1/09/2022, Lampiran II")

# What the civil servant does with a text, mapped to the bakal-calon form (the calon form follows
# from the catalogue's counterpart). Same keys as the screener's own action table.
CONTENT_FORMS = {
    "post": "E2", "caption": "E2", "story": "E2", "status": "E2",
    "share": "E4", "repost": "E4", "retweet": "E4", "like": "E4", "comment": "E4", "reply": "E4",
    "follow": "E4", "join": "E4", "photo": "E5", "photo_gesture": "E5",
}


# ---------------------------------------------------------------------------------------------
# scenario rules


@dataclass(frozen=True)
class Scenario:
    key: str
    label: str
    verdict: str
    explanation: str
    groups: tuple[str, ...]
    form: str = ""
    allowed: str = ""
    screen: bool = False
    screener_action: str = ""


class Rulebook:
    def __init__(self, payload: dict):
        self.version = payload["version"]
        self.negators = set(payload["negators"])
        self.macros = {name: re.compile(rx) for name, rx in payload["macros"].items()}
        self.partisan_cues = re.compile(payload["partisan_cues"])
        self.scenarios = [
            Scenario(key=s["key"], label=s["label"], verdict=s["verdict"], explanation=s["explanation"],
                     groups=tuple(s["groups"]), form=s.get("form", ""), allowed=s.get("allowed", ""),
                     screen=s.get("screen", False), screener_action=s.get("screener_action", ""))
            for s in payload["scenarios"]
        ]
        self.by_key = {s.key: s for s in self.scenarios}

    def _hits(self, macro: str, text: str) -> tuple[bool, bool]:
        """(a plain match exists, a negated match exists) for one macro."""
        positive = negated = False
        for m in self.macros[macro].finditer(text):
            before = re.findall(r"\w+", text[max(0, m.start() - 40):m.start()])[-3:]
            if any(w in self.negators for w in before):
                negated = True
            else:
                positive = True
        return positive, negated

    def _group_ok(self, group: str, text: str) -> bool:
        if group.startswith("!"):
            return self._hits(group[1:], text)[1]
        if group.startswith("-"):
            return not self._hits(group[1:], text)[0]
        return self._hits(group, text)[0]

    def match(self, text: str) -> Scenario | None:
        norm = normalize(text)
        if not norm:
            return None
        for scenario in self.scenarios:
            if all(self._group_ok(g, norm) for g in scenario.groups):
                return scenario
        return None

    def has_partisan_cue(self, text: str) -> bool:
        return bool(self.partisan_cues.search(normalize(text)))


# "Boleh tidak saya …?" asks a question; its "tidak" must not negate the act that follows.
QUESTION_FORMS = re.compile(r"\b(boleh|bolehkah|apakah boleh|bisa)\s+(tidak|nggak|ngga|gak|ga|enggak|engga)\b")


def normalize(text: str) -> str:
    text = (text or "").lower().replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = QUESTION_FORMS.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def rulebook() -> Rulebook:
    return Rulebook(json.loads(DATA.read_text(encoding="utf-8")))


def scenario_choices() -> list[tuple[str, str]]:
    return [(s.key, s.label) for s in rulebook().scenarios]


# ---------------------------------------------------------------------------------------------
# the screener, loaded once per process

_screener = None
_screener_failed_at: float | None = None
_screener_lock = threading.Lock()
RETRY_AFTER_SECONDS = 300


def get_screener():
    """The shared Screener, or None when netra.screening or its model is not available.

    A failed load is retried after five minutes rather than on every request.
    """
    global _screener_failed_at
    if _screener is not None:  # installed by set_screener
        return _screener
    if _screener_failed_at is not None and time.monotonic() - _screener_failed_at < RETRY_AFTER_SECONDS:
        return None
    with _screener_lock:
        try:
            # The platform's one screener (issue 9 item 3): the same model, settings and admin
            # lexicon entries as the monitoring flags, so an entry an admin adds reaches both.
            from netra.monitoring.services import get_screener as platform_screener

            screener = platform_screener()
            _screener_failed_at = None
            return screener
        except Exception:  # noqa: BLE001 - any failure means "screener unavailable", logged
            log.warning("self-check: screener unavailable", exc_info=True)
            _screener_failed_at = time.monotonic()
            return None


def set_screener(screener) -> None:
    """Install a screener (tests, or a process that loaded a custom model)."""
    global _screener, _screener_failed_at
    _screener, _screener_failed_at = screener, None


def screen_text(text: str, action: str | None, on_date: dt.date | None) -> dict:
    screener = get_screener()
    if screener is None:
        partisan = rulebook().has_partisan_cue(text)
        return {"available": False, "label": "partisan" if partisan else None,
                "note": _("Pemeriksa teks otomatis tidak tersedia; hanya pola dukungan yang jelas yang diperiksa.")}
    result = screener.screen(text, action=action, posted_at=on_date)
    data = result.to_dict() if hasattr(result, "to_dict") else dict(result)
    data["available"] = True
    return data


# ---------------------------------------------------------------------------------------------
# rules (citations)


def violation_rule(v: ViolationType) -> dict:
    return {
        "code": v.code, "kind": "violation", "group": v.group, "title": v.title, "title_en": v.title_en,
        "stage": v.stage, "sanction_level": v.sanction_level,
        "sanction": v.get_sanction_level_display() if v.sanction_level else "",
        "default_sanction": v.default_sanction.name if v.default_sanction_id else "",
        "sanctions": [s.name for s in v.sanctions.all()], "legal_basis": v.legal_basis,
        "source": SKB_SOURCE, "note": v.note,
    }


def allowed_rule(act: AllowedAct) -> dict:
    return {"code": act.code, "kind": "allowed", "title": act.title, "title_en": act.title_en,
            "conditions": act.conditions, "source": act.source, "unconfirmed": act.unconfirmed}


def _today() -> dt.date:
    return timezone.localdate()


KIND_GROUPS = {"pilpres": ("pilpres",), "pileg": ("pileg",), "pilkada": ("pilgub", "pilbup", "pilwali")}


def _contests_for(day: dt.date, kinds: list[str] | tuple = ()) -> list:
    """The contests of the election that `day` concerns, narrowed to the kinds the question names.

    Why not one guessed contest: on one day candidates of different contests may be at different
    stages (6 Nov 2023: legislative candidates named on 3 Nov, presidential pairs only on 13 Nov),
    so an unnamed contest must give every form that can apply (issue 9, item 5).
    """
    from netra.rules.models import Contest
    from netra.rules.services import guess_contest

    first = guess_contest(day)
    if first is None:
        return []
    same = Contest.objects.filter(election=first.election)
    wanted = [k for kind in kinds for k in KIND_GROUPS.get(kind, ())]
    named = list(same.filter(kind__in=wanted)) if wanted else []
    return named or list(same) or [first]


def resolve_forms(form_code: str, on_date: dt.date | None, contest: Contest | None,
                  kinds: list[str] | tuple = ()) -> tuple[list, str]:
    """The form(s) that apply to a conduct on `on_date`, and a note when the date or contest leaves it open.

    `kinds` are the contest kinds the question names (pilpres, pileg, pilkada); with neither a contest
    nor a kind, every contest of that election counts and differing forms are all given.
    """
    from netra.rules.models import Contest, ViolationType
    from netra.rules.services import classify

    v = ViolationType.objects.select_related("counterpart", "default_sanction").filter(code=form_code).first()
    if v is None:
        return [], ""
    if v.stage == ViolationType.Stage.ANY:
        return [v], ""
    day = on_date
    if day is None and (contest is not None or Contest.objects.filter(voting_date__gte=_today()).exists()):
        day = _today()
    contests = [contest] if contest is not None else (_contests_for(day, kinds) if day is not None else [])
    if day is None or not contests:
        pair = [v] + ([v.counterpart] if v.counterpart_id else [])
        pair.sort(key=lambda x: 0 if x.stage == ViolationType.Stage.BEFORE else 1)
        note = _("Tanpa tanggal: %(before)s bila sebelum penetapan calon (bakal calon), %(after)s sejak "
                 "penetapan (calon).") % {"before": pair[0].code, "after": pair[-1].code}
        return pair, note
    by_code: dict[str, tuple] = {}
    for c in sorted(contests, key=lambda c: c.candidate_determination_date):
        chosen = classify(v, day, c)
        by_code.setdefault(chosen.code, (chosen, c))
    if len(by_code) > 1:
        parts = [_("%(code)s untuk %(contest)s (calon ditetapkan %(cut)s)") % {
            "code": form.code, "contest": c.name, "cut": c.candidate_determination_date.isoformat()}
            for form, c in by_code.values()]
        note = _("Pada %(day)s tahap pencalonan berbeda antar kontestasi: %(parts)s. Sebutkan kontestasinya "
                 "(mis. caleg atau capres) untuk satu jawaban.") % {"day": day.isoformat(), "parts": "; ".join(parts)}
        return [form for form, _c in by_code.values()], note
    chosen, contest = next(iter(by_code.values()))
    stage = _("sebelum penetapan calon (bakal calon)") \
        if stage_on(day, contest.candidate_determination_date) == BEFORE else _("sejak penetapan calon (calon)")
    note = _("%(day)s jatuh %(stage)s %(contest)s pada %(cut)s.") % {
        "day": day.isoformat(), "stage": stage, "contest": contest.name,
        "cut": contest.candidate_determination_date.isoformat()}
    return [chosen], note


# ---------------------------------------------------------------------------------------------
# the answer


@dataclass
class Answer:
    verdict: str
    rules: list[dict]
    explanation: str
    scenario: str | None = None
    scenario_label: str = ""
    date_note: str = ""
    screening: dict | None = None
    rulebook_version: str = ""
    extra: dict = field(default_factory=dict)
    ask: str = ""
    reading: dict | None = None
    language: str = ""

    @property
    def screening_words(self) -> str:
        """The screener's label in words, in the answer's language (shown instead of the raw label)."""
        if not self.screening or not self.screening.get("available"):
            return ""
        lang = self.language or ("en" if (translation.get_language() or "").startswith("en") else "id")
        return screener_in_words(self.screening, lang)

    def to_dict(self) -> dict:
        return {
            "verdict": self.verdict, "rules": self.rules, "explanation": self.explanation,
            "scenario": self.scenario, "scenario_label": self.scenario_label, "date_note": self.date_note,
            "screening": self.screening, "rulebook_version": self.rulebook_version,
            "ask": self.ask, "reading": self.reading, "language": self.language,
        }


class UnknownAction(ValueError):
    pass


# A text with no question cue is a text to publish and goes to the screener, unless the reader
# clearly reads a forbidden conduct in it ("like postingan capres"): that answer is the safe one.
READ_WITHOUT_CUE = 0.6
SCREENER_WORDS = {
    "partisan": ("teks ini mendukung salah satu peserta pemilu", "the text supports one of the contestants"),
    "political_neutral": ("teks ini menyangkut politik tetapi tidak tampak memihak",
                          "the text is political but does not seem to take sides"),
    "non_political": ("teks ini tidak bermuatan politik pemilu", "the text has no electoral political content"),
}
ACT_LABELS = {
    "like": ("Menyukai unggahan", "Liking a post"), "comment": ("Berkomentar", "Commenting"),
    "share": ("Membagikan", "Sharing"), "follow": ("Mengikuti akun atau grup", "Following an account or group"),
    "post": ("Mengunggah", "Posting"), "photo": ("Berfoto", "Posing for a photo"),
    "banner": ("Memasang alat peraga", "Putting up display material"), "attend": ("Menghadiri", "Attending"),
    "campaign": ("Ikut berkampanye", "Campaigning"), "speak": ("Menjadi pembicara", "Speaking"),
    "wear": ("Memakai atribut", "Wearing attributes"), "give": ("Memberi barang atau uang", "Giving goods or money"),
    "fund": ("Mendanai", "Funding"), "decide": ("Keputusan atau program jabatan", "Official decisions or programmes"),
    "facilities": ("Memakai fasilitas kantor", "Using office facilities"),
    "gather": ("Mengumpulkan atau mengajak orang", "Gathering or urging people"),
    "register": ("Mencalonkan diri", "Running as a candidate"), "member": ("Keanggotaan partai", "Party membership"),
    "team": ("Menjadi tim pemenangan", "Joining a campaign team"), "ktp": ("Dukungan KTP", "ID-card support"),
    "vote": ("Memilih", "Voting"), "report": ("Melapor", "Reporting"), "remind": ("Mengingatkan netralitas",
                                                                               "Reminding about neutrality"),
    "turnout": ("Mengajak memilih", "Encouraging turnout"), "read": ("Mencari tahu visi-misi",
                                                                    "Looking up programmes"),
    "kpps": ("Menjadi KPPS", "Serving as KPPS"), "accompany": ("Mendampingi", "Accompanying"),
}
OBJECT_LABELS = {
    "partisan": ("calon, partai, atau tim kampanye", "a candidate, party or campaign team"),
    "kpu": ("informasi resmi KPU/Bawaslu", "official KPU/Bawaslu information"),
    "neutral": ("informasi netral", "neutral information"),
    "programme": ("program pemerintah", "a government programme"),
    "official": ("acara resmi pemerintah", "an official government event"), "none": ("", ""),
}


def screener_in_words(screening: dict | None, lang: str) -> str:
    """The screener's label as a sentence, never as a raw label (issue 13, item 5)."""
    words = SCREENER_WORDS.get((screening or {}).get("label") or "")
    return (words[1] if lang == "en" else words[0]) if words else ""


def _answer_language(rd) -> str:
    return "en" if rd.lang == "en" or (translation.get_language() or "").startswith("en") else "id"


def _violation_sentence(rule: dict, lang: str) -> str:
    title = rule["title_en"] if lang == "en" and rule.get("title_en") else rule["title"]
    sanction = rule.get("sanction") or rule.get("sanction_level") or ""
    if lang == "en":
        return f"{rule['code']} ({title}): sanction {sanction}; basis {rule['legal_basis']}; source {rule['source']}."
    return f"{rule['code']} ({title}): sanksi {sanction}; dasar {rule['legal_basis']}; sumber {rule['source']}."


def _allowed_sentence(rule: dict, lang: str) -> str:
    title = rule["title_en"] if lang == "en" and rule.get("title_en") else rule["title"]
    tail = (" (not yet confirmed by a primary source)" if lang == "en" else " (belum terkonfirmasi sumber primer)") \
        if rule.get("unconfirmed") else ""
    label = "Source" if lang == "en" else "Sumber"
    return f"{rule['code']} ({title}): {rule['conditions']} {label}: {rule['source']}{tail}."


def answer_question(rd, on_date: dt.date | None = None, contest: Contest | None = None) -> Answer:
    """A question about a conduct, read as act + object + context and decided by `verdicts`."""
    from ..models import AllowedAct

    lang = _answer_language(rd)
    decision = verdicts.decide(rd)
    day = on_date or rd.slots.date
    with translation.override(lang):
        rules: list[dict] = []
        acts = {a.code: a for a in AllowedAct.objects.filter(code__in=decision.allowed)}
        rules.extend(allowed_rule(acts[c]) for c in decision.allowed if c in acts)
        date_notes: list[str] = []
        for form in decision.forms:
            forms, note = resolve_forms(form, day, contest, kinds=rd.slots.contests)
            rules.extend(violation_rule(v) for v in forms)
            if note and note not in date_notes:
                date_notes.append(note)
        parts = [decision.text(decision.reason, lang)]
        if decision.verdict == DEPENDS and decision.ask:
            parts.append(decision.text(decision.ask, lang))
        cited = [r for r in rules if r["kind"] == "violation"] if decision.verdict != ALLOWED else \
            [r for r in rules if r["kind"] == "allowed"]
        if cited:
            head = "Rules:" if lang == "en" else "Aturan:"
            if decision.verdict == DEPENDS:
                head = "Possibly applicable:" if lang == "en" else "Aturan yang mungkin berlaku:"
            sentence = _violation_sentence if decision.verdict != ALLOWED else _allowed_sentence
            parts.append(head + " " + " ".join(sentence(r, lang) for r in cited))
        elif decision.verdict == ALLOWED:
            parts.append(("Source: SKB 2022 on ASN neutrality (" if lang == "en" else
                          "Sumber: SKB 2022 tentang netralitas ASN (") + SKB_SOURCE + ").")
        if decision.change:
            parts.append(decision.text(decision.change, lang))
        parts.extend(decision.text(n, lang) for n in decision.notes)
        if not decision.understood:
            parts.append("This is guidance, not an official decision; ask your BKD or the neutrality task force." if
                         lang == "en" else "Ini panduan, bukan keputusan resmi; tanyakan kepada BKD/Satgas Netralitas.")
    act_label, obj_label = ACT_LABELS.get(rd.act, ("", "")), OBJECT_LABELS.get(rd.obj, ("", ""))
    i = 1 if lang == "en" else 0
    label = act_label[i] + (f" — {obj_label[i]}" if obj_label[i] else "") if decision.understood else ""
    return Answer(verdict=decision.verdict, rules=rules, explanation=" ".join(p for p in parts if p),
                  scenario=f"{rd.act}:{rd.obj}" if decision.understood else None, scenario_label=label,
                  date_note=" ".join(date_notes), screening=None, rulebook_version=f"{rulebook().version}+reader-1",
                  ask=decision.text(decision.ask, lang) if decision.verdict == DEPENDS else "",
                  reading=rd.to_dict(), language=lang)


READER_WAIT_SECONDS = 2.0  # longest a request waits for the start-up training of the reader


def not_ready_answer(book: Rulebook) -> Answer:
    """The answer while the reader is still being trained at process start: never "boleh"."""
    return Answer(verdict=DEPENDS, rules=[], scenario=None, scenario_label="", date_note="", screening=None,
                  explanation=_("Pemeriksa pertanyaan sedang disiapkan, jadi kami belum dapat menjawab \"boleh\". "
                                "Coba lagi sebentar lagi, atau tanyakan kepada BKD/Satgas Netralitas. Ingat: cuti "
                                "biasa tidak membuat kampanye menjadi boleh."),
                  rulebook_version=book.version)


def check(text: str = "", action: str | None = None, on_date: dt.date | None = None,
          contest: Contest | None = None) -> Answer:
    """Answer one question. `action` is a scenario key or a content action (post, share, like...).

    Free text that asks about a conduct is read as act + object + context and decided by the
    rulebook (`answer_question`); a text to publish (no question, no confidently read act) goes to
    the screener, as does any text sent with a content action.
    """
    book = rulebook()
    text = (text or "").strip()
    if text and not action:
        if not reading.ready(READER_WAIT_SECONDS):
            return not_ready_answer(book)
        rd = reading.read(text)
        if rd.question or (rd.act_p >= READ_WITHOUT_CUE and verdicts.decide(rd).verdict == FORBIDDEN):
            return answer_question(rd, on_date, contest)
    scenario = None
    content_action = None
    if action:
        if action in book.by_key:
            scenario = book.by_key[action]
        elif action in CONTENT_FORMS:
            content_action = action
        else:
            raise UnknownAction(action)
    elif text:
        scenario = book.match(text)

    screening = None
    if text:
        screen_action = content_action or (scenario.screener_action if scenario else "") or "post"
        screening = screen_text(text, screen_action, on_date)

    rules: list[dict] = []
    notes: list[str] = []
    date_note = ""
    content_decides = scenario is None or scenario.screen
    partisan = bool(screening and screening.get("label") == "partisan")

    if scenario is not None and not (content_decides and partisan):
        verdict = scenario.verdict
        explanation = scenario.explanation
        if scenario.allowed:
            from ..models import AllowedAct

            act = AllowedAct.objects.filter(code=scenario.allowed).first()
            if act:
                rules.append(allowed_rule(act))
        if scenario.form and verdict != ALLOWED:
            forms, date_note = resolve_forms(scenario.form, on_date, contest)
            rules.extend(violation_rule(v) for v in forms)
    elif partisan:
        verdict = FORBIDDEN
        form = CONTENT_FORMS.get(content_action or (scenario.screener_action if scenario else "") or "post", "E2")
        forms, date_note = resolve_forms(form, on_date, contest)
        rules.extend(violation_rule(v) for v in forms)
        targets = ", ".join(screening.get("targets") or [])
        explanation = _("Teks ini terbaca memihak peserta pemilu%(targets)s. Mengunggah, membagikan, atau "
                        "menyukai konten seperti ini adalah pelanggaran netralitas.") % {
            "targets": f" ({targets})" if targets else ""}
        if scenario is not None:
            notes.append(_("Walaupun \"%(label)s\" pada dasarnya boleh, isi teks ini memihak.")
                         % {"label": scenario.label})
    elif screening and screening.get("available"):
        label = screening.get("label")
        if label == "political_neutral":
            verdict = DEPENDS
            forms, date_note = resolve_forms(CONTENT_FORMS.get(content_action or "post", "E2"), on_date, contest)
            rules.extend(violation_rule(v) for v in forms)
            explanation = _("Teks ini menyangkut politik tetapi tidak tampak memihak. Pastikan tidak menyebut, "
                            "menandai, atau memuji calon, partai, atau nomor urut; bila ragu, jangan unggah.")
        else:
            verdict = ALLOWED
            explanation = _("Teks ini tidak tampak bermuatan politik pemilu.")
    elif text:
        verdict = DEPENDS
        explanation = _("Tidak ditemukan skenario yang cocok dan pemeriksa teks otomatis tidak tersedia. "
                        "Pilih skenario dari daftar atau tanyakan kepada BKD/Satgas Netralitas.")
    else:
        raise ValueError("text or action required")

    if screening and not screening.get("available"):
        notes.append(screening["note"])
    if notes:
        explanation = " ".join([explanation, *notes])
    return Answer(verdict=verdict, rules=rules, explanation=explanation,
                  scenario=scenario.key if scenario else None, scenario_label=scenario.label if scenario else "",
                  date_note=date_note, screening=screening, rulebook_version=book.version)
