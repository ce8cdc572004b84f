"""The daily digest of the case event chain: its head, logged and mailed to the admins."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone

from . import chain

log = logging.getLogger("netra.chain")


def admin_addresses() -> list[str]:
    """ADMINS from settings plus every active superuser with an e-mail address."""
    found = [email for _, email in getattr(settings, "ADMINS", [])]
    found += list(get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(email="")
                  .values_list("email", flat=True))
    return sorted(set(found))


def send_digest() -> dict:
    result = chain.verify()
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")
    state = "intact" if result.ok else f"BROKEN at event #{result.broken_id}: {result.problem}"
    if result.ok is False and result.broken_id is None:
        state = "BROKEN: cases without history or with a status no event records"
    summary = {"at": stamp, "events": result.count, "head_id": result.head_id, "head": result.head, "ok": result.ok}
    line = f"Netra event chain {stamp}: {result.count} events, head #{result.head_id} {result.head}, {state}"
    (log.info if result.ok else log.error)(line)
    recipients = admin_addresses()
    if recipients:
        body = (f"{line}\n\nKeep this message. To check later that the record was not rewritten or emptied:\n"
                f"  netra verify_events --expect {result.head}\n")
        send_mail(f"[Netra] event chain digest {stamp}" + ("" if result.ok else " — BROKEN"), body,
                  settings.DEFAULT_FROM_EMAIL, recipients)
    summary["mailed_to"] = len(recipients)
    return summary
