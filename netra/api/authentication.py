"""API token authentication with an expiry.

DRF's tokens never expire, so a token copied into a forgotten script keeps working for years.
A token here is valid for `NETRA_API_TOKEN_DAYS` after it was issued; deleting it (admin, or
`netra api_token --revoke USER`) revokes it at once, and issuing a new one replaces the old.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


def token_expired(token) -> bool:
    return token.created < timezone.now() - dt.timedelta(days=settings.NETRA_API_TOKEN_DAYS)


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_expired(token):
            raise exceptions.AuthenticationFailed(_("Token API sudah kedaluwarsa; minta token baru kepada admin."))
        return user, token
