"""The Celery application: background jobs for Resettle (resettle.core.jobs).

A worker: `celery -A config worker -l info`; the schedule: `celery -A config beat -l info`
(docs/deployment.md)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("resettle")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
