"""Release dates in a real browser: how a man's calculated dates were worked out, and the calculation
page for a booking typed in. Screenshotted to artifacts/screenshots/ and checked with axe-core."""

import re

import pytest

from .conftest import check_accessibility, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_calculated_date_explains_itself(signed_in):
    page = signed_in
    page.get_by_label("Name or prison number").fill("taylor")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="Taylor, Mark").click()
    page.wait_for_url(re.compile(r"/people/G\d{4}[A-Z]{2}/$"))

    section = page.locator("section[aria-labelledby='calculated-dates-heading']")
    assert "CRD" in section.inner_text() and "Conditional release date" in section.inner_text()
    # His record in the prison system has dates that the calculation from his sentences does not give.
    assert "disagree" in section.inner_text()
    details = section.locator("details").first
    reasons = details.locator(".govuk-details__text")
    assert not reasons.is_visible()
    details.locator("summary").click()
    assert reasons.is_visible() and reasons.locator("li").count() >= 1
    check_accessibility(page)
    save_screenshot(page, "person-calculated-dates")
    assert page.console_errors == []


def test_a_typed_in_booking_is_calculated(signed_in):
    page = signed_in
    page.get_by_role("link", name="Calculate release dates").click()
    page.wait_for_url(re.compile(r"/calculate/$"))
    check_accessibility(page)

    birth = page.get_by_role("group", name="Date of birth")
    birth.get_by_label("Day").fill("1")
    birth.get_by_label("Month").fill("1")
    birth.get_by_label("Year").fill("1980")
    sentence = page.get_by_role("group", name="Sentence 1", exact=True)
    sentence.get_by_label("Sentence type").select_option("ADIMP_ORA")
    for name, (day, month, year) in (
        ("Sentence date", ("1", "3", "2023")),
        ("Offence date", ("1", "6", "2022")),
    ):
        group = sentence.get_by_role("group", name=name)
        group.get_by_label("Day").fill(day)
        group.get_by_label("Month").fill(month)
        group.get_by_label("Year").fill(year)
    sentence.get_by_role("group", name="Length").get_by_label("Years").fill("4")
    page.get_by_label("Remand days").fill("10")
    page.get_by_role("button", name="Calculate").click()

    result = page.locator(".app-calculator-result")
    result.wait_for()
    text = result.inner_text()
    # 1,461 days from 1 March 2023, released at 40% on day 585 (5 October 2024), less 10 days of remand.
    assert "25 September 2024" in text and "Calculated under:" in text
    result.locator("details").nth(1).locator("summary").click()
    check_accessibility(page)
    save_screenshot(page, "calculator-result")
    assert page.console_errors == []
