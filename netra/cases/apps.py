from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "netra.cases"
    verbose_name = _("Laporan dan kasus")

    def ready(self):
        from . import tallies

        tallies.connect()  # running case counts for the dashboards (tallies.py)
