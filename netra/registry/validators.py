"""NIP (PNS) and NI PPPK validation (regulations §7).

Both are 18 digits but laid out differently: applying the PNS appointment-month check to a
PPPK number would reject real numbers such as 199009132025242014, so rules go by employee type.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PNS = "PNS"
PPPK = "PPPK"


def normalize_nip(raw: str) -> str:
    """Display conventions vary (spaces, dots); the stored form is the digits only."""
    return re.sub(r"\D", "", raw or "")


def _birth_date(digits: str) -> dt.date:
    try:
        return dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValidationError(
            _("8 digit pertama (%(value)s) bukan tanggal lahir yang sah (TTTTBBHH)."),
            code="birth_date",
            params={"value": digits[0:8]},
        ) from None


def validate_nip(raw: str, employee_type: str = PNS, today: dt.date | None = None) -> str:
    """Return the normalised number or raise ValidationError with an Indonesian message."""
    today = today or dt.date.today()
    digits = normalize_nip(raw)
    label = "NIP" if employee_type == PNS else "NI PPPK"
    if len(digits) != 18:
        raise ValidationError(
            _("%(label)s harus 18 digit angka; yang diisi %(count)s digit."),
            code="length",
            params={"label": label, "count": len(digits)},
        )
    birth = _birth_date(digits)
    if birth > today or birth.year < 1900:
        raise ValidationError(_("Tanggal lahir pada %(label)s tidak masuk akal."), code="birth_range",
                              params={"label": label})
    if digits[14] not in "12":
        raise ValidationError(
            _("Digit ke-15 %(label)s adalah jenis kelamin dan harus 1 (laki-laki) atau 2 (perempuan)."),
            code="sex",
            params={"label": label},
        )
    if digits[15:18] == "000":
        raise ValidationError(_("Nomor urut (3 digit terakhir) tidak boleh 000."), code="sequence")
    if employee_type == PNS:
        year, month = int(digits[8:12]), int(digits[12:14])
        if not 1 <= month <= 12:
            raise ValidationError(
                _("Digit ke-13–14 NIP adalah bulan pengangkatan CPNS dan harus 01–12, bukan %(month)s."),
                code="tmt_month",
                params={"month": digits[12:14]},
            )
        if (year, month) <= (birth.year, birth.month) or year > today.year + 1:
            raise ValidationError(
                _("Tahun-bulan pengangkatan CPNS (%(tmt)s) harus setelah tanggal lahir dan tidak di masa depan."),
                code="tmt_order",
                params={"tmt": digits[8:14]},
            )
    else:
        year = int(digits[8:12])
        if year <= birth.year or year > today.year + 1:
            raise ValidationError(
                _("Tahun pengangkatan PPPK (%(year)s) harus setelah tahun lahir dan tidak di masa depan."),
                code="pppk_year",
                params={"year": digits[8:12]},
            )
    return digits


def validate_nip_any_type(raw: str, today: dt.date | None = None) -> str:
    """For a reporter, who rarely knows whether the person is PNS or PPPK: either layout is accepted;
    if neither fits, the PNS message is the one shown (the common case)."""
    try:
        return validate_nip(raw, PNS, today)
    except ValidationError as pns_error:
        try:
            return validate_nip(raw, PPPK, today)
        except ValidationError:
            raise pns_error from None


def mask_nip(nip: str) -> str:
    """For roles that may know someone is registered but not their number."""
    if not nip:
        return ""
    return nip[:4] + "•" * (len(nip) - 7) + nip[-3:]
