"""'Boleh atau tidak?' over the API: scenarios from regulations §1.3 (forbidden forms) and §3 (allowed)."""

import pytest
from django.urls import reverse

from netra.learning import selfcheck

URL = "/api/v1/self-check/"

# (question as an ASN would type it, conduct date, verdict, rule codes expected in the answer)
SCENARIOS = [
    # §1.3 A: code of ethics, toward a bakal calon (before candidate determination)
    ("Bolehkah saya memasang baliho bakal calon bupati di pagar rumah?", "2024-08-10", "forbidden", ["E1"]),
    ("Bolehkah saya mengunggah status mendukung bakal calon gubernur sebelum penetapan?", "2024-07-01", "forbidden",
     ["E2"]),
    ("Bolehkah saya hadir di deklarasi bakal calon dan ikut meneriakkan yel-yel?", "2024-08-01", "forbidden", ["E3"]),
    ("Saya ingin like postingan akun tim pemenangan bakal capres", "2023-10-20", "forbidden", ["E4"]),
    ("Bolehkah saya bergabung ke grup WhatsApp relawan pemenangan bakal calon gubernur?", "2024-06-01", "forbidden",
     ["E4"]),
    ("Bolehkah saya mengunggah foto bersama bakal calon bupati dengan salam dua jari?", "2024-08-20", "forbidden",
     ["E5"]),
    ("Bolehkah saya ikut kegiatan sosialisasi bakal calon legislatif?", "2023-10-01", "forbidden", ["E6"]),
    ("Istri saya caleg DPRD. Bolehkah saya ikut kampanyenya padahal saya tidak mengambil CLTN?", "2024-01-05",
     "forbidden", ["E7"]),
    # §1.3 B: discipline, toward a calon or whatever the timing
    ("Bolehkah saya memasang baliho calon bupati di pagar rumah?", "2024-10-10", "forbidden", ["D1"]),
    ("Bolehkah saya membuat status WhatsApp mendukung calon gubernur nomor urut 1?", "2024-10-01", "forbidden", ["D2"]),
    ("Bolehkah saya mendaftar ke partai sebagai bakal calon bupati tanpa CLTN?", "2024-05-01", "forbidden", ["D3"]),
    ("Bolehkah saya hadir di kampanye akbar dan ikut meneriakkan yel-yel?", "2024-11-01", "forbidden", ["D4"]),
    ("Bolehkah saya menjadi pengurus partai politik?", None, "forbidden", ["D5"]),
    ("Bolehkah saya share video kampanye calon presiden ke status WA?", "2024-01-10", "forbidden", ["D6"]),
    ("Bolehkah saya berkomentar mendukung di akun tim sukses calon wali kota?", "2024-10-15", "forbidden", ["D6"]),
    ("Bolehkah saya mengunggah foto bersama calon bupati dengan salam dua jari?", "2024-10-20", "forbidden", ["D7"]),
    ("Bolehkah saya mengumpulkan staf dan mengajak mereka memilih paslon nomor 2?", "2024-01-20", "forbidden", ["D8"]),
    ("Bolehkah saya membagikan sembako bergambar calon kepada warga?", "2024-11-01", "forbidden", ["D8"]),
    ("Saya ditawari menjadi konsultan pemenangan bakal calon wali kota. Boleh?", "2024-06-01", "forbidden", ["D9"]),
    ("Bolehkah saya menjadi anggota tim sukses pasangan calon gubernur?", "2024-10-01", "forbidden", ["D10"]),
    ("Bolehkah saya memberikan fotokopi KTP untuk dukungan calon DPD perseorangan?", None, "forbidden", ["D11"]),
    ("Sebagai kepala dinas, bolehkah saya mempercepat bantuan sosial ke desa basis pendukung petahana?",
     "2024-10-20", "forbidden", ["D12"]),
    # §3: what ASN may do
    ("Bolehkah saya mencoblos di TPS pada hari pemungutan suara?", "2024-11-27", "allowed", ["A1"]),
    ("Bolehkah saya datang ke kampanye terbuka sebagai pendengar saja, tanpa atribut dan tanpa yel-yel?",
     "2024-11-01", "allowed", ["A2"]),
    ("Bolehkah saya mengajak warga datang ke TPS dan jangan golput?", "2024-11-20", "allowed", ["A3"]),
    ("Bolehkah saya menonton debat calon gubernur untuk mengetahui visi misi?", "2024-11-01", "allowed", ["A4"]),
    ("Suami saya calon bupati dan saya sudah mengambil CLTN. Bolehkah saya mendampinginya saat kampanye tanpa "
     "ikut aktif?", "2024-10-05", "allowed", ["A5"]),
    ("Saya Satpol PP, bertugas mengamankan kampanye dengan surat tugas. Apakah boleh hadir?", "2024-11-01", "allowed",
     ["A6"]),
    ("Bolehkah saya membagikan jadwal pemungutan suara dari KPU di Facebook?", "2024-11-20", "allowed", ["A7"]),
    ("Kakak saya calon wali kota, bolehkah saya ikut kampanyenya?", "2024-10-10", "forbidden", ["D4"]),
    ("Bolehkah saya menjadi anggota KPPS?", None, "depends", ["A10"]),
    ("Saya berada di lokasi kampanye tanpa surat tugas", "2024-11-01", "depends", ["A2", "D4"]),
]


