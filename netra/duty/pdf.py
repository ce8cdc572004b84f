"""The registered duty letter as a one-page PDF with the QR code of its public verification page.

This is Netra's registration slip for the letter, not the letter itself: it repeats the letter's
number, issuing official and period so that a verifier at an event can scan it.
"""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from netra.core.pdf import BRAND, INK, MUTED, draw_verification


def _wrap(c, text: str, font: str, size: float, width: float) -> list[str]:
    words, lines, line = (text or "").split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if c.stringWidth(trial, font, size) <= width:
            line = trial
        else:
            if line:
                lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines or [""]


def letter_pdf(letter, verify_url: str) -> bytes:
    buf = io.BytesIO()
    width, height = A4
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=0)
    c.setTitle(f"Surat tugas {letter.code}")
    c.setAuthor("Netra")
    c.setFillColor(BRAND)
    c.setFont("Helvetica-Bold", 18)
    c.drawString(20 * mm, height - 25 * mm, _("BUKTI PENCATATAN SURAT TUGAS"))
    c.setFillColor(MUTED)
    c.setFont("Helvetica", 10)
    c.drawString(20 * mm, height - 32 * mm, _("Netra — netralitas ASN. Pindai kode QR untuk memeriksa keabsahan."))

    rows = [
        (_("Nomor surat"), letter.letter_number),
        (_("Nama pegawai"), letter.holder_name),
        (_("NIP / NI PPPK"), letter.employee.nip),
        (_("Instansi"), letter.agency.name),
        (_("Kegiatan"), letter.event),
        (_("Tempat"), letter.place + (f" ({letter.region})" if letter.region_id else "")),
        (_("Berlaku"), f"{letter.date_from:%d-%m-%Y} s.d. {letter.date_to:%d-%m-%Y}"),
        (_("Maksud penugasan"), letter.purpose),
        (_("Pejabat pemberi tugas"), letter.issuing_official),
        (_("Tanggal surat"), f"{letter.issued_on:%d-%m-%Y}"),
        (_("Dicatat di Netra"), timezone.localtime(letter.registered_at).strftime("%d-%m-%Y %H:%M WITA")),
    ]
    y = height - 48 * mm
    for label, value in rows:
        c.setFillColor(MUTED)
        c.setFont("Helvetica", 10)
        c.drawString(20 * mm, y, label)
        c.setFillColor(INK)
        c.setFont("Helvetica-Bold", 11)
        for line in _wrap(c, str(value), "Helvetica-Bold", 11, 110 * mm):
            c.drawString(70 * mm, y, line)
            y -= 6 * mm
        y -= 2 * mm

    draw_verification(c, letter.code, verify_url, left=20 * mm, right=width - 20 * mm, bottom=30 * mm,
                      qr_size=45 * mm, url_text=verify_url)
    if letter.revoked_at:
        c.setFillColor(BRAND)
        c.setFont("Helvetica-Bold", 16)
        c.drawString(20 * mm, 55 * mm, _("DICABUT"))
    c.showPage()
    c.save()
    return buf.getvalue()
