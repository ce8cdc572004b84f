"""Per-client limits for public writes and lookups, counted in the shared Django cache.

The counters live in the cache every web process shares (Redis when REDIS_URL is set, the database
otherwise), so a limit holds across processes and restarts of one of them. A fixed window per client
address is enough here: the aim is to stop floods and code guessing, not to meter fairly, and a fixed
window needs one atomic `incr` per request. IPv6 addresses are counted per /64 network, the block one
subscriber normally gets, so rotating addresses inside it gives no fresh allowance.
"""

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

from .clientip import client_ip

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_clock = time.time  # the window clock; tests set it


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def parse_rate(text: str) -> Rate:
    """DRF's syntax: "30/hour", "5/min", "100/day"."""
    count, period = text.split("/")
    return Rate(int(count), PERIODS[period.strip()[0]])


def client_key(request) -> str:
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if parsed.version == 6:
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def hit(request, scope: str, item: str | None = None) -> int | None:
    """Count one request of `scope` for this client; seconds to wait if it is over the limit, else None.

    With `item` (a looked-up code), a client's repeat of the same item within the window is not
    counted again: the limit is there to stop guessing, which needs many different codes, while a
    reporter reloading their own status page, or the lookup form redirecting to it, is one lookup.
    The item is kept in the cache key only as a hash, since tracking codes are secrets.
    """
    rate = parse_rate(settings.NETRA_RATE_LIMITS[scope])
    now = _clock()
    window = int(now // rate.seconds)
    key = f"netra:rl:{scope}:{client_key(request)}:{window}"
    timeout = rate.seconds + 5
    if item is not None:
        seen = f"{key}:{hashlib.sha256(item.encode()).hexdigest()[:24]}"
        if not cache.add(seen, 1, timeout=timeout):
            count = cache.get(key, 0)
            return None if count <= rate.count else max(1, math.ceil((window + 1) * rate.seconds - now))
    count = _count(key, timeout)
    if count <= rate.count:
        return None
    return max(1, math.ceil((window + 1) * rate.seconds - now))


def _count(key: str, timeout: int) -> int:
    """One more hit on a window's counter: one round trip on Redis, add + incr on other caches."""
    count_hit = getattr(cache, "count_hit", None)  # netra.core.redis_cache.RedisCache
    if count_hit is not None:
        return count_hit(key, timeout)
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def wait_message(seconds: int) -> str:
    return _("Terlalu banyak permintaan dari alamat Anda. Coba lagi dalam %(minutes)s menit.") % {
        "minutes": max(1, math.ceil(seconds / 60))}


def with_retry_after(response, seconds: int):
    response.status_code = 429
    response["Retry-After"] = str(seconds)
    return response


def too_many_requests(request, seconds: int):
    """A 429 page with Retry-After, for requests that carry nothing the user would lose."""
    response = render(request, "rate_limited.html", {"message": wait_message(seconds)})
    return with_retry_after(response, seconds)
