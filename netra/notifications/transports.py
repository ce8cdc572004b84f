"""How a message leaves Netra: Django's mail API, or an HTTP gateway for WhatsApp and SMS.

The gateways are the province's (or a provider's) HTTP services, configured by environment:
NETRA_WHATSAPP_GATEWAY_URL / _TOKEN and NETRA_SMS_GATEWAY_URL / _TOKEN. Netra POSTs JSON
{"to": "+62…", "message": "…"} with `Authorization: Bearer <token>`; any 2xx answer is success.
The standard library's urllib is enough for one JSON POST, so no HTTP client dependency is added.
"""

import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.mail import send_mail

from .models import Channel

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class TransportError(Exception):
    """A message could not be handed over; the outbox records it and retries."""


def send_email(address: str, subject: str, body: str) -> None:
    send_mail(subject, body, None, [address], fail_silently=False)


def _check_url(url: str) -> None:
    """The token and the message must not cross a network in clear text: https, or http on this host."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK):
        return
    raise TransportError(f"gateway URL must use https (got {parts.scheme}://{parts.hostname})")


def _gateway(url: str, token: str, address: str, subject: str, body: str) -> None:
    if not url:
        raise TransportError("gateway not configured")
    _check_url(url)
    payload = json.dumps({"to": address, "message": f"{subject}\n\n{body}"}).encode("utf-8")
    request = urllib.request.Request(url, data=payload, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=settings.NETRA_NOTIFY_GATEWAY_TIMEOUT) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        raise TransportError(f"gateway answered HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise TransportError(f"gateway unreachable: {exc}") from exc
    if not 200 <= status < 300:
        raise TransportError(f"gateway answered HTTP {status}")


def send_whatsapp(address: str, subject: str, body: str) -> None:
    _gateway(settings.NETRA_WHATSAPP_GATEWAY_URL, settings.NETRA_WHATSAPP_GATEWAY_TOKEN, address, subject, body)


def send_sms(address: str, subject: str, body: str) -> None:
    _gateway(settings.NETRA_SMS_GATEWAY_URL, settings.NETRA_SMS_GATEWAY_TOKEN, address, subject, body)


SENDERS = {Channel.EMAIL: send_email, Channel.WHATSAPP: send_whatsapp, Channel.SMS: send_sms}


def send(channel: str, address: str, subject: str, body: str) -> None:
    if not address:
        raise TransportError("recipient has no address for this channel")
    SENDERS[channel](address, subject, body)
