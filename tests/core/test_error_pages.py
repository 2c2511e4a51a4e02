"""Issue 18 §7: every refusal and fault of a page is answered by a GOV.UK page in the service's layout,
with DEBUG on (`make run`) as well as off, never by Django's debug pages or the web server's bare ones."""

import json
import re
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from resettle.accounts.roles import Role
from resettle.core.errors import MAX_ADDRESS_CHARACTERS
from tests.security.users import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[False, True], ids=["debug-off", "debug-on"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


@pytest.fixture
def pom(estate):
    return sign_in(Client(raise_request_exception=False), estate.users[Role.POM])


def service_page(response, status: int, heading: str) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert 'class="govuk-template"' in html and f'<h1 class="govuk-heading-l">{heading}</h1>' in html
    assert "Traceback" not in html and "technical" not in html.lower()
    return html


def test_a_prison_out_of_scope_is_not_found_like_one_that_does_not_exist(debug, pom, estate):
    """docs/security.md: a refusal must not say that the prison exists."""
    outside = pom.get(reverse("caseload", args=[estate.other_prison.code]))
    nowhere = pom.get(reverse("caseload", args=["ZZZ"]))

    def unmasked(html: str) -> str:  # the sign-out form's token is masked afresh each time
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert unmasked(service_page(outside, 404, "Page not found")) == unmasked(
        service_page(nowhere, 404, "Page not found")
    )


def test_an_address_that_leads_nowhere_is_not_found(debug, pom):
    service_page(pom.get("/no/such/page/"), 404, "Page not found")


def test_a_page_the_role_may_not_see_is_refused(debug, pom):
    service_page(pom.get(reverse("audit-trail")), 403, "You cannot see this page")


def test_a_form_too_large_to_read_is_refused_with_its_limit(debug, pom, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024
    body = urlencode({"booking": json.dumps({"sentences": ["x" * 100] * 200}), "profile": "sds-50"})

    response = pom.post(reverse("calculate-json"), body, content_type="application/x-www-form-urlencoded")

    assert "smaller than 10 KB" in service_page(response, 413, "What you sent is too large")


def test_a_form_sent_without_its_token_says_what_to_do(debug, estate):
    client = sign_in(Client(enforce_csrf_checks=True), estate.users[Role.POM])

    service_page(client.post(reverse("calculate-json"), {"booking": "{}"}), 403, "The form could not be sent")


def test_an_address_too_long_is_refused_with_a_page(debug, pom, estate):
    address = reverse("caseload", args=[estate.prison.code]) + "?q=" + "x" * MAX_ADDRESS_CHARACTERS

    service_page(pom.get(address), 414, "The web address is too long")


def test_a_search_too_long_is_a_form_error_naming_the_field(debug, pom, estate):
    response = pom.get(reverse("caseload", args=[estate.prison.code]), {"q": "x" * 10_000})

    assert response.status_code == 200
    assert "Name or prison number must be 100 characters or fewer" in response.content.decode()


def test_a_request_the_service_cannot_read_is_a_bad_request(debug, pom, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    fields = {f"field{n}": "x" for n in range(10)}

    service_page(pom.post(reverse("calculate-json"), fields), 400, "There is a problem with what was sent")


def test_a_fault_is_a_page_with_a_reference_and_is_logged(debug, pom, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("resettle.people.views.selectors.prisons_with_population", broken)

    html = service_page(pom.get(reverse("prison-list")), 500, "Sorry, there is a problem with the service")

    assert "give this reference" in html and "the database went away" not in html
    assert any(
        record.exc_info and "the database went away" in str(record.exc_info[1]) for record in caplog.records
    )


def test_api_refusals_stay_problem_details(debug, pom):
    response = pom.get("/api/v1/no-such-resource/")

    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
