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
