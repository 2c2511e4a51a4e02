"""Issue 18 §7 in a real browser: a prison outside the user's scope and a booking too large to calculate
are answered in the service's own GOV.UK pages. Screenshotted to artifacts/screenshots/ and checked with
axe-core."""

import json

import pytest

from resettle.people.forms import PASTED_BOOKING_MAX_KB
from tests import factories

from .conftest import check_accessibility, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_prison_outside_her_scope_is_a_page_not_found(signed_in, live_server, settings):
    settings.DEBUG = True  # as `make run` serves it, where Django's debug page answered
    elsewhere = factories.prison(code="LEI", name="HMP Leeds")
    page = signed_in

    response = page.goto(f"{live_server.url}/prisons/{elsewhere.code}/caseload/")

    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert "HMP Leeds" not in page.content()
    check_accessibility(page)
    save_screenshot(page, "error-page-not-found")
    # The one resource not found is the page itself: its styles and script all loaded.
    assert page.console_errors == [
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    ]


def test_a_booking_too_large_is_refused_beside_the_box(signed_in, live_server):
    page = signed_in
    page.goto(f"{live_server.url}/calculate/json/")
    pasted = json.dumps({"sentences": [{"padding": "x" * 1000}] * (PASTED_BOOKING_MAX_KB + 50)})

    page.get_by_label("Booking in CRDS JSON").fill(pasted)
    page.get_by_role("button", name="Calculate").click()

    message = f"The booking must be smaller than {PASTED_BOOKING_MAX_KB} KB"
    assert page.locator(".govuk-error-summary").inner_text().count(message) == 1
    assert message in page.locator(".govuk-error-message").inner_text()
    check_accessibility(page)
    save_screenshot(page, "calculate-json-too-large")
    assert page.console_errors == []
