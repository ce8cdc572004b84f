import pytest

from netra.screening.lexicon import Lexicon
from netra.screening.normalize import normalize


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load()


def counted(lexicon, text, posted_at=None):
    m = lexicon.match(normalize(text), posted_at)
    return m, [h.chosen.key for h in m.counted]


@pytest.mark.parametrize(
    "text",
    [
        "Aamiin ya Allah semoga lancar",
        "aaamiiin",
        "saya menginap di kamar nomor 2",
        "banteng di kebun binatang itu besar sekali",
        "kucingku gemoy banget",
        "perubahan iklim makin terasa",
        "dia mau maju ke depan kelas",
        # everyday words are no context for ordinary-word cues (lexicon 2024.3)
        "alhamdulillah panen padi tahun ini melimpah",
        "ayo dukung timnas indonesia, garuda di dadaku",
        "kucing gemoy menang lomba foto",
        "sesuai PP 94 tahun 2021 tentang disiplin PNS",
        "relawan banjir bilang perubahan cuaca makin ekstrem",
    ],
)
def test_hard_negatives_give_no_partisan_cue(lexicon, text):
    _, keys = counted(lexicon, text)
    assert keys == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("AMIN menang satu putaran", "01"),
        ("ayo coblos nomor 2", "02"),
        ("salam tiga jari untuk capres kita", "03"),
        ("banteng pasti menang pemilu", "pdip"),
        ("prabowo gemoy presiden kita", "02"),
        ("#AMINAjaDulu", "01"),
        ("ganjar mahfud", "03"),
        ("dukung partai garuda di pemilu", "garuda"),
        ("ayo dukung 02", "02"),
        ("salam dua jari, pasti menang", "02"),
        ("salam perubahan!", "01"),
        ("PPP siap berkampanye di pemilu", "ppp"),
    ],
)
def test_cues_with_context_count(lexicon, text, key):
    _, keys = counted(lexicon, text)
    assert key in keys


def test_date_picks_the_contest(lexicon):
    m, _ = counted(lexicon, "coblos nomor 2 prabowo", "2019-03-01")
    assert m.targets(lexicon) == ["prabowo-2019"]
    m, _ = counted(lexicon, "coblos nomor 2 prabowo", "2024-01-20")
    assert m.targets(lexicon) == ["02"]


def test_mock_nickname_targets(lexicon):
    m, _ = counted(lexicon, "dasar kadrun")
    assert m.targets(lexicon) == ["01"]


@pytest.mark.parametrize(
    ("posted_at", "target", "contest"),
    [("2019-03-01", "jokowi-2019", "pilpres-2019"), ("2024-01-20", "02", "pilpres-2024"), (None, "02", None)],
)
def test_camp_mockery_is_read_in_the_contest_of_its_day(lexicon, posted_at, target, contest):
    """Mocking Jokowi in 2019 attacks his own pair; in the 2024 season, the camp he backed."""
    m, _ = counted(lexicon, "dasar planga plongo, rezim ini harus diganti lewat pemilu", posted_at)
    assert m.targets(lexicon) == [target]
    assert m.contest == contest


def test_admin_entries_add_a_contest_without_code(lexicon):
    extra = {"contests": [{
        "id": "pilpres-2029", "name": "Pemilu 2029", "kind": "presidential", "priority": 20,
        "candidate_determination_date": "2028-11-01", "season": {"from": "2028-01-01", "to": "2029-10-20"},
        "contestants": [{"key": "2029-01", "number": "1", "names": ["budi santoso"], "nicknames": [],
                         "parties": [], "slogans": [{"text": "maju terus", "needs_context": True}],
                         "hashtags": ["#BudiPresiden2029"], "gestures": [], "accounts": [],
                         "valid_from": "2028-01-01", "valid_to": "2029-10-20"}]}]}
    lx = Lexicon.load(extra=extra)
    assert lx.version.startswith(lexicon.version + "+")
    m = lx.match(normalize("#BudiPresiden2029 pasti menang"), "2029-01-10")
    assert m.targets(lx) == ["2029-01"]
    assert "pilpres-2029" not in lexicon.contests  # the shipped lexicon is untouched


def test_cues_match_at_every_date_and_the_date_picks_the_contest(lexicon):
    text = normalize("Bersama AMIN kita wujudkan perubahan! #AMINAjaDulu")
    before, during, after = (lexicon.match(text, d) for d in ("2021-01-01", "2024-01-20", "2024-11-20"))
    for m in (before, during, after):
        assert m.targets(lexicon) == ["01"] and m.contest == "pilpres-2024"
    assert not during.out_of_validity()
    assert before.out_of_validity() and after.out_of_validity()


def test_a_shared_ballot_number_goes_to_the_contest_valid_on_the_day(lexicon):
    extra = {"contests": [{
        "id": "pilpres-2029", "name": "Pemilu 2029", "kind": "presidential", "priority": 20,
        "candidate_determination_date": "2028-11-01", "season": {"from": "2028-01-01", "to": "2029-10-20"},
        "contestants": [{"key": "2029-02", "number": "2", "names": ["budi santoso"],
                         "valid_from": "2028-01-01", "valid_to": "2029-10-20"}]}]}
    lx = Lexicon.load(extra=extra)
    text = normalize("ayo coblos 02 di pemilu")
    assert lx.match(text, "2029-01-10").targets(lx) == ["2029-02"]
    assert lx.match(text, "2024-01-10").targets(lx) == ["02"]


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("Ayo coblos nomor 2, Andi Harun-Saefuddin Zuhri untuk Samarinda!", ["samarinda-2024-2"]),
        ("Paslon 3 Dendi Suryadi dan Alif Turiadi siap membangun Kukar", ["kukar-2024-3"]),
        ("SraGam untuk Berau", ["berau-2024-2"]),
        ("Rahmat itu Bagus! Pilwali Balikpapan", ["balikpapan-2024-1"]),
        ("coblos nomor 2 ya", ["kaltim-2024-2"]),  # no name: the province-wide race
    ],
)
def test_kaltim_regional_pairs_2024(lexicon, text, targets):
    """A ballot number shared by eleven Kaltim races goes to the pair the post names."""
    m, _ = counted(lexicon, text, "2024-11-10")
    assert m.targets(lexicon) == targets
    # each race is its own contest, with the code of the rules' Contest row
    assert m.contest == lexicon.contest_of[targets[0]][0]
    assert m.contest.endswith("-2024") and lexicon.contests[m.contest]["candidate_determination_date"] == "2024-09-22"


