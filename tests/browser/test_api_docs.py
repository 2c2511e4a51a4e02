"""The API's documentation page, in a real browser: Swagger UI from this server's own assets, under the same
Content Security Policy as every page, showing the schema and answering a call made from it."""

import pytest

from .conftest import SCREENSHOTS, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_documentation_renders_within_the_csp(signed_in, live_server):
    page = signed_in
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(f"{live_server.url}/api/v1/docs/")
    page.get_by_text("Resettle API").first.wait_for()
    page.get_by_text("/api/v1/people/{prison_number}/release-dates/").first.wait_for()

    page.locator(".opblock-summary-path[data-path='/api/v1/people/']").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.locator(".live-responses-table .response-col_status", has_text="200").first.wait_for()
    save_screenshot(page, "api-docs-whole")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".opblock.is-open").screenshot(path=str(SCREENSHOTS / "api-docs-people-search.png"))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "api-docs.png"))

    assert all(url.startswith(live_server.url) for url in requests), "nothing may come from elsewhere"
    csp_refusals = [e for e in page.console_errors if "Content Security Policy" in e]
    assert not csp_refusals, csp_refusals
