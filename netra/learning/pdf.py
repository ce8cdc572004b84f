"""PDF certificates (ReportLab) with a QR code (segno) that opens the public verification page.

Page streams are left uncompressed: the files stay small and the verification URL printed under
the QR code can be found in the PDF text by tests and by accessibility tools.
"""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from netra.core.pdf import BRAND, INK, MUTED, draw_verification, qr_image  # noqa: F401 - used below


def _fit(c: canvas.Canvas, text: str, font: str, size: float, max_width: float) -> float:
    while size > 8 and c.stringWidth(text, font, size) > max_width:
        size -= 1
    return size


def certificate_pdf(cert, verify_url: str) -> bytes:
    buf = io.BytesIO()
    width, height = landscape(A4)
    c = canvas.Canvas(buf, pagesize=(width, height), pageCompression=0)
    c.setTitle(f"Sertifikat {cert.code}")
    c.setAuthor("Netra")
    c.setStrokeColor(BRAND)
    c.setLineWidth(3)
    c.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    c.setLineWidth(0.8)
    c.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)

    c.setFillColor(BRAND)
    c.setFont("Helvetica-Bold", 30)
    c.drawCentredString(width / 2, height - 45 * mm, _("SERTIFIKAT"))
    c.setFillColor(MUTED)
    c.setFont("Helvetica", 13)
    kind = _("Kelulusan kuis netralitas ASN") if cert.kind == "quiz" else _("Kehadiran webinar netralitas ASN")
    c.drawCentredString(width / 2, height - 55 * mm, kind)

    c.setFillColor(INK)
    c.setFont("Helvetica", 13)
    c.drawCentredString(width / 2, height - 75 * mm, _("diberikan kepada"))
    size = _fit(c, cert.holder_name, "Helvetica-Bold", 26, width - 60 * mm)
    c.setFont("Helvetica-Bold", size)
    c.drawCentredString(width / 2, height - 90 * mm, cert.holder_name)
    c.setFont("Helvetica", 13)
    c.drawCentredString(width / 2, height - 105 * mm, _("atas"))
    size = _fit(c, cert.title, "Helvetica-Bold", 17, width - 60 * mm)
    c.setFont("Helvetica-Bold", size)
    c.drawCentredString(width / 2, height - 116 * mm, cert.title)
    if cert.detail:
        c.setFont("Helvetica", 12)
        c.drawCentredString(width / 2, height - 126 * mm, cert.detail)
    issued = timezone.localtime(cert.issued_at).strftime("%d-%m-%Y")
    c.setFont("Helvetica", 11)
    c.drawCentredString(width / 2, height - 138 * mm, _("Diterbitkan %(day)s melalui Netra") % {"day": issued})

    draw_verification(c, cert.code, verify_url, left=25 * mm, right=width - 25 * mm, bottom=20 * mm,
                      qr_size=38 * mm, url_text=_("Pindai kode QR atau buka: %(url)s") % {"url": verify_url})
    c.showPage()
    c.save()
    return buf.getvalue()
