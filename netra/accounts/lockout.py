"""The page shown when django-axes refuses a login: Indonesian, 429, with Retry-After."""

from axes.helpers import get_cool_off, get_failure_limit
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    """Axes' AXES_LOCKOUT_CALLABLE. Says how long to wait; never whether the account exists."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 0
    response = render(request, "lockout.html", {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": max(1, round(seconds / 60)) if seconds else "",
    }, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    return response
