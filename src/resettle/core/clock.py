"""The one place Resettle asks what day it is, so that tests and a dated demo can fix it."""

from datetime import date

from django.conf import settings
from django.utils import timezone


def today() -> date:
    if settings.RESETTLE_TODAY:
        return date.fromisoformat(settings.RESETTLE_TODAY)
    return timezone.localdate()
