from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "netra.demo"
    verbose_name = _("Data awal dan demo")
