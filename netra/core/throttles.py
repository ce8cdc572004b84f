"""API throttling with the web limits' counter, client key and message (netra/core/ratelimit.py).

DRF's own rate throttles keep each client's request times as a list in the cache: a read and a
write of the whole list per request, growing with the rate, and two concurrent requests of one
client in different workers both read the same list, so one of them goes uncounted. The web limits
count a fixed window with one atomic increment; the API uses the same counter, so a client has one
allowance per scope whether it comes through the pages or the API.
"""

import math

from rest_framework.exceptions import APIException, Throttled
from rest_framework.throttling import BaseThrottle

from netra.core import ratelimit
from netra.core.codes import normalize_code

# API scope -> key of settings.NETRA_RATE_LIMITS
SCOPES = {"public_report": "report", "report_note": "note", "lookup": "lookup", "self_check": "self_check"}


class ClientScopedThrottle(BaseThrottle):
    """Counts the view's `throttle_scope` per client address behind NETRA_TRUSTED_PROXIES (IPv6 per /64).

    A lookup of one tracking code (the view's `code` argument) counts once per window, as on the
    status page: the limit stops guessing, not a reporter polling their own code.
    """

    wait_seconds: int | None = None

    def allow_request(self, request, view):
        scope = getattr(view, "throttle_scope", None)
        if scope is None:
            return True
        # Normalised as the status page does, so every spelling of one code is one lookup.
        item = normalize_code(view.kwargs.get("code", "")) if scope == "lookup" else None
        self.wait_seconds = ratelimit.hit(request, SCOPES[scope], item=item)
        return self.wait_seconds is None

    def wait(self):
        return self.wait_seconds


class IndonesianThrottled(Throttled):
    """429 with Retry-After (DRF adds it from `wait`) and the web pages' Indonesian message only."""

    def __init__(self, wait):
        self.wait = math.ceil(wait) if wait is not None else None
        APIException.__init__(self, ratelimit.wait_message(self.wait or 60))


class PublicThrottleMixin:
    """For public API views: throttled answers in Indonesian, like the web pages."""

    throttle_classes = [ClientScopedThrottle]

    def throttled(self, request, wait):
        raise IndonesianThrottled(wait)
