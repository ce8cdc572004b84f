"""Public identifiers: unguessable, short enough to read over the phone, free of look-alikes."""

import re
import secrets

# Crockford-style alphabet without I, L, O, U: no 0/O or 1/I confusion when read aloud.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUP_LEN = 4

# Every prefix random_code is called with (cases, learning, duty letters). Listed so that a code
# typed without any dash ("ntrp779...") can still be split into prefix and groups.
KNOWN_PREFIXES = ("KUIS", "NTR", "KSS", "UJI", "SRT", "WEB", "DFT", "ST")
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def random_code(groups: int = 3, group_len: int = GROUP_LEN, prefix: str = "") -> str:
    """E.g. NTR-7KQ2-M9XD-4HRT: 60 bits of randomness for three groups of four."""
    parts = ["".join(secrets.choice(ALPHABET) for _ in range(group_len)) for _ in range(groups)]
    body = "-".join(parts)
    return f"{prefix}-{body}" if prefix else body


def _split_prefix(tokens: list[str]) -> tuple[str, str]:
    """Return (prefix, body) from the typed pieces; the prefix keeps its letters as written."""
    first = tokens[0]
    if len(tokens) > 1 and first.isalpha() and (first in KNOWN_PREFIXES or len(first) != GROUP_LEN):
        return first, "".join(tokens[1:])
    joined = "".join(tokens)
    for prefix in KNOWN_PREFIXES:
        rest = joined[len(prefix):]
        if joined.startswith(prefix) and rest and len(rest) % GROUP_LEN == 0:
            return prefix, rest
    return "", joined


def normalize_code(raw: str) -> str:
    """Accept every typing of a valid code: lower case, spaces, dots, no dashes, O/I/L for 0/1.

    "ntr p779 k2mx 4hrt", "NTRP779K2MX4HRT" and "ntr-p779-k2mx-4hrt" all become NTR-P779-K2MX-4HRT.
    The prefix's letters are kept as typed (KUIS has an I); only the random groups map look-alikes,
    since the alphabet has no I, L or O. Input that is not shaped like a code is returned cleaned
    but otherwise unchanged, so a lookup simply finds nothing.
    """
    tokens = [t for t in re.split(r"[^0-9A-Z]+", (raw or "").upper()) if t]
    if not tokens:
        return ""
    prefix, body = _split_prefix(tokens)
    body = body.translate(_LOOKALIKES)
    if len(body) % GROUP_LEN == 0:
        body = "-".join(body[i:i + GROUP_LEN] for i in range(0, len(body), GROUP_LEN))
    return f"{prefix}-{body}" if prefix else body
