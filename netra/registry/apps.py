from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "netra.registry"
    verbose_name = _("Registri ASN")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import refcache
        from .models import Agency, Region

        # Every worker keeps regions and agencies in memory for intake (refcache.py); a save or
        # delete anywhere tells them all to reload.
        for model in (Region, Agency):
            post_save.connect(refcache.bump, sender=model, dispatch_uid=f"netra-refcache-save-{model.__name__}")
            post_delete.connect(refcache.bump, sender=model, dispatch_uid=f"netra-refcache-delete-{model.__name__}")
