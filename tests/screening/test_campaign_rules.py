"""Negative campaigning and campaign work as partisan conduct (issue 15 items 3 and 4).

The sentences here are written for the tests; none is in the challenge suite or the training data.
"""

import pytest

from netra.screening import Lexicon, normalize
from netra.screening.model import rule_for

LEX = Lexicon.load()


def rule(text: str) -> str | None:
    norm = normalize(text)
    return rule_for(norm, LEX.match(norm))


@pytest.mark.parametrize("text", [
    "Besok tolong bantu cari saksi TPS buat paslon kita di Loa Bakung ya, japri saya",
    "Mohon kumpulkan fotokopi KTP tetangga untuk data pendukung cagub kita sebelum hari Jumat",
    "Yuk ikut deklarasi relawan capres hari Minggu, ajak teman satu bidang",
    "Saya titip stiker caleg kita, tolong tempel di motor ya bapak ibu 🙏",
])
def test_campaign_work_in_an_electoral_frame_is_partisan(text):
    assert rule(text) == "campaign_work"


@pytest.mark.parametrize("text", [
    "Bawaslu dan Satpol PP menertibkan stiker dan baliho paslon di jalan protokol",  # official duty
    "Relawan capres gelar deklarasi di Balikpapan, ribuan orang hadir",  # news, no call to act
    "Tolong kumpulkan fotokopi KTP untuk pendaftaran BPJS di kelurahan",  # no electoral frame
    "Ayo tempel stiker imunisasi di buku KIA anak ya bu",
    "Rekrutmen KPPS: yang mau jadi petugas TPS silakan daftar ke PPS",  # official recruitment
])
def test_official_news_and_everyday_conduct_is_not_campaign_work(text):
    assert rule(text) is None


@pytest.mark.parametrize("text", [
    "Jangan pilih Ganjar, pemilu ini harus bersih",
    "Asal bukan PDIP, terserah mau coblos partai apa",
    "Jangan sampai Anies menang, bisa repot kita",
    "Ganti bupati! Petahana sudah cukup, 27 November coblos yang lain",
    "Pilwali ini coblos kolom kosong saja biar pak wali tahu diri",
    "Tolak Prabowo di bilik suara nanti",
])
def test_rejection_of_an_identifiable_contestant_is_an_attack(text):
    assert rule(text) == "rejection"


@pytest.mark.parametrize("text", [
    "Jangan golput! Gunakan hak pilihmu pada hari pemungutan suara",
    "Tolak politik uang, laporkan ke Bawaslu",
    "Jangan pilih makanan yang terlalu manis untuk anak",
    "Jangan sampai hujan deras bikin banjir lagi di Sempaja",
    "Jangan salah pilih jurusan kuliah ya dek",
])
def test_generic_appeals_and_everyday_rejections_are_not_attacks(text):
    assert rule(text) is None


def test_the_rules_reach_the_result_with_stance_and_name(screener):
    r = screener.screen("Jangan sampai Prabowo-Gibran menang, coblos yang lain tanggal 14!",
                        action="share", posted_at="2024-01-25")
    assert r.label == "partisan" and r.stance == "attack" and "02" in r.targets and r.violation == "D6"
    r = screener.screen("Dicari saksi TPS untuk paslon kita, honor disiapkan, japri saya", posted_at="2024-11-01")
    assert r.label == "partisan"
    assert screener.screen("Bawaslu menertibkan stiker paslon di Samarinda").label != "partisan"


@pytest.mark.parametrize(("text", "key"), [
    ("Cak Imin sama Abah cocok banget, pilpres ini ☝️ #AMINAjaDulu", "01"),
    ("Jangan lupa ya, PKB nomor 1 di pemilu legislatif!", "pkb"),
    ("Gratispol! Coblos Rudy-Seno di pilgub Kaltim 27 November", "kaltim-2024-2"),
    ("Moncong putih menang lagi di pemilu, sampai jumpa di bilik suara", "pdip"),
])
def test_contestants_by_nickname_programme_and_symbol_are_known(text, key):
    m = LEX.match(normalize(text), "2024-11-20" if "kaltim" in key else "2024-01-20")
    assert key in m.targets(LEX)


