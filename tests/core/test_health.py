"""Health endpoints and request logs (issue 14 §6): liveness, readiness of the database and the broker,
and one structured log line per request carrying its id."""

import json
import logging
import socket
from logging.config import DictConfigurator
from unittest import mock

import pytest
from django.conf import settings
from django.db import DatabaseError
from django.test import Client, override_settings

from resettle.core import health
from resettle.core.request_log import RequestIdFilter, request_id

pytestmark = pytest.mark.django_db


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def test_live_answers_without_signing_in():
    response = Client().get("/health/live")
    assert (response.status_code, response.content) == (200, b"ok")


def test_ready_with_no_broker_checks_the_database_alone():
    response = Client().get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "not configured"}}


def test_ready_is_unavailable_while_the_database_does_not_answer():
    with mock.patch.object(health.connection, "cursor", side_effect=DatabaseError("gone")):
        response = Client().get("/health/ready")
    assert response.status_code == 503 and response.json()["checks"]["database"] == "failed"


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_ready_is_unavailable_while_the_broker_does_not_answer():
    response = Client().get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "ok", "broker": "failed"}}
    assert "127.0.0.1" not in response.content.decode()  # the address is for the logs, not the page


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:6379/0")
def test_ready_with_a_broker_that_answers():
    assert Client().get("/health/ready").json()["checks"]["broker"] == "ok"


def test_every_request_gets_an_id_and_one_log_line(caplog):
    with caplog.at_level(logging.INFO, logger="resettle.requests"):
        response = Client().get("/health/live?name=Smith")
    made = response["X-Request-ID"]
    assert len(made) == 32
    (line,) = [r for r in caplog.records if r.name == "resettle.requests"]
    assert (line.method, line.path, line.status) == ("GET", "/health/live", 200)
    assert "Smith" not in line.getMessage()  # the query string can hold a searched name
    assert line.duration_ms >= 0


def test_a_sound_id_from_the_proxy_is_kept_and_an_unsound_one_replaced():
    kept = Client().get("/health/live", HTTP_X_REQUEST_ID="proxy-1234abcd")
    replaced = Client().get("/health/live", HTTP_X_REQUEST_ID="bad id\nforged log line")
    assert kept["X-Request-ID"] == "proxy-1234abcd"
    assert replaced["X-Request-ID"] != "bad id\nforged log line" and len(replaced["X-Request-ID"]) == 32


def test_a_log_line_is_one_json_object_with_its_request_id():
    record = logging.LogRecord("resettle.people", logging.WARNING, __file__, 1, "refused %s", ("X",), None)
    token = request_id.set("abc12345")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id.reset(token)
    formatter = DictConfigurator({}).configure_formatter(dict(settings.LOGGING["formatters"]["json"]))
    line = json.loads(formatter.format(record))
    assert line["request_id"] == "abc12345" and line["message"] == "refused X" and line["level"] == "WARNING"
    assert line["logger"] == "resettle.people" and "time" in line
