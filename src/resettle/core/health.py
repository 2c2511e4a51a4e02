"""What `/health/ready` checks: each service this process needs, answered within a second or failed.
A check's answer names the service's state, never its address or credentials."""

import logging

from django.conf import settings
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

OK, NOT_CONFIGURED, FAILED = "ok", "not configured", "failed"
TIMEOUT_SECONDS = 1.0


def database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("readiness: the database does not answer")
        return FAILED
    return OK


def broker() -> str:
    """The job broker. With none configured, jobs run in process (resettle.core.jobs): nothing to check."""
    if not settings.CELERY_BROKER_URL:
        return NOT_CONFIGURED
    from config.celery import app

    try:
        with app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=TIMEOUT_SECONDS)
    except Exception:  # kombu raises the transport's own errors; any of them means not ready
        logger.exception("readiness: the broker does not answer")
        return FAILED
    return OK


def readiness() -> dict[str, str]:
    return {"database": database(), "broker": broker()}


def all_ok(checks: dict[str, str]) -> bool:
    return FAILED not in checks.values()
