"""`netra api_token USER` issues a fresh API token (replacing any old one); `--revoke` deletes it."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Issue (or with --revoke, revoke) the API token of a user. Tokens expire after NETRA_API_TOKEN_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--revoke", action="store_true", help="delete the user's token; nothing new is issued")

    def handle(self, *args, username, revoke, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}")
        deleted, _ = Token.objects.filter(user=user).delete()
        if revoke:
            self.stdout.write(f"Revoked {deleted} token(s) of {username}.")
            return
        token = Token.objects.create(user=user)
        self.stdout.write(token.key)
        until = token.created + dt.timedelta(days=settings.NETRA_API_TOKEN_DAYS)
        self.stderr.write(f"Valid until {until:%Y-%m-%d %H:%M %Z}. Store it as a secret.")
