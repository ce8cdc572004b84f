"""Readable names for case events on the staff timeline (the public page has its own, shorter list)."""

from django.utils.translation import gettext_lazy as _

from netra.cases.public_status import PUBLIC_EVENT_LABELS

EVENT_LABELS = {
    **PUBLIC_EVENT_LABELS,
    "classified": _("Diklasifikasikan"),
    "employee_linked": _("Ditautkan ke data pegawai"),
    "assigned": _("Petugas ditugaskan"),
    "escalated": _("Eskalasi keterlambatan PPK"),
    "merged_into": _("Digabung ke kasus lain"),
    "identity_opened": _("Identitas pelapor dibuka"),
}


def event_label(kind: str) -> str:
    return EVENT_LABELS.get(kind, kind)
