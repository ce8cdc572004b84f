"""Absolute links printed on documents and sent by e-mail (certificates, duty letters, reminders)."""

from django.conf import settings


def site_url(path: str, request=None) -> str:
    """An absolute link: SITE_URL when configured, else the address the request came in on.

    The demo and a fresh install often serve on another host or port than the SITE_URL default;
    a QR code printed from a request must point where that request was served.
    """
    if request is not None and not getattr(settings, "SITE_URL_CONFIGURED", True):
        return request.build_absolute_uri(path)
    return f"{settings.SITE_URL}{path}"
