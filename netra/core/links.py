"""Absolute links printed on documents and sent by e-mail (certificates, duty letters, reminders)."""

from django.conf import settings


def site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"
