"""Working-day arithmetic for legal deadlines.

Indonesian national holidays and collective-leave days (cuti bersama) come from the maintained
`holidays` package (its Indonesia calendar includes joint-leave and election days); days it does
not know are added by admins as ExtraNonWorkingDay rows.
"""

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _library_holidays(year: int) -> frozenset[dt.date]:
    calendar = holidays.country_holidays("ID", years=[year], categories=("public", "government"))
    return frozenset(calendar.keys())


def _extra_days() -> frozenset[dt.date]:
    from .models import ExtraNonWorkingDay

    return frozenset(ExtraNonWorkingDay.objects.values_list("date", flat=True))


def is_working_day(day: dt.date, extra: frozenset[dt.date] | None = None) -> bool:
    if day.weekday() >= 5:
        return False
    if day in _library_holidays(day.year):
        return False
    extra = _extra_days() if extra is None else extra
    return day not in extra


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (start itself does not count)."""
    extra = _extra_days()
    current = start
    counted = 0
    while counted < days:
        current += dt.timedelta(days=1)
        if is_working_day(current, extra):
            counted += 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    extra = _extra_days()
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(current, extra):
            count += 1
    return count


def holiday_name(day: dt.date) -> str | None:
    calendar = holidays.country_holidays("ID", years=[day.year], categories=("public", "government"))
    return calendar.get(day)