# ---- round 7: pointed-at contestants, wanting a side to lose, coded support, targeted spreading ----

@pytest.mark.parametrize("text", [
    "Bupati yang sekarang cuma janji, jangan dikasih periode kedua. Ingat itu di bilik suara!",
    "Yang itu sudah pernah memimpin, hasilnya nol. 27 November pilih yang lain ya",
    "Ayo ke TPS, pastikan yang lama kalah di kampung kita",
    "Jangan mau dibohongi lagi sama yang janji jalan mulus, nyoblos yang lain saja",
    "Coblos kolom kosong! Samarinda bukan milik satu orang",
    "Pilkada ini asal bukan petahana, sudah cukup lima tahun",
    "Jangan sampai Isran menang lagi, Kaltim butuh yang baru",
])
def test_rejection_of_a_pointed_at_or_named_contestant_is_an_attack(text):
    assert rule(text) == "rejection"


@pytest.mark.parametrize("text", [
    "Jangan golput! Datang ke TPS 27 November dan gunakan hak pilih kalian",  # turnout call
    "Ayo ke TPS, jangan golput, siapa pun pilihanmu itu hakmu",
    "Bawaslu: ASN dilarang mengajak warga tidak memilih paslon tertentu di TPS",  # warning
    "Tim hukum paslon 1 melaporkan spanduk 'jangan pilih petahana' ke Bawaslu",  # news of an attack
    "Quick count: Andi Harun unggul jauh atas kolom kosong",  # reporting a result
    "Gibran kalahkan dua capres soal jumlah pengikut di media sosial",  # headline 'beats'
    "Tim voli kantor harus menang, pastikan lawan kalah di final besok!",  # sport, no electoral frame
    "Jangan sampai hujan turun pas kita jalan ke TPS, bawa payung ya",  # no contestant
])
def test_turnout_calls_warnings_reports_and_sport_are_not_attacks(text):
    assert rule(text) is None


@pytest.mark.parametrize("text", [
    "Besok ke TPS pakai baju kuning ya, pasti paham maksudnya 😉",
    "Oke gas oke gas, sampai ketemu di bilik suara 14 Februari",
    "Gratispol! Tanggal 27 November jangan lupa nyoblos",
    "Salam tiga jari dari Samarinda, sampai jumpa di TPS 🤟",
    "Coblos nomor 2 di bilik suara nanti ya keluarga",
])
def test_coded_campaign_material_beside_a_voting_word_is_partisan(text):
    assert rule(text) in {"coded_support", "bare_campaign"}


@pytest.mark.parametrize("text", [
    "KPU: pemilih membawa undangan ke TPS, surat suara Pilgub berwarna kuning",  # official, colour
    "Baju kuning untuk seragam arisan tanggal 27 ya ibu-ibu 💛",  # no voting word
    "Program makan bergizi gratis mulai dibagikan di SD hari ini",  # programme, no voting word
    "Warga antre di TPS sejak pagi, menurut petugas KPPS partisipasi tinggi",  # reporting
])
def test_colours_programmes_and_numbers_without_a_voting_frame_are_not_coded_support(text):
    assert rule(text) is None


@pytest.mark.parametrize("text", [
    "Tolong share video kasus paslon nomor 2 ini ke grup kantor sebelum nyoblos",
    "Viralkan postingan ini biar warga tahu janji palsu cagub petahana sebelum 27 November",
])
def test_spreading_content_toward_a_contestant_is_campaign_work(text):
    assert rule(text) == "campaign_work"


def test_spreading_election_information_is_not_campaign_work():
    assert rule("Tolong sebarkan info lokasi TPS dan jam buka ke warga RT kita") is None
