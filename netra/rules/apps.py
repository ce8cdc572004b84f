from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "netra.rules"
    verbose_name = _("Aturan dan kalender")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Contest
        from .services import forget_contests

        post_save.connect(forget_contests, sender=Contest, dispatch_uid="netra-forget-contests-save")
        post_delete.connect(forget_contests, sender=Contest, dispatch_uid="netra-forget-contests-delete")
