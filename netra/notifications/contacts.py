"""Checking and storing the address a reporter gives for updates."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .models import Channel, ReporterContact

_PHONE_JUNK = re.compile(r"[\s\-().]")


def available_channels() -> list[str]:
    """E-mail always; WhatsApp and SMS only where a gateway is configured, so nobody picks a dead one."""
    channels = [Channel.EMAIL.value]
    if settings.NETRA_WHATSAPP_GATEWAY_URL:
        channels.append(Channel.WHATSAPP.value)
    if settings.NETRA_SMS_GATEWAY_URL:
        channels.append(Channel.SMS.value)
    return channels


def normalize_phone(value: str) -> str:
    """'0812-3456-7890' and '+62 812 3456 7890' both become '+6281234567890' (E.164)."""
    raw = _PHONE_JUNK.sub("", value or "")
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    elif raw.startswith("0"):
        raw = "+62" + raw[1:]
    elif raw.startswith("62"):
        raw = "+" + raw
    if not re.fullmatch(r"\+\d{9,15}", raw):
        raise ValidationError(_("Nomor telepon tidak valid. Contoh: 081234567890."), code="phone")
    return raw


def normalize_address(channel: str, address: str) -> str:
    """A clean address for the channel, or a ValidationError in the reporter's language."""
    address = (address or "").strip()
    if channel not in available_channels():
        raise ValidationError(_("Saluran kabar ini tidak tersedia."), code="channel")
    if not address:
        raise ValidationError(_("Isi alamat email atau nomor untuk menerima kabar."), code="required")
    if channel == Channel.EMAIL:
        validate_email(address)
        return address
    return normalize_phone(address)


def language_or_default(language: str | None) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    language = (language or "").split("-")[0].lower()
    return language if language in codes else settings.LANGUAGE_CODE


def save_contact(report, channel: str, address: str, language: str | None) -> ReporterContact:
    """Store the (already validated) address encrypted; the caller holds the report's transaction."""
    contact = ReporterContact(report=report, channel=channel, language=language_or_default(language))
    contact.set_address(normalize_address(channel, address))
    contact.save()
    return contact
