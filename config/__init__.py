# Celery's application is loaded with Django, so that every task is bound to it (config/celery.py).
from .celery import app as celery_app

__all__ = ["celery_app"]
