"""Readable names for case events on the staff timeline, generated from the workflow table."""

from django.utils.translation import gettext as _

from netra.cases.workflow import STAFF_EVENT_LABELS

EVENT_LABELS = STAFF_EVENT_LABELS


def event_label(kind: str) -> str:
    return str(EVENT_LABELS.get(kind, kind))


def event_detail(event, sanctions: dict | None = None) -> str:
    """What was decided, in words, for the staff history: "D4, hukuman disiplin berat".

    `sanctions` maps sanction codes to SanctionType rows (pass it to avoid a query per event).
    """
    from netra.cases.models import Escalation
    from netra.rules.models import SanctionType

    data = event.data or {}
    if sanctions is None:
        sanctions = {s.code: s for s in SanctionType.objects.all()}

    def sanction(code):
        found = sanctions.get(code)
        return f"{found.get_level_display().lower()} ({found.name})" if found else ""

    kind = event.kind
    if kind == "classified":
        return ", ".join(p for p in (data.get("violation"), sanction(data.get("sanction"))) if p)
    if kind == "recommended":
        return ", ".join(p for p in (data.get("number"), sanction(data.get("sanction"))) if p)
    if kind == "ppk_decided":
        parts = [sanction(data.get("sanction")), _("SK %(n)s") % {"n": data["number"]} if data.get("number") else ""]
        if data.get("on_time") is False:
            parts.append(str(_("lewat batas waktu")))
        return ", ".join(p for p in parts if p)
    if kind == "escalated":
        level = dict(Escalation.choices).get(data.get("level"), data.get("level", ""))
        late = data.get("overdue_working_days")
        return f"{level}, " + str(_("terlambat %(n)s hari kerja") % {"n": late}) if late else str(level)
    if kind in ("merged_into", "merged_from"):
        return data.get("target") or data.get("source") or ""
    if kind == "assigned":
        return data.get("user") or str(_("penugasan dilepas"))
    return ""
