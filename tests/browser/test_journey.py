"""A POM's day, in a real browser: sign in, find the men due out soon, sort, search, open a record.

Every page is screenshotted to artifacts/screenshots/ and checked with axe-core.
"""

import re

import pytest

from .conftest import PASSWORD, check_accessibility, give_the_second_factor, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shown_names(page) -> list[str]:
    return page.locator("#caseload-results tbody tr td:first-child").all_inner_texts()


def test_pom_journey(page, live_server, caseload):
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/sign-in")
    # The stylesheet and GOV.UK Frontend's JavaScript were served and ran.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.moj-header')).backgroundColor")
        == "rgb(11, 12, 12)"
    )
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    check_accessibility(page)
    save_screenshot(page, "sign-in")

    page.get_by_label("Username").fill("sarah.hughes")
    page.get_by_label("Password").fill("not-her-password")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator(".govuk-error-summary").is_visible()
    # GOV.UK Frontend moves focus to the summary once its module has run.
    page.wait_for_function("document.activeElement === document.querySelector('.govuk-error-summary')")
    check_accessibility(page)
    save_screenshot(page, "sign-in-error")

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/sign-in/two-factor\?"))
    check_accessibility(page)
    save_screenshot(page, "two-factor-code")
    give_the_second_factor(page, caseload)
    page.wait_for_url(re.compile(r"/my-caseload/$"))  # a POM's home is her cases
    header = page.locator(".moj-header").inner_text()
    assert "Sarah Hughes" in header and "HMP Dartmoor" in header
    page.locator("#navigation").get_by_role("link", name="Caseload").click()
    page.wait_for_url(re.compile(r"/prisons/DAI/caseload/$"))
    assert "Showing 1 to 22 of 22 people" in page.locator(".app-results-count").inner_text()
    assert shown_names(page)[:3] == [
        "Evans, Rhys",
        "Quinn, Declan",
        "Abbott, Daniel",
    ]  # soonest release first
    check_accessibility(page)
    save_screenshot(page, "caseload")

    page.get_by_label("Within 12 weeks").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"release=12-weeks"))
    within_12_weeks = [
        "Evans, Rhys",
        "Quinn, Declan",
        "Abbott, Daniel",
        "Lewis, Nathan",
        "Iqbal, Omar",
        "Taylor, Mark",
        "Begum, Imran",
        "Walker, Jamie",
        "Green, Aaron",
        "O'Brien, Liam",
        "Carter, Luke",
    ]
    assert shown_names(page) == within_12_weeks
    assert "Showing 1 to 11 of 11 people" in page.locator(".app-results-count").inner_text()
    check_accessibility(page)
    save_screenshot(page, "caseload-within-12-weeks")

    page.locator("thead").get_by_role("link", name="RoSH").click()
    page.wait_for_url(re.compile(r"sort=rosh"))
    assert page.locator("th[aria-sort='descending']").inner_text().strip() == "RoSH"
    assert shown_names(page)[:2] == ["Carter, Luke", "Taylor, Mark"]  # very high first, then by name
    assert "release=12-weeks" in page.url  # sorting kept the filter
    check_accessibility(page)
    save_screenshot(page, "caseload-sorted-by-rosh")

    page.get_by_role("link", name="Clear filters").click()
    page.get_by_label("Name or prison number").fill("taylor")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"q=taylor"))
    assert shown_names(page) == ["Taylor, Mark"]
    check_accessibility(page)
    save_screenshot(page, "caseload-search")

    page.get_by_role("link", name="Taylor, Mark").click()
    page.wait_for_url(re.compile(r"/people/G\d{4}[A-Z]{2}/$"))
    body = page.locator("main").inner_text()
    assert "CRD — Conditional release date" in body
    assert "6 years custodial term" in body and "plus 4 years extended licence" in body
    assert "Very high" in body and "Level 3 (multi-agency management, senior)" in body
    assert "Chris Lee" in body and "Alan Ward" in body
    check_accessibility(page)
    save_screenshot(page, "person")

    page.get_by_role("link", name="Prisons").first.click()
    page.wait_for_url(re.compile(r"/prisons/$"))
    # A POM sees her own prison, not the rest of the estate.
    prisons = page.locator("main").inner_text()
    assert "HMP Dartmoor" in prisons and "HMP Exeter" not in prisons
    check_accessibility(page)
    save_screenshot(page, "prisons")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in$"))

    assert page.console_errors == []
