"""Limits on what the public may submit, shared by the web forms and the API (so the OpenAPI schema
and the form state the same numbers), and the check for text that is invisible.

Why these numbers: a report's description is a few paragraphs (the longest in the shipped sample
data is under 2,000 characters); a chronology may be longer. Without limits, 30 submissions an
hour per client of 10 MB each would fill the database with 300 MB an hour.
"""

import datetime as dt
import re

DESCRIPTION_MAX = 5_000
CHRONOLOGY_MAX = 10_000
NOTE_MAX = 5_000
LINKS_TEXT_MAX = 21_000  # 20 links of up to 1,000 characters, one per line
# Conduct before this date is outside any election the programme handles (the form's own bound).
EARLIEST_CONDUCT_DATE = dt.date(2017, 1, 1)

_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e]+")


def is_blank(text: str) -> bool:
    """True for text that shows nothing: spaces, zero-width characters, soft hyphens."""
    return not _INVISIBLE.sub("", text or "")
