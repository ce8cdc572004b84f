from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "netra.registry"
    verbose_name = _("Registri ASN")
