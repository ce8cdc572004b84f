"""The client's address, trusting X-Forwarded-For only as far as the operator says.

Every limit that counts per client (login lockout, web and API rate limits) asks this one function.
With `NETRA_TRUSTED_PROXIES = 0` (the default) the header is ignored: anyone can send it, so trusting it
would give an attacker a fresh allowance per made-up value. With N trusted proxies in front of Netra,
each appending the address it saw, the client is the N-th address from the right, the one written by
the outermost proxy we trust; whatever the client put further left is ignored. This is the rule of
Django REST framework's `NUM_PROXIES`, which is set from the same setting.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.NETRA_TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    candidate = forwarded[-min(proxies, len(forwarded))]
    return candidate if _valid(candidate) else remote
