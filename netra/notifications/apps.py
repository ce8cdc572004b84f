from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "netra.notifications"
    verbose_name = _("Notifikasi")

    def ready(self):
        """Listen for new case events (see `netra.notifications.signals` for why a receiver)."""
        from . import signals

        signals.connect()
