"""Encryption at rest for reporter identity (and other personal data that must be recoverable).

MultiFernet lets keys rotate: the first key encrypts, every listed key decrypts. In development
and tests a key is derived from SECRET_KEY so that `make run` needs no setup.
"""

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _fernet() -> MultiFernet:
    keys = list(settings.NETRA_IDENTITY_KEYS)
    if not keys:
        derived = base64.urlsafe_b64encode(hashlib.sha256(settings.SECRET_KEY.encode()).digest())
        keys = [derived.decode()]
    return MultiFernet([Fernet(k.encode() if isinstance(k, str) else k) for k in keys])


def encrypt_json(data: dict) -> str:
    return _fernet().encrypt(json.dumps(data, ensure_ascii=False).encode()).decode()


def decrypt_json(token: str) -> dict:
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken as exc:  # a wrong key must be loud: silently empty identity loses data
        raise ValueError("identity cannot be decrypted with the configured NETRA_IDENTITY_KEYS") from exc


def rotate(token: str) -> str:
    return _fernet().rotate(token.encode()).decode() if token else token