@pytest.mark.parametrize(("text", "day", "verdict", "codes"), SCENARIOS, ids=[s[0][:40] for s in SCENARIOS])
def test_scenarios(client, reference, fake_screener, text, day, verdict, codes):
    payload = {"text": text} | ({"date": day} if day else {})
    response = client.post(URL, payload, content_type="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["verdict"] == verdict, body
    assert [r["code"] for r in body["rules"]] == codes
    assert body["explanation"]
    for rule in body["rules"]:
        assert rule["source"]
        if rule["kind"] == "violation":
            assert rule["sanction"] and rule["legal_basis"]


def test_scenario_count_meets_brief():
    assert len(SCENARIOS) >= 20
    assert {c for *_, codes in SCENARIOS for c in codes} >= {f"E{i}" for i in range(1, 8)} | {
        f"D{i}" for i in range(1, 13)} | {f"A{i}" for i in range(1, 8)}


def test_date_decides_ethics_or_discipline(client, reference, fake_screener):
    ask = {"action": "like"}
    before = client.post(URL, ask | {"date": "2024-09-21", "contest": "pilgub-kaltim-2024"},
                         content_type="application/json").json()
    after = client.post(URL, ask | {"date": "2024-09-22", "contest": "pilgub-kaltim-2024"},
                        content_type="application/json").json()
    assert [r["code"] for r in before["rules"]] == ["E4"] and before["rules"][0]["sanction_level"] == "moral"
    assert [r["code"] for r in after["rules"]] == ["D6"] and after["rules"][0]["sanction_level"] == "heavy"
    assert "2024-09-22" in after["date_note"]


def test_no_date_and_no_election_ahead_gives_both_forms(client, reference, fake_screener, monkeypatch):
    import datetime as dt

    monkeypatch.setattr(selfcheck, "_today", lambda: dt.date(2031, 1, 1))
    body = client.post(URL, {"action": "like"}, content_type="application/json").json()
    assert [r["code"] for r in body["rules"]] == ["E4", "D6"] and "E4" in body["date_note"]


def test_text_to_post_goes_through_the_screener(client, reference, fake_screener):
    partisan = client.post(URL, {"text": "Ayo coblos nomor 2, Indonesia maju!", "date": "2024-01-20"},
                           content_type="application/json").json()
    assert partisan["verdict"] == "forbidden" and [r["code"] for r in partisan["rules"]] == ["D2"]
    assert partisan["screening"]["label"] == "partisan" and partisan["screening"]["model_version"] == "fake-1"
    shared = client.post(URL, {"text": "Menangkan pasangan kita!", "action": "share", "date": "2023-10-01"},
                         content_type="application/json").json()
    assert shared["verdict"] == "forbidden" and [r["code"] for r in shared["rules"]] == ["E4"]
    neutral = client.post(URL, {"text": "Debat kedua malam ini membahas ekonomi."},
                          content_type="application/json").json()
    assert neutral["verdict"] == "depends"
    plain = client.post(URL, {"text": "Selamat pagi, semoga hari ini menyenangkan."},
                        content_type="application/json").json()
    assert plain["verdict"] == "allowed" and plain["rules"] == []
    # an allowed act whose text is partisan is forbidden: the content decides
    veto = client.post(URL, {"text": "Ayo ke TPS, jangan golput, menangkan 02!", "date": "2024-02-01"},
                       content_type="application/json").json()
    assert veto["verdict"] == "forbidden"


def test_without_screener_obvious_cues_still_count(client, reference, no_screener):
    body = client.post(URL, {"text": "Ayo coblos nomor urut 2!"}, content_type="application/json").json()
    assert body["verdict"] == "forbidden" and body["screening"]["available"] is False
    unknown = client.post(URL, {"text": "Besok saya cuti ke Balikpapan."}, content_type="application/json").json()
    assert unknown["verdict"] == "depends"


@pytest.mark.parametrize("payload", [
    {}, {"text": "   "}, {"text": "x", "date": "14-02-2024"}, {"text": "x", "action": "terbang"},
    {"text": "x" * 5001}, {"text": "x", "contest": "pilkada-mars"},
])
def test_bad_input_is_400_in_indonesian(client, reference, fake_screener, payload):
    response = client.post(URL, payload, content_type="application/json")
    assert response.status_code == 400
    text = response.content.decode()
    assert any(word in text for word in ("Isi teks", "tanggal", "tidak dikenal", "paling panjang")), text


def test_self_check_is_in_openapi_schema(client, reference):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/self-check/" in schema and "SelfCheckResponse" in schema and "verdict" in schema


def test_self_check_page(client, reference, fake_screener):
    page = client.get(reverse("learning:self_check"), {"action": "party_member"})
    body = page.content.decode()
    assert page.status_code == 200 and 'data-verdict="forbidden"' in body and "D5" in body
    page = client.get(reverse("learning:self_check"), {"text": "Bolehkah saya mencoblos di TPS?"})
    assert 'data-verdict="allowed"' in page.content.decode()


def test_real_screener_if_available(reference):
    selfcheck.set_screener(None)
    selfcheck._screener_failed_at = None
    screener = selfcheck.get_screener()
    if screener is None:
        pytest.skip("netra.screening model not available in this checkout")
    answer = selfcheck.check("Coblos nomor 2 Prabowo Gibran, lanjutkan!", on_date=__import__("datetime").date(
        2024, 1, 20))
    assert answer.screening["available"] and answer.screening["label"] in {"partisan", "political_neutral"}
    selfcheck.set_screener(None)


@pytest.mark.parametrize(("text", "scenario"), [
    ("Boleh tidak saya like postingan capres di instagram?", "like"),
    ("Saya mau share poster paslon 02 di facebook", "share"),
    ("Bisa gak saya komen di akun cagub?", "comment"),
])
def test_everyday_question_forms_match_their_scenario(text, scenario):
    assert selfcheck.rulebook().match(text).key == scenario
