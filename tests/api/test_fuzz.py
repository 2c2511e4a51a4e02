"""The API fuzzed against its own OpenAPI schema (schemathesis): whatever a client sends, in or out of the
schema, it never gets a server error, and every answer is one the schema documents. Bounded, so CI stays
fast (HYPOTHESIS_PROFILE=thorough explores further)."""

import json
import re

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings

from resettle.accounts.roles import Role
from resettle.api import tokens

SCHEMA = schemathesis.openapi.from_dict(
    json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
)
APP = WSGIHandler()
# Every request, the checks' own probes included, goes to the app in this process, never over the network.
SCHEMA.app = APP
SCHEMA.config.update(base_url="http://localhost")
# Data the schema allows may still be refused by a rule it cannot state (a date in the future, a level
# without a category, a booking the engine cannot read): that is a 400 naming the field, not a fault. And an
# empty or repeated filter is read as the screens read it (?release_to= is no filter), not refused.
SCHEMA.config.checks.update(excluded_check_names=["positive_data_acceptance", "negative_data_rejection"])


@pytest.fixture
def connection_kept_open():
    """Django closes its database connection when a request ends, which would end the test's transaction;
    the test client keeps it open, and so must a WSGI app called in-process."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def secret(estate, man, connection_kept_open):
    return tokens.issue(estate.users[Role.SPO], "schemathesis")[1]


def _at_someone_real(case, estate) -> None:
    """Random prison numbers would only ever find nobody (404): send most requests about the man the SPO
    can see and change, so that reading, validating and saving his records are what gets fuzzed."""
    parameters = case.path_parameters or {}
    if "prison_number" in parameters and not parameters["prison_number"].endswith("0"):
        parameters["prison_number"] = estate.man.prison_number
    if "prison_code" in parameters:
        parameters["prison_code"] = estate.prison.code


@pytest.mark.django_db
@SCHEMA.parametrize()
@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_the_api_answers_everything_its_schema_allows_without_a_server_error(case, secret, estate):
    _at_someone_real(case, estate)
    case.call_and_validate(headers={"Authorization": f"Bearer {secret}"})


NESTED_TOO_DEEP = b"[" * 1000 + b"]" * 1000


def _operations_with_a_json_body():
    for result in SCHEMA.get_all_operations():
        operation = result.ok()
        if "application/json" in operation.get_request_payload_content_types():
            yield operation


@pytest.mark.django_db
@pytest.mark.parametrize("operation", list(_operations_with_a_json_body()), ids=lambda o: o.label)
def test_every_json_body_nested_too_deep_is_refused_as_the_schema_says(operation, secret, estate):
    """Deeper than Python's JSON reader can go (issue 16 §3): a documented refusal, never a server error."""
    case = operation.Case(
        body=NESTED_TOO_DEEP,
        media_type="application/json",
        path_parameters={name: "1" for name in re.findall(r"{(\w+)}", operation.path)},
        headers={"If-Match": '"0"'},
    )
    _at_someone_real(case, estate)
    response = case.call_and_validate(headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code in (400, 403, 404), response.text
