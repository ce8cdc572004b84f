"""Every typing of a valid code is the same code."""

import pytest

from netra.core.codes import normalize_code as normalize
from netra.core.codes import random_code


@pytest.mark.parametrize("typed", [
    "NTR-P779-K2MX-4HRT", "ntr-p779-k2mx-4hrt", "ntr p779 k2mx 4hrt", "NTRP779K2MX4HRT", "ntrp779k2mx4hrt",
    "  NTR - P779 - K2MX - 4HRT ", "ntr.p779.k2mx.4hrt", "NTR P779K2MX4HRT", "ntr-p779k2mx4hrt\n",
])
def test_tracking_code_typings(typed):
    assert normalize(typed) == "NTR-P779-K2MX-4HRT"


def test_look_alikes_map_only_inside_the_random_groups():
    assert normalize("ntr-po7i-k2mx-4hrl") == "NTR-P071-K2MX-4HR1"
    # KUIS keeps its I; without dashes the known prefix is still recognised.
    assert normalize("kuis ab12 cd34") == "KUIS-AB12-CD34"
    assert normalize("KUISAB12CD34") == "KUIS-AB12-CD34"
    assert normalize("st ab12 cd34 ef56 gh78") == "ST-AB12-CD34-EF56-GH78"


@pytest.mark.parametrize("prefix,groups", [("NTR", 3), ("KSS", 2), ("ST", 4), ("KUIS", 2), ("UJI", 3),
                                           ("SRT", 4), ("WEB", 2), ("DFT", 3)])
def test_generated_codes_survive_any_typing(prefix, groups):
    for _ in range(20):
        code = random_code(groups=groups, prefix=prefix)
        assert normalize(code) == code
        assert normalize(code.lower().replace("-", " ")) == code
        assert normalize(code.replace("-", "")) == code


def test_input_that_is_no_code_stays_harmless():
    assert normalize("") == "" and normalize(" - / ") == ""
    assert normalize("../etc") == "ETC"
