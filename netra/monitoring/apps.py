from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "netra.monitoring"
