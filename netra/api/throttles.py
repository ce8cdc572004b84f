"""API throttling on the same client key and message as the web limits (netra/core/ratelimit.py)."""

import math

from rest_framework.exceptions import APIException, Throttled
from rest_framework.throttling import ScopedRateThrottle

from netra.core.ratelimit import client_key, wait_message


class ClientScopedThrottle(ScopedRateThrottle):
    """DRF's scoped throttle, counting per client address behind NETRA_TRUSTED_PROXIES (IPv6 per /64)."""

    def get_ident(self, request):
        return client_key(request)


class IndonesianThrottled(Throttled):
    """429 with Retry-After (DRF adds it from `wait`) and the web pages' Indonesian message only."""

    def __init__(self, wait):
        self.wait = math.ceil(wait) if wait is not None else None
        APIException.__init__(self, wait_message(self.wait or 60))


class PublicThrottleMixin:
    """For public API views: throttled answers in Indonesian, like the web pages."""

    throttle_classes = [ClientScopedThrottle]

    def throttled(self, request, wait):
        raise IndonesianThrottled(wait)
