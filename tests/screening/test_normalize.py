import pytest

from netra.screening.normalize import MENTION_TOKEN, URL_TOKEN, normalize, segment


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Bangeeet KEREN", "banget keren"),
        ("yg ini gk bgt dll", "yang ini tidak banget dan lain lain"),
        ("g4nj4r pr3s1d3n", "ganjar presiden"),
        ("kamar nomor 2 lantai 02", "kamar nomor 2 lantai 02"),
        ("#AMINAjaDulu", "amin saja dulu"),
        ("#02Melanjutkan", "02 melanjutkan"),
        ("#ganjarsalam3jari", "ganjar salam 3 jari"),
        ("Aaamiiin ya Allah", "aamiin ya allah"),
        ("✌️ ☝🏻 🤟", "salam dua jari salam satu jari salam tiga jari"),
        ("baik2 saja", "baik baik saja"),
        ("coblos2", "coblos 2"),
    ],
)
def test_normalize_text(raw, expected):
    assert normalize(raw).text == expected


def test_urls_and_mentions_become_tokens():
    n = normalize("lihat https://t.co/abc @prabowo ya")
    assert n.tokens == ["lihat", URL_TOKEN, MENTION_TOKEN, "ya"]
    assert n.mentions == [("prabowo", 23, 31)]


def test_every_token_points_into_the_original():
    raw = "Mantaaap #PrabowoGibran2024 yg ✌️ di www.x.id, Ma’ruf!"
    n = normalize(raw)
    pieces = [raw[s:e] for s, e in zip(n.starts, n.ends, strict=True)]
    assert pieces == ["Mantaaap", "Prabowo", "Gibran", "2024", "yg", "✌️", "✌️", "✌️", "di", "www.x.id,", "Ma’ruf"]


def test_original_span_maps_normalised_range_back():
    raw = "Ayo  COBLOS   nomor 2!!"
    n = normalize(raw)
    start = n.text.index("coblos")
    s, e = n.original_span(start, start + len("coblos nomor 2"))
    assert raw[s:e] == "COBLOS   nomor 2"


def test_segment_keeps_unknown_strings_whole():
    assert segment("xqzvbnmkl") == [(0, 9)]
