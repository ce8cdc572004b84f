"""Celery app. With no REDIS_URL, settings make every task run eagerly in the caller's process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings")

app = Celery("netra")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
