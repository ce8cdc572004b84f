import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from netra.registry.validators import PNS, PPPK, mask_nip, normalize_nip, validate_nip

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize("raw", ["19660801 198803 1 001", "19660801.198803.1.001", "196608011988031001"])
def test_pns_nip_display_forms_normalise_to_digits(raw):
    assert validate_nip(raw, PNS, today=TODAY) == "196608011988031001"


def test_pppk_number_with_intake_code_24_is_valid_as_pppk_but_not_as_pns():
    # Regulations §7.2: digits 13-14 of NI PPPK are not a month; "24" must not fail for PPPK.
    assert validate_nip("199009132025242014", PPPK, today=TODAY) == "199009132025242014"
    with pytest.raises(ValidationError) as err:
        validate_nip("199009132025242014", PNS, today=TODAY)
    assert "bulan pengangkatan" in err.value.messages[0]


@pytest.mark.parametrize(
    ("raw", "kind", "fragment"),
    [
        ("1966080119880310", PNS, "18 digit"),
        ("19661301 198803 1 001", PNS, "tanggal lahir"),
        ("19660231 198803 1 001", PNS, "tanggal lahir"),
        ("19660801 198803 3 001", PNS, "jenis kelamin"),
        ("19660801 198803 1 000", PNS, "000"),
        ("19660801 196508 1 001", PNS, "setelah tanggal lahir"),
        ("19660801 203008 1 001", PNS, "masa depan"),
        ("19900913 1985 24 2 014", PPPK, "PPPK"),
        ("20300101 2031 24 2 014", PPPK, "tidak masuk akal"),
        ("abc", PNS, "18 digit"),
    ],
)
def test_invalid_numbers_get_a_clear_indonesian_message(raw, kind, fragment):
    with pytest.raises(ValidationError) as err:
        validate_nip(raw, kind, today=TODAY)
    assert fragment in " ".join(err.value.messages)


def test_normalise_and_mask():
    assert normalize_nip(" 1986-0926 201505 1 001 ") == "198609262015051001"
    masked = mask_nip("198609262015051001")
    assert masked.startswith("1986") and masked.endswith("001") and "2015" not in masked
