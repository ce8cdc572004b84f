"""What every printed Netra document shares: colours and the verification block (QR code, code, URL).

Certificates (learning) and duty letters (duty) both print it; it lives here so neither app
borrows from the other.
"""

from __future__ import annotations

import io

import segno
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

BRAND = colors.HexColor("#0b5d7a")
INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6776")


def qr_image(url: str, scale: int = 6) -> ImageReader:
    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=scale, border=2)
    buf.seek(0)
    return ImageReader(buf)


def draw_verification(c: canvas.Canvas, code: str, verify_url: str, *, left: float, right: float,
                      bottom: float, qr_size: float, url_text: str) -> None:
    """The block every printed document carries: QR code to the public check page, the code, the URL.

    Anyone holding the paper can confirm it at the page the QR code opens; a forged code is not found.
    """
    c.drawImage(qr_image(verify_url), right - qr_size, bottom + 2 * mm, qr_size, qr_size)
    c.setFillColor(MUTED)
    c.setFont("Helvetica", 9)
    c.drawString(left, bottom + 12 * mm, _("Kode verifikasi:"))
    c.setFillColor(INK)
    c.setFont("Courier-Bold", 13)
    c.drawString(left, bottom + 6 * mm, code)
    c.setFillColor(MUTED)
    c.setFont("Helvetica", 8)
    c.drawString(left, bottom, url_text)
