"""Comparing people's names as Indonesians write them (titles, degrees, accents).

Used to match webinar attendance (learning) and duty letters (duty) by name.
"""

import re
import unicodedata

PREFIX_TITLES = {"dr", "drs", "dra", "ir", "h", "hj", "prof", "ns", "bapak", "ibu", "pak", "bu", "sdr", "sdri"}


def normalize_name(name: str) -> str:
    """Lower case ASCII words without academic titles: "Hj. Dewi Lestari, S.Pd., M.Si" -> "dewi lestari".

    Indonesian degrees follow the name after a comma; honorifics come before it.
    """
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    text = text.split(",")[0]
    words = re.sub(r"[^a-z0-9 ]+", " ", text.lower()).split()
    while len(words) > 1 and words[0] in PREFIX_TITLES:
        words.pop(0)
    return " ".join(words)
