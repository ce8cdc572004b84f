"""Issue 13: the self-check reads questions as act + object + context, asks back, never says "boleh"
without understanding, answers English in English, and cites form, sanction and source.
Issue 9 item 5: the contest comes from the text; unknown contest gives both forms."""

import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse

from netra.learning.selfcheck import bank, reading, verdicts

URL = "/api/v1/self-check/"


def ask(client, text, day=None, **extra):
    payload = {"text": text} | ({"date": day} if day else {}) | extra
    response = client.post(URL, payload, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()


def codes(body):
    return [r["code"] for r in body["rules"]]


# ---------------------------------------------------------------------------------------------
# the bank


def test_bank_is_large_varied_and_tied_to_rules():
    rows = bank.load()
    assert len(rows) >= 1000
    assert set(Counter(r["register"] for r in rows)) == {"formal", "informal", "regional", "english"}
    assert set(Counter(r["verdict"] for r in rows)) == {"allowed", "forbidden", "depends"}
    assert all(r["rule"] and r["act"] and r["object"] and r["family"] for r in rows)
    kinds = {r["kind"] for r in rows}
    assert kinds >= {"speaker", "spouse", "relative", "official_duty", "incumbent", "photo", "after_vote", "decision",
                     "give", "neutral_info", "remind", "likes_shares", "attend_campaign", "wear", "candidacy", "vote",
                     "report"}
    assert len({r["family"] for r in rows}) >= 50
    assert len({r["text"].lower() for r in rows}) == len(rows)


def test_bank_file_is_what_the_generator_writes():
    assert bank.generate() == bank.load()


def test_no_forbidden_question_of_the_bank_is_answered_allowed():
    """Issue 13 item 3: every forbidden question of the bank stays away from "allowed"."""
    rdr = reading.reader()
    wrong = [r["text"] for r in bank.load()
             if r["verdict"] == "forbidden" and verdicts.decide(rdr.read(r["text"])).verdict == "allowed"]
    assert wrong == []


# ---------------------------------------------------------------------------------------------
# slots (context)


@pytest.mark.parametrize(("text", "slot", "value"), [
    ("saya hadir tanpa atribut dan tanpa yel yel", "active", False),
    ("saya hadir sambil ikut yel yel", "active", True),
    ("istri saya caleg, saya tidak mengambil cltn", "cltn", "no"),
    ("suami saya calon bupati, saya sudah cltn", "cltn", "yes"),
    ("my husband is a candidate and i did not take cltn", "cltn", "no"),
    ("saya ke kampanye tanpa surat tugas", "letter", "no"),
    ("saya satpol pp dengan surat tugas", "letter", "yes"),
    ("kalau saya cuti tahunan boleh ikut kampanye", "ordinary_leave", True),
    ("kakak saya calon wali kota", "family", "relative"),
    ("bini saya caleg", "family", "spouse"),
    ("setelah pemungutan suara bolehkah", "after_vote", True),
    ("foto itu tidak diunggah", "publish", False),
])
def test_context_slots(text, slot, value):
    assert getattr(reading.read_slots(reading.normalize(text)), slot) == value


def test_dates_and_contests_in_the_text():
    slots = reading.read_slots(reading.normalize("tgl 6 nov 2023 sy like postingan caleg DPR"))
    assert slots.date == dt.date(2023, 11, 6) and slots.contests == ["pileg"]


def test_banjar_kutai_and_chat_words_are_normalised():
    assert reading.normalize("kawa kah ulun umpat kampanye, bini ulun caleg") == \
        "bisa kah saya ikut kampanye istri saya caleg"
    assert reading.normalize("ndik papa kah aku ngelike status cabup") .startswith("tidak papa kah saya like")


# ---------------------------------------------------------------------------------------------
# answers through the API


@pytest.mark.parametrize(("text", "verdict"), [
    ("Bolehkah saya menjadi narasumber di acara partai politik?", "forbidden"),
    ("kawa kah ulun umpat kampanye calon bupati?", "forbidden"),
    ("Bolehkah saya membagikan jadwal pemungutan suara dari KPU?", "allowed"),
    ("Bolehkah saya mengingatkan rekan kerja agar menjaga netralitas ASN?", "allowed"),
    ("Bolehkah saya membagikan sembako bergambar calon bupati kepada warga?", "forbidden"),
    ("Setelah pemungutan suara, bolehkah saya menyukai unggahan calon gubernur?", "forbidden"),
    ("Bolehkah saya foto bersama calon bupati lalu mengunggahnya ke Instagram?", "forbidden"),
    ("Saya Satpol PP yang bertugas mengamankan kampanye dengan surat tugas. Bolehkah saya hadir?", "allowed"),
])
def test_kinds_the_issue_lists(client, reference, fake_screener, text, verdict):
    assert ask(client, text, "2024-10-20")["verdict"] == verdict


def test_missing_deciding_fact_is_asked_back(client, reference, fake_screener):
    body = ask(client, "Suami saya calon bupati. Bolehkah saya mendampinginya saat kampanye?", "2024-10-10")
    assert body["verdict"] == "depends"
    assert "cuti di luar tanggungan negara" in body["ask"] and body["ask"] in body["explanation"]
    assert {"A5", "E7"} <= set(codes(body))
    with_cltn = ask(client, "Suami saya calon bupati dan saya sudah CLTN. Bolehkah saya mendampinginya saat kampanye "
                            "tanpa ikut aktif?", "2024-10-10")
    assert with_cltn["verdict"] == "allowed" and codes(with_cltn) == ["A5"] and with_cltn["ask"] == ""
    duty = ask(client, "Saya diminta mewakili dinas menjadi narasumber di acara partai. Bolehkah?", "2024-10-10")
    assert duty["verdict"] == "depends" and "surat tugas" in duty["ask"]


def test_ordinary_leave_does_not_make_campaigning_allowed(client, reference, fake_screener):
    body = ask(client, "Kalau saya mengambil cuti tahunan, bolehkah saya ikut berkampanye untuk calon bupati?",
               "2024-10-10")
    assert body["verdict"] == "forbidden" and codes(body) == ["D4"]
    assert "Cuti tahunan" in body["explanation"] and "tidak membuat kampanye menjadi boleh" in body["explanation"]
    spouse = ask(client, "Istri saya caleg. Kalau saya cuti biasa, apakah boleh mendampinginya berkampanye?",
                 "2024-01-05")
    assert spouse["verdict"] == "forbidden" and codes(spouse) == ["E7"]


def test_unreadable_question_is_never_allowed(client, reference, fake_screener):
    body = ask(client, "Bolehkah saya melakukan itu yang kemarin dibicarakan?")
    assert body["verdict"] == "depends" and "BKD" in body["explanation"] and body["ask"]
    off_topic = ask(client, "Besok saya cuti ke Balikpapan, bolehkah saya menginap di hotel?")
    assert off_topic["verdict"] == "depends" and off_topic["scenario"] is None and off_topic["rules"] == []


def test_explanation_cites_form_sanction_source_and_what_would_change(client, reference, fake_screener):
    body = ask(client, "boleh gk sy like postingan capres di ig?", "2024-01-10")
    assert body["verdict"] == "forbidden" and codes(body) == ["D6"]
    text = body["explanation"]
    assert "D6" in text and "sanksi" in text and "SKB" in text and "PP 94/2021" in text
    assert "menjadi boleh hanya bila" in text


def test_english_is_answered_in_english_from_the_same_rules(client, reference, fake_screener):
    body = ask(client, "Can I share a presidential candidate's campaign video on Instagram?", "2024-01-10")
    assert body["verdict"] == "forbidden" and codes(body) == ["D6"] and body["language"] == "en"
    assert "violation" in body["explanation"] and "sanction" in body["explanation"]
    allowed = ask(client, "May I share the election commission's polling schedule with my neighbours?")
    assert allowed["verdict"] == "allowed" and codes(allowed) == ["A7"] and "Source" in allowed["explanation"]
    asked = ask(client, "My husband is running for regent. Can I accompany him at his campaign?", "2024-10-10")
    assert asked["verdict"] == "depends" and "CLTN" in asked["ask"] and asked["language"] == "en"


# ---------------------------------------------------------------------------------------------
# issue 9 item 5: the contest decides E or D


def test_like_on_6_nov_2023_is_d6_for_a_legislative_candidate_and_e4_for_a_presidential_pair(
        client, reference, fake_screener):
    caleg = ask(client, "Bolehkah saya like postingan caleg DPR?", "2023-11-06")
    capres = ask(client, "Bolehkah saya like postingan pasangan capres?", "2023-11-06")
    assert caleg["verdict"] == capres["verdict"] == "forbidden"
    assert codes(caleg) == ["D6"] and codes(capres) == ["E4"]
    unknown = ask(client, "Bolehkah saya like postingan calon itu?", "2023-11-06")
    assert codes(unknown) == ["D6", "E4"] or codes(unknown) == ["E4", "D6"]
    assert "pileg" not in unknown["date_note"] and "Sebutkan kontestasinya" in unknown["date_note"]
    in_text = ask(client, "Tanggal 6 November 2023 saya menyukai unggahan calon anggota DPR. Apakah itu pelanggaran?")
    assert codes(in_text) == ["D6"]


def test_action_without_contest_gives_both_forms_when_contests_differ(client, reference, fake_screener):
    body = client.post(URL, {"action": "like", "date": "2023-11-06"}, content_type="application/json").json()
    assert sorted(codes(body)) == ["D6", "E4"]
    one = client.post(URL, {"action": "like", "date": "2023-11-06", "contest": "pileg-2024"},
                      content_type="application/json").json()
    assert codes(one) == ["D6"]


# ---------------------------------------------------------------------------------------------
# the page


def test_page_shows_ask_back_and_screener_in_words(client, reference, fake_screener):
    page = client.get(reverse("learning:self_check"),
                      {"text": "Istri saya caleg. Apakah saya boleh hadir di kampanyenya?"}).content.decode()
    assert 'data-verdict="depends"' in page and 'id="ask-back"' in page and "CLTN" in page
    posted = client.get(reverse("learning:self_check"),
                        {"text": "Ayo coblos nomor 2, Indonesia maju!"}).content.decode()
    assert "mendukung salah satu peserta pemilu" in posted and ": partisan" not in posted


def test_page_in_english(client, reference, fake_screener):
    client.cookies.load({"django_language": "en"})
    page = client.get(reverse("learning:self_check"), {"text": "Can I join a political party as a member?"},
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-verdict="forbidden"' in page and "D5" in page and "dismissal" in page