@pytest.mark.parametrize("text", ["Pak Nasrullah menjual nasi kuning", "makan siang di warung Agus Wahyudi",
                                  "Acong dan Kinsu main bola sore ini", "semoga rahmat itu bagus untuk kita semua",
                                  "Pak Sarwono membeli bensin", "harga cabai makin mahal"])
def test_single_regional_names_need_context(lexicon, text):
    _, keys = counted(lexicon, text, "2024-11-10")
    assert keys == []


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("Pak Isran sudah terbukti memimpin Kaltim, lanjutkan dua periode!", ["kaltim-2024-1"]),
        ("Prabowo-Gibran lanjutkan!", ["02"]),  # the slogan next to its own pair
        ("anies perubahan", ["01"]),
        ("dasar cebong, jokowi lagi", ["jokowi-2019"]),  # camp mockery next to any contestant
    ],
)
def test_ordinary_word_slogans_count_only_beside_their_own_contest(lexicon, text, targets):
    m, _ = counted(lexicon, text, "2024-11-10" if "Isran" in text else None)
    assert m.targets(lexicon) == targets


@pytest.mark.parametrize(
    ("text", "posted_at", "targets", "contest"),
    [
        ("coblos nomor 2 Andi Harun", "2020-11-20", ["samarinda-2020-2"], "pilwali-6472-2020"),
        ("coblos nomor 2 Andi Harun", "2024-11-20", ["samarinda-2024-2"], "pilwali-6472-2024"),
        ("Ayo pilih Jaang-Ferdian untuk Kaltim", "2018-05-01", ["kaltim-2018-2"], "pilgub-kaltim-2018"),
        ("Isran Hadi nomor 3", "2018-05-01", ["kaltim-2018-isran-hadi"], "pilgub-kaltim-2018"),
        ("Isran Hadi nomor 1", "2024-11-01", ["kaltim-2024-1"], "pilgub-kaltim-2024"),
        ("dukung Edi Damansyah lawan kotak kosong", "2020-11-01", ["kukar-2020"], "pilbup-6402-2020"),
    ],
)
def test_backlog_kaltim_races_by_date(lexicon, text, posted_at, targets, contest):
    """The same candidate in the 2018/2020 and 2024 races is read by the posting date."""
    m, _ = counted(lexicon, text, posted_at)
    assert m.targets(lexicon) == targets
    assert m.contest == contest


@pytest.mark.parametrize(
    ("text", "posted_at", "targets", "contest"),
    [
        ("Coblos partai nomor 11, partai anak muda", "2019-03-01", ["psi"], "pileg-2019"),
        ("Coblos partai nomor 11, partai anak muda", "2024-01-20", ["garuda"], "pileg-2024"),
        ("Ayo coblos partai nomor 7", "2019-03-01", ["berkarya"], "pileg-2019"),
        ("Ayo coblos partai nomor 7", "2024-01-20", ["gelora"], "pileg-2024"),
        ("Dukung Partai Berkarya di pemilu", "2019-03-01", ["berkarya"], "pileg-2019"),
        ("PKPI partai nomor 20", "2019-03-01", ["pkpi"], "pileg-2019"),
    ],
)
def test_party_ballot_numbers_of_2019_and_2024_are_read_by_date(lexicon, text, posted_at, targets, contest):
    """Party numbers were drawn anew for 2024: 11 was PSI in 2019 and Garuda in 2024."""
    m, _ = counted(lexicon, text, posted_at)
    assert m.targets(lexicon) == targets
    assert m.contest == contest


@pytest.mark.parametrize("text", ["Semangat terus berkarya untuk Samarinda", "Caleg muda harus terus berkarya"])
def test_the_word_berkarya_alone_is_not_the_2019_party(lexicon, text):
    assert counted(lexicon, text, "2019-03-01")[1] == []


@pytest.mark.parametrize(("text", "context"), [("Ayo dukung timnas, pasti menang!", 0),
                                                ("Ayo dukung capres pilihanmu di pemilu", 2)])
def test_only_electoral_words_count_as_context(lexicon, text, context):
    """Everyday words (dukung, menang) frame ballot numbers and gestures but are not an electoral frame."""
    assert lexicon.match(normalize(text)).context == context


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("Mohon doa dan dukungannya, caleg DPRD dari Partai Golkar nomor urut 3, dapil Samarinda Ulu", ["golkar"]),
        ("Partai Gerindra nomor urut 2, pilih caleg kita", ["gerindra"]),
        ("Prabowo Gibran nomor 2", ["02"]),
        ("PDIP dukung paslon nomor 3", ["pdip", "03"]),
    ],
)
def test_a_number_after_a_party_name_is_not_a_pair_number(lexicon, text, targets):
    """A caleg's place on a party list ("Golkar nomor urut 3") must not point at the 03 pair."""
    assert lexicon.match(normalize(text), "2024-01-15").targets(lexicon) == targets
