"""Public identifiers: unguessable, short enough to read over the phone, free of look-alikes."""

import secrets

# Crockford-style alphabet without I, L, O, U: no 0/O or 1/I confusion when read aloud.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def random_code(groups: int = 3, group_len: int = 4, prefix: str = "") -> str:
    """E.g. NTR-7KQ2-M9XD-4HRT: 60 bits of randomness for three groups of four."""
    parts = ["".join(secrets.choice(ALPHABET) for _ in range(group_len)) for _ in range(groups)]
    body = "-".join(parts)
    return f"{prefix}-{body}" if prefix else body


def normalize_code(raw: str) -> str:
    """Accept codes typed in lower case, with spaces, or with O/I for 0/1."""
    cleaned = (raw or "").strip().upper().replace(" ", "").replace("O", "0").replace("I", "1").replace("L", "1")
    return cleaned
