"""Netra: election-neutrality software for Indonesian civil servants (ASN)."""

# Load the Celery app with Django so that @shared_task binds to it (eager without a broker).
from .celery import app as celery_app

__all__ = ["celery_app"]
__version__ = "0.1.0"
