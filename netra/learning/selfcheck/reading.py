# ruff: noqa: E501 - word lists and patterns read best one per line
"""Reading a civil servant's question as act + object + context.

Why three parts: the rules (regulations §1.3 and §3) decide on *what* is done (like, attend, speak,
give, …), *toward what* (a candidate or party, neutral KPU/Bawaslu information, a government
programme, an official event) and *in which circumstances* (CLTN or ordinary leave, a duty letter, a
spouse or other relative who is a candidate, office facilities, after the vote, …). Keyword groups
mixed the three and fell through to "allowed" when a question was worded otherwise.

* The text is normalised with the screener's normaliser (slang, stretched letters) plus this
  module's words: Banjar and Kutai words, more WhatsApp abbreviations. The screener's modules are not
  changed; its normaliser is reused by import.
* A small scikit-learn model, trained at first use from the question bank (deterministic, about a
  second), reads the act and the object, with probabilities: a reading below the confidence floor is
  never answered "allowed" (see rulebook.py).
* Context slots are read by explicit patterns, because they are facts the verdict turns on and a
  statistical guess would hide a missing fact instead of asking for it.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import logging
import os
import pickle
import re
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from netra.screening.normalize import normalize as screener_normalize

from . import bank

log = logging.getLogger(__name__)

# Banjar (b), Kutai (k) and chat words -> standard Indonesian, applied after the screener's own map.
# Sources: common usage in Samarinda/Balikpapan/Tenggarong chat; kept short and reviewable.
LOCAL_WORDS = {
    # Banjar
    "ulun": "saya", "unda": "saya", "ikam": "kamu", "pian": "anda", "kawa": "bisa", "kada": "tidak",
    "kadada": "tidak ada", "handak": "mau", "umpat": "ikut", "bini": "istri", "laki": "suami",
    "dangsanak": "saudara", "sapupu": "sepupu", "abah": "ayah", "uma": "ibu", "mambagi": "membagikan",
    "manyebar": "menyebarkan", "malike": "like", "bapoto": "berfoto", "mamasang": "memasang", "mambari": "memberi",
    "manyumbang": "menyumbang", "mandampingi": "mendampingi", "bakampanye": "berkampanye", "matan": "dari",
    "gasan": "untuk", "haja": "saja", "nang": "yang", "hanyar": "baru", "parak": "dekat", "tuntung": "selesai",
    "bajaga": "menjaga", "mandangar": "mendengar", "bateriak": "berteriak", "manonton": "menonton",
    "mambaca": "membaca", "malapor": "melapor", "maajak": "mengajak", "mangumpulakan": "mengumpulkan",
    "mamakai": "memakai", "bakaos": "berkaos", "mubil": "mobil", "baundur": "mundur", "manyalon": "mencalonkan",
    "mandaftar": "mendaftar", "maingatakan": "mengingatkan", "manegur": "menegur", "sidin": "beliau",
    "barita": "berita", "mangarahakan": "mengarahkan", "maluncurakan": "meluncurkan",
    "manyalurakan": "menyalurkan", "tipi": "tv", "bagabung": "bergabung", "basurat": "menulis",
    "bakomentar": "berkomentar", "maantar": "mengantar", "mawakili": "mewakili", "pambicara": "pembicara",
    "mangisi": "mengisi", "matari": "materi", "dipinjamakan": "dipinjamkan", "ka": "ke", "amun": "kalau",
    "baatribut": "beratribut", "pandukung": "pendukung", "kampung": "kampung", "urang": "orang",
    "manukar": "membeli", "bagawi": "bekerja", "gawian": "pekerjaan", "tulak": "pergi", "kaina": "nanti",
    # Kutai
    "imbah": "setelah", "limbah": "setelah", "bubuhan": "kelompok", "maulah": "membuat", "bapandiran": "berbicara",
    "membari": "memberi", "baisi": "punya", "mandukung": "mendukung", "kaluarga": "keluarga",
    "basar": "besar", "maarahakan": "mengarahkan", "malihat": "melihat", "mangirim": "mengirim",
    "manerusakan": "meneruskan", "sakantor": "sekantor", "kawan": "teman", "poto": "foto", "mambantu": "membantu",
    "mambayar": "membayar", "sabantar": "sebentar", "dahulu": "dulu",
    "ndik": "tidak", "ndak": "tidak", "ape": "apa", "kite": "kita", "kekawan": "teman", "kamek": "saya",
    # chat / WhatsApp
    "gpp": "tidak apa apa", "gapapa": "tidak apa apa", "ngelike": "like", "nglike": "like", "ngeshare": "share",
    "komen": "komentar", "komenin": "komentari", "narsum": "narasumber", "timses": "tim sukses",
    "walkot": "wali kota", "walikota": "wali kota", "nyalon": "mencalonkan", "nyoblos": "mencoblos",
    "coblosan": "pencoblosan", "jd": "jadi", "dtg": "datang", "pake": "pakai", "pager": "pagar",
    "ikutan": "ikut", "bareng": "bersama", "ngajak": "mengajak", "nemenin": "menemani", "dampingi": "mendampingi",
    "ngasih": "memberi", "bikin": "membuat", "anter": "antar", "pinjemin": "pinjamkan",
    "ngumpulin": "mengumpulkan", "nyuruh": "menyuruh", "negur": "menegur", "ngingetin": "mengingatkan",
    "dengerin": "mendengar", "wkt": "waktu", "tgl": "tanggal", "skrg": "sekarang", "mhs": "mahasiswa",
    "adek": "adik", "stlh": "setelah", "sblm": "sebelum", "abis": "habis",
    "istriku": "istri saya", "suamiku": "suami saya", "kakakku": "kakak saya", "adikku": "adik saya",
    "bapakku": "bapak saya", "ibuku": "ibu saya", "sepupuku": "sepupu saya", "pamanku": "paman saya", "bagiin": "bagikan", "nyebarin": "menyebarkan", "arahin": "arahkan", "salurin": "salurkan",
    "resmiin": "resmikan", "ditugasin": "ditugaskan", "wakilin": "mewakili", "ngadu": "mengadu",
    "ngisi": "mengisi", "bantu2": "bantu", "yel2": "yel yel", "baik2": "baik", "baca2": "baca", "bagi2": "bagi",
}

_EN_WORDS = frozenset("""a an the i my me is it am are can may should could to of on in for with without at
his her their our your this that what do does did not allowed okay ok fine if as and or after before
during while just only""".split())
_ID_WORDS = frozenset("""saya aku boleh bolehkah apakah tidak yang dan di ke dari untuk dengan kalau jika bisa
sudah belum ini itu ada atau juga sebagai tanpa sambil kah ga gak nggak apa""".split())


def normalize(text: str) -> str:
    """Lowercased, slang- and dialect-normalised text as one space-joined string."""
    tokens = screener_normalize((text or "").replace("-", " ")).tokens
    return " ".join(LOCAL_WORDS.get(t, t) for t in tokens)


def language(text: str) -> str:
    """'en' when the question is written in English, else 'id'."""
    words = re.findall(r"[a-z']+", (text or "").lower())
    en = sum(w in _EN_WORDS for w in words)
    ind = sum(w in _ID_WORDS for w in words)
    return "en" if en >= 2 and en > ind else "id"


# ---------------------------------------------------------------------------------------------
# context slots

_NEG = r"(?:tanpa|tidak|tak|belum|bukan|ga|gak|nggak|gk|blm|tdk|no|not|without|didnt|havent|hasnt|dont|never|yet)"


def _flag(pattern: str, text: str, window: int = 4) -> str | None:
    """'yes' when `pattern` occurs without a negator among the `window` words before it, 'no' when
    only negated occurrences exist, None when it does not occur."""
    found = None
    for m in re.finditer(pattern, text):
        before = text[:m.start()].split()[-window:]
        if any(re.fullmatch(_NEG, w) for w in before):
            found = found or "no"
        else:
            return "yes"
    return found


def _has(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


CLTN = r"\bcltn\b|cuti di luar tanggungan|unpaid leave|leave without pay"
ORDINARY_LEAVE = (r"cuti (tahunan|biasa|bersama|besar)|\bcuti saja\b|annual leave|ordinary leave|\bholiday|hari libur|"
                  r"\blibur\b|weekend|akhir pekan|\bsabtu\b|\bminggu\b|di luar jam (kerja|kantor)|outside working hours|"
                  r"after work|day off")
LETTER = r"surat tugas|surat perintah|\bst\b|\bspt\b|duty letter|assignment letter|letter of assignment|official letter"
DUTY = (r"ditugaskan|ditugasi|menugaskan|tugas (kedinasan|dinas|resmi)|\bdinas menugaskan|on duty|assigned|"
        r"mewakili (dinas|kantor|instansi|pemda)|wakili dinas|represent (the|my) (agency|office)|satpol|protokol|"
        r"petugas kesehatan|perawat|tenaga kesehatan|medic|nurse|panitia acara resmi|pengamanan|mengamankan|"
        r"menjaga (ketertiban|lokasi)|jaga (kampanye|lokasi|posko)|guard|securing|disuruh (atasan|kadis|pimpinan)|"
        r"(atasan|kadis|pimpinan) (meminta|menyuruh)|told me|asked me to represent")
VERBAL_ONLY = r"secara lisan|verbally|cuma lisan"
SPOUSE = r"\b(istri|isteri|suami|pasangan saya|wife|husband|spouse)\b"
RELATIVE = (r"\b(kakak|adik|ayah|abah|bapak saya|ibu saya|ibu kandung|paman|om|tante|bibi|sepupu|ipar|mertua|"
            r"anak saya|keponakan|saudara|kakek|nenek|brother|sister|father|mother|uncle|aunt|cousin|son|daughter|"
            r"in law|nephew|niece)\b")
NON_ASN = (r"bukan (asn|pns|pegawai)|non asn|not a civil servant|not an asn|isnt a civil servant|pedagang|swasta|"
           r"mahasiswa|ibu rumah tangga|wiraswasta|petani|trader|student|not (a )?pns")
PASSIVE = (r"(hanya|cuma|saja|just|only)\b.{0,25}\b(pendengar|mendengar|menonton|duduk|listen|watch|sit)|diam saja|"
           r"pasif|passive|tanpa (memakai |pakai )?atribut|tanpa yel|tidak memakai atribut|without (wearing )?(any )?"
           r"attributes?|without chanting|without speaking|tanpa (ikut )?aktif|tidak ikut aktif|tanpa berbicara|"
           r"tanpa bicara|without an active role|quietly|mendengar saja")
ACTIVE = (r"\byel|teriak|orasi|berorasi|joget|salam (\d|satu|dua|tiga|empat) jari|acung|angkat \d jari|\d jari|chant|"
          r"finger|hand sign|syukuran|pesta kemenangan|victory (party|celebration)|merayakan|perayaan|celebrat|nyanyi lagu kampanye|lagu kampanye|konvoi|arak|parade|berteriak|sing along")
GESTURE = (r"jari|gestur|gesture|pose|finger|number sign|hand sign|salute|kaos partai|atribut|latar baliho|latar (belakang )?(partai|calon)|"
           r"logo|holding .{0,15}(shirt|flag)|memegang (kaos|bendera)|kaos (partai|calon)")
PUBLISH = (r"unggah|upload|posting|\bpost|diupload|share|instagram|\big\b|\bfb\b|facebook|medsos|media sosial|tiktok|"
           r"status|story")
FACILITIES = (r"mobil dinas|kendaraan dinas|plat merah|mobil kantor|aula kantor|aula|ruang rapat kantor|ruang rapat|"
              r"printer kantor|laptop kantor|kantor (untuk|buat)|fasilitas (kantor|negara|dinas)|official car|"
              r"office (hall|meeting room|printer|car|vehicle)|jam kerja|jam kantor|working hours|anggaran (dinas|kantor)")
AFTER_VOTE = (r"(setelah|sesudah|abis|habis|usai|pasca) (hari )?(pemungutan|pencoblosan|mencoblos|coblos|pemilu|pilkada|"
              r"pemilihan|hari pencoblosan)|(pemilu|pilkada|pemilihan|pencoblosan|hari pencoblosan) (sudah|telah) "
              r"(selesai|lewat|usai|berakhir)|(sudah|telah) (pemilihan|pencoblosan)|after (the )?(vote|election|voting)|"
              r"election is over|votes are counted|after election day|pilkada sudah lewat|pemilu sudah selesai|"
              r"pemilu sudah tuntung|pemilu sudah lewat|kemenangan|victory|yang menang|pemenang")
# The time phrase alone ("abis nyoblos", "after the vote"): it sets the after_vote slot and is removed from
# the act model's input, so "after voting, may I like ..." is read as liking, not as voting.
AFTER_VOTE_PHRASE = re.compile(
    r"\b(setelah|sesudah|habis|usai|pasca|after) (hari |the )?(pemungutan suara|pemungutan|pencoblosan|mencoblos|"
    r"coblos|memilih|milih|pemilu|pilkada|pemilihan|vote|voting|election day|election|elections)\b")
QUIET = r"masa tenang|quiet period|minggu tenang"
PARTISAN_CONTENT = (r"coblos (nomor|no)|pilih (nomor|no)|menangkan|semoga menang|\b(men|man)?dukung|dukungan|vote for|support (for|of)|"
                    r"(ajak|ajakan|agar|supaya|biar) (memilih|pilih|milih|mencoblos|nyoblos)|campaign slogan|\bcoblos \d")
ROUTINE = r"rutin|sesuai jadwal|jadwal tahunan|on schedule|routine|sesuai kriteria|as scheduled|as usual|seperti biasa"
FAVOUR = (r"basis|pendukung|supporters?|support the incumbent|menguntungkan|merugikan|lawan (petahana|calon)|"
          r"opponent|yang mendukung|favou?r")
RESIGN = (r"mengundurkan diri|undur diri|\bmundur\b|resign|berhenti (dari|sebagai) (asn|pns)|keluar dari (asn|pns)|"
          r"no longer a civil servant|quit the civil service|left the civil service|resmi berhenti")
OFFICIAL_EVENT = r"acara resmi|official (government )?event|peresmian|meresmikan|resmikan|upacara|kegiatan resmi"
CAND_WORD = (r"calon|caleg|capres|cawapres|cagub|cabup|cawali|paslon|kandidat|petahana|mencalonkan|maju|candidate|"
             r"running|incumbent|partai|parpol|party")

# Anything electoral at all: without it a question is not about neutrality and gets no verdict.
ELECTORAL = (CAND_WORD + r"|kampanye|campaign|pemilu|pilkada|pilpres|pileg|pemilihan|election|\bkpu|bawaslu|\btps\b|"
             r"coblos|mencoblos|memilih|\bpilih|hak pilih|suara|vote|voting|politik|politic|golput|kpps|\bpps\b|"
             r"\bktp|baliho|spanduk|stiker|tim sukses|relawan|deklarasi|rally|netral|neutral|visi|debat|debate|"
             r"dukung|support|pemenangan|winning|konvoi|atribut|jari|finger|\bsatgas|lapor|report|dpt|pendukung")

CONTEST_KINDS = {
    "pilpres": r"capres|cawapres|presiden|pilpres|presidential|vice president",
    "pileg": r"caleg|legislatif|legislative|\bdpr\b|\bdprd\b|\bdpd\b|anggota dewan|council|parliament|\bdct\b",
    "pilkada": (r"cagub|cabup|cawali|cawalkot|gubernur|bupati|wali kota|pilkada|regent|mayor|governor|kepala daerah|"
                r"pilgub|pilbup|pilwali"),
}

_MONTHS = {m: i + 1 for i, names in enumerate([
    ("januari", "jan", "january"), ("februari", "feb", "february", "pebruari"), ("maret", "mar", "march"),
    ("april", "apr"), ("mei", "may"), ("juni", "jun", "june"), ("juli", "jul", "july"),
    ("agustus", "agu", "agt", "aug", "august"), ("september", "sep", "sept"), ("oktober", "okt", "oct", "october"),
    ("november", "nov", "nop"), ("desember", "des", "dec", "december")]) for m in names}
_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.? (20\d\d)\b")


def date_in(text: str) -> dt.date | None:
    """A date written in the question ("6 November 2023", "tgl 6 nov 2023"), or None."""
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        return None


@dataclass
class Slots:
    cltn: str | None = None          # 'yes' | 'no' | None (not said)
    ordinary_leave: bool = False
    duty: bool = False
    letter: str | None = None        # 'yes' | 'no' | None
    family: str | None = None        # 'spouse' | 'relative' | None (only when the relative is a candidate)
    non_asn: bool = False
    passive: bool = False
    active: bool = False
    gesture: bool = False
    publish: bool = False
    facilities: bool = False
    after_vote: bool = False
    quiet_period: bool = False
    partisan_content: bool = False
    routine: bool = False
    favour: bool = False
    resign: bool = False
    official_event: bool = False
    contests: list[str] = field(default_factory=list)
    date: dt.date | None = None
    electoral: bool = True

    def to_dict(self) -> dict:
        d = dict(self.__dict__)
        d["date"] = self.date.isoformat() if self.date else None
        return {k: v for k, v in d.items() if v not in (None, False, []) or k == "electoral"}


_ASKING_NOT = re.compile(r"\b(boleh|bolehkah|bisa|aman|apakah boleh) (tidak|nggak|gak|ga|enggak)\b")


def read_slots(norm: str) -> Slots:
    """Context facts; a fact behind a negator ("tanpa yel-yel", "tidak diunggah") does not count."""
    norm = _ASKING_NOT.sub(r"\1", norm)  # "boleh tidak saya ..." asks; its "tidak" negates nothing
    s = Slots()
    s.cltn = _flag(CLTN, norm)
    s.ordinary_leave = _has(ORDINARY_LEAVE, norm)
    s.letter = _flag(LETTER, norm)
    if s.letter is None and _has(VERBAL_ONLY, norm):
        s.letter = "no"
    s.duty = _has(DUTY, norm)
    cand = _has(CAND_WORD, norm)
    if cand and _has(SPOUSE, norm):
        s.family = "spouse"
    elif cand and _has(RELATIVE, norm):
        s.family = "relative"
    s.non_asn = _has(NON_ASN, norm)
    s.passive = _has(PASSIVE, norm)
    s.active = _flag(ACTIVE, norm) == "yes"
    s.gesture = _flag(GESTURE, norm) == "yes"
    s.publish = _flag(PUBLISH, norm) == "yes"
    s.facilities = _flag(FACILITIES, norm) == "yes"
    s.after_vote = _has(AFTER_VOTE, norm)
    s.quiet_period = _has(QUIET, norm)
    s.partisan_content = _flag(PARTISAN_CONTENT, norm) == "yes"
    s.routine = _has(ROUTINE, norm)
    s.favour = _has(FAVOUR, norm)
    s.resign = _has(RESIGN, norm)
    s.official_event = _has(OFFICIAL_EVENT, norm)
    s.contests = [kind for kind, rx in CONTEST_KINDS.items() if re.search(rx, norm)]
    s.date = date_in(norm)
    s.electoral = _has(ELECTORAL, norm)
    return s


# ---------------------------------------------------------------------------------------------
# the act/object model

# Cue words shared across wordings and languages, added to the model's input as tag tokens (qlike,
# qshare, ...). Why: the bank holds a few situations per act; a tag lets a question about a situation
# the model never saw borrow what it learnt from the act's other situations and from the other
# language. They are features with learnt weights, not rules: the model still decides.
CUES = {
    "like": r"\blike|suka|menyukai|jempol|\blove|react|tanda suka",
    "comment": r"komentar|mengomentari|\breply|\bbalas|comment",
    "share": r"share|bagikan|\bkirim|mengirim|membagikan|repost|retweet|forward|teruskan|meneruskan|sebar|regram|pesan berantai|kirim pesan",
    "follow": r"follow|ikuti|mengikuti|subscribe|gabung|\bjoin|\bgrup|\bgroup|added to",
    "post": r"posting|\bpost|unggah|upload|status|story|twibbon|bingkai|frame|foto profil|profile picture|\bblog|opini|menulis|tulis",
    "photo": r"foto|selfie|swafoto|photo|picture|\bpose",
    "banner": r"baliho|spanduk|stiker|sticker|poster|banner|alat peraga|memasang|pasang|tempel|put up",
    "attend": r"hadir|datang|\bdtg|attend|go to (a|an|the|his|her|their)\b|rally|rapat umum|deklarasi|declaration|lokasi kampanye|campaign site",
    "campaign": r"berkampanye|ikut kampanye|ikut serta|take part|took part|participate|sosialisasi|blusukan|tur kampanye|door to door|bantu kampanye|campaign for|help .{0,20}campaign|join .{0,10}campaign",
    "speak": r"narasumber|pembicara|sambutan|mengisi materi|ceramah|speaker|\btalk|resource person|memaparkan|paparan|orasi",
    "wear": r"memakai|\bpakai|mengenakan|kaos|topi|atribut|\bwear|shirt|\bhat\b|merchandise",
    "give": r"sembako|beras|amplop|\buang|duit|money|hand out|bagi bagi|memberi|\bkasih|barang|kalender|rice|parcel",
    "fund": r"sumbang|\bdana|patungan|biaya|membiayai|donate|\bfund|pay for|transfer",
    "decide": r"keputusan|bantuan|bansos|\bizin|prioritas|memprioritaskan|proyek|mempercepat|menahan|menunda|decision|project|\baid\b|permit|prioriti",
    "facilities": r"mobil dinas|\baula|ruang rapat|printer|laptop|fasilitas|kendaraan dinas|plat merah|official car|meeting room|office hall",
    "gather": r"mengumpulkan|kumpulkan|\bundang|mengundang|imbau|mengimbau|arahan|bawahan|\bgather|invite|\burge|\bstaf",
    "register": r"mencalonkan|\bmaju|mendaftar|\bdaftar|run for|running for|register|candidacy",
    "member": r"anggota partai|pengurus|\bkta\b|simpatisan|kader|\bmember|party board",
    "team": r"tim sukses|tim pemenangan|konsultan|relawan|koordinator|\bsaksi|tim ahli|penasihat|winning team|consultant|witness|volunteer|strategist",
    "ktp": r"\bktp|fotokopi|id card|identity card|surat dukungan",
    "vote": r"mencoblos|hak pilih|memberikan suara|\bvote|voting|\btps\b|cast (my|a|the) (vote|ballot)|go (and )?vote|go to vote",
    "report": r"\blapor|melapor|mengadu|pengaduan|\breport|complaint",
    "remind": r"mengingatkan|ingatkan|\btegur|menegur|edaran netralitas|netralitas asn|wajib netral|remind|\bwarn|stay .{0,15}neutral",
    "turnout": r"golput|datang ke tps|datang mencoblos|abstain|turnout|encourage",
    "read": r"\bvisi|\bmisi|debat|program kerja|membaca|\bbaca|debate|\bread|vision|\blearn",
    "kpps": r"\bkpps|petugas tps|petugas pemungutan|polling station officer",
    "accompany": r"mendampingi|menemani|accompany|go with",
    "o_partisan": r"calon|caleg|capres|cagub|cabup|cawali|paslon|partai|parpol|tim sukses|petahana|kandidat|candidate|party|incumbent",
    "o_kpu": r"\bkpu|bawaslu|\bdpt|daftar pemilih|jadwal (pemungutan|pencoblosan)|election commission|politik uang|voter list",
    "o_neutral": r"berita|artikel|\bmedia|netral|\bnews|article|neutral",
    "o_programme": r"program|layanan|vaksinasi|public service|routine",
    "o_official": r"acara resmi|peresmian|meresmikan|official event|upacara|official government",
}
_CUES = [(f"q{name}", re.compile(rx)) for name, rx in CUES.items()]


def model_input(norm: str) -> str:
    """The normalised text plus its cue tags."""
    tags = [tag for tag, rx in _CUES if rx.search(norm)]
    return norm + (" " + " ".join(tags) if tags else "")

QUESTION_CUE = re.compile(
    r"\b(boleh|bolehkah|apakah|apa|bisa|bisakah|dapat|diperbolehkan|dilarang|melanggar|pelanggaran|aman|gimana|"
    r"bagaimana|tidak apa apa|papa|kena|sanksi|can|may|allowed|okay|ok|fine|should|permitted|am i|is it|"
    r"mau|ingin|akan|hendak|handak|saya|kah)\b|\?")


@dataclass
class Reading:
    text: str
    norm: str
    lang: str
    act: str
    act_p: float
    obj: str
    obj_p: float
    alternatives: list[tuple[str, float]]
    slots: Slots
    question: bool

    def to_dict(self) -> dict:
        return {"act": self.act, "act_confidence": round(self.act_p, 3), "object": self.obj,
                "object_confidence": round(self.obj_p, 3), "language": self.lang, "slots": self.slots.to_dict()}


MASKED_MIN = 0.25  # the act read without "after the vote" must be at least this sure to replace the full reading


class Reader:
    """Two linear classifiers (act, object) over word and character n-grams of the normalised text."""

    def __init__(self, rows: list[dict]):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier
        from sklearn.pipeline import make_pipeline, make_union

        texts = [model_input(normalize(r["text"])) for r in rows]

        def pipeline():
            features = make_union(
                TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1),
                TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2),
            )
            # one-vs-rest liblinear: deterministic and ~6x faster to train than multinomial lbfgs here
            return make_pipeline(features, OneVsRestClassifier(LogisticRegression(C=10.0, solver="liblinear")))

        self.act_model = pipeline().fit(texts, [r["act"] for r in rows])
        self.obj_model = pipeline().fit(texts, [r["object"] for r in rows])

    def read(self, text: str) -> Reading:
        norm = normalize(text)
        features = model_input(norm)
        act_probs = self.act_model.predict_proba([features])[0]
        act_text = AFTER_VOTE_PHRASE.sub(" ", norm)
        if act_text != norm:  # read the act without the time phrase unless nothing readable is left
            masked = self.act_model.predict_proba([model_input(act_text)])[0]
            if masked.max() >= MASKED_MIN:
                act_probs = masked
        obj_probs = self.obj_model.predict_proba([features])[0]
        acts = sorted(zip(self.act_model.classes_, act_probs, strict=True), key=lambda x: -x[1])
        objs = sorted(zip(self.obj_model.classes_, obj_probs, strict=True), key=lambda x: -x[1])
        return Reading(text=text, norm=norm, lang=language(text), act=acts[0][0], act_p=float(acts[0][1]),
                       obj=objs[0][0], obj_p=float(objs[0][1]),
                       alternatives=[(a, float(p)) for a, p in acts[1:3]], slots=read_slots(norm),
                       question=bool(QUESTION_CUE.search(norm)))


def trained_copy_path() -> Path | None:
    """Where this process finds the reader another process already trained from the same bank and code.

    Every web worker used to train its own reader (about 3 s of CPU, longer when the machine is busy):
    at start, after each recycling and after each reload, in the middle of the traffic it was meant to
    serve (profiled under benchmarks/load.py, 5 Dec 2026). The name carries a digest of everything
    the trained model depends on (the bank, this module, the screener's normaliser, the library
    versions), so a changed bank or code never loads a stale model. The directory is the site's own
    var/cache, writable only by the service user, which is what makes loading a pickle from it safe.
    """
    from django.conf import settings

    try:
        import sklearn
    except ImportError:  # pragma: no cover - scikit-learn is a pinned requirement
        return None
    digest = hashlib.sha256()
    for path in (bank.OUT, Path(__file__), Path(screener_normalize.__code__.co_filename)):
        digest.update(path.read_bytes())
    digest.update(f"{sklearn.__version__}|{sys.version}".encode())
    return Path(settings.VAR_DIR) / "cache" / f"selfcheck-reader-{digest.hexdigest()[:24]}.pickle"


def _load(path: Path) -> Reader | None:
    if not path.exists():
        return None
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)  # noqa: S301 - written by this code into the service's own var dir
    except Exception:  # noqa: BLE001 - a damaged copy is retrained and replaced, never fatal
        log.warning("trained self-check reader at %s could not be loaded; training again", path)
        return None


def _train_and_keep(path: Path) -> Reader:
    trained = Reader(bank.load())
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".reader-")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(trained, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)  # atomic: a process loading it sees no file or the whole file
    return trained


def _load_or_train() -> Reader:
    """The kept reader, or train it once: workers starting together wait on a file lock for the one
    that trains (`netra serve` trains it before starting them, so they usually just load it)."""
    path = trained_copy_path()
    if path is None:
        return Reader(bank.load())
    found = _load(path)
    if found is not None:
        return found
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return _load(path) or _train_and_keep(path)
    except OSError as exc:  # read-only var dir: every process trains its own, as before
        log.warning("trained self-check reader not kept at %s: %s", path, exc)
        return Reader(bank.load())


_reader: Reader | None = None
_lock = threading.Lock()
_warming = threading.Event()   # set while a background warm-up is training the reader


def reader() -> Reader:
    """The process's reader, trained once from the shipped bank (deterministic)."""
    global _reader
    if _reader is None:
        with _lock:
            if _reader is None:
                _reader = _load_or_train()
    return _reader


def read(text: str) -> Reading:
    return reader().read(text)


def ready(wait: float) -> bool:
    """Whether a question can be read now. While the background warm-up trains, wait at most `wait`
    seconds and say False after that, so a web worker answers a safe "tergantung" instead of hanging
    toward its timeout. Without a warm-up in progress the reader is trained here (tests, shell)."""
    if _reader is not None:
        return True
    if _warming.is_set():
        deadline = time.monotonic() + wait
        while _warming.is_set() and time.monotonic() < deadline:
            time.sleep(0.02)
        return _reader is not None
    reader()
    return True


def _warm() -> None:
    try:
        reader()
    finally:
        _warming.clear()


def warm_up() -> None:
    """Train the reader in a background thread so the first question of a web process is fast."""
    _warming.set()
    threading.Thread(target=_warm, name="selfcheck-reader-warm-up", daemon=True).start()
