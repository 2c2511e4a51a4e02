"""Release readiness in a real browser: the prison dashboard, a worklist, one man's timeline, a plan form.

Each page is screenshotted to artifacts/screenshots/ and checked with axe-core.
"""

import re
from datetime import timedelta

import pytest

from resettle.demo.plans import generate_plans
from resettle.people.models import Person

from .conftest import TODAY, check_accessibility, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def readiness(caseload):
    """Dartmoor's men with Dartmoor-like plan records, evaluated."""
    generate_plans(seed=3, today=TODAY)
    return caseload


def test_dashboard_worklist_and_timeline(readiness, signed_in, live_server):
    page = signed_in
    page.goto(f"{live_server.url}/prisons/DAI/dashboard/")
    assert page.get_by_role("heading", name="Release readiness").is_visible()
    assert "22 men in custody" in page.locator("main").inner_text()
    assert page.locator(".app-chart__bar").count() > 0
    red = int(page.locator(".app-rag-card--red .app-rag-card__count").inner_text())
    assert red > 0  # Dartmoor-like gaps show
    check_accessibility(page)
    save_screenshot(page, "dashboard")

    page.locator(".app-worklist-links").get_by_role("link", name="Overdue").click()
    page.wait_for_url(re.compile(r"/worklists/overdue/$"))
    rows = page.locator("#worklist-results tbody tr")
    assert rows.count() > 0
    assert "overdue" in rows.first.inner_text()
    check_accessibility(page)
    save_screenshot(page, "worklist-overdue")

    page.locator(".app-worklist-menu").get_by_role(
        "link", name="MAPPA-eligible, no level 6 months before release"
    ).click()
    page.wait_for_url(re.compile(r"/worklists/mappa-no-level/$"))
    check_accessibility(page)

    assert "Murphy, Connor" in page.locator("#worklist-results").inner_text()  # category 3, level 0
    page.locator("#worklist-results").get_by_role("link", name="Murphy, Connor").click()
    page.wait_for_url(re.compile(r"/people/[A-Z]\d{4}[A-Z]{2}/#readiness$"))
    assert page.locator("#step-mappa-level-set .govuk-tag--red").is_visible()  # overdue, on his page
    page.goto(page.url.split("#")[0] + "readiness/")
    timeline = page.locator("#readiness-timeline")
    assert "MAPPA Q screening done and MAPPA level set" in timeline.inner_text()
    assert page.locator("#check-mappa-level-set .govuk-tag--red").is_visible()
    check_accessibility(page)
    save_screenshot(page, "readiness-timeline")

    # A POM edits his own man's plan: a date in the future is refused with a GOV.UK error.
    mine = Person.objects.get(last_name="Abbott")
    page.goto(f"{live_server.url}/people/{mine.prison_number}/readiness/accommodation/")
    page.get_by_label("Where he will live (MI014 category)").select_option("SETTLED")
    page.locator("#id_confirmed_on_day").fill("1")
    page.locator("#id_confirmed_on_month").fill("1")
    page.locator("#id_confirmed_on_year").fill("2030")
    page.get_by_role("button", name="Save").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert "must be today or in the past" in page.locator(".govuk-error-summary").inner_text()
    check_accessibility(page)
    save_screenshot(page, "readiness-form-error")
    assert not page.console_errors


@pytest.fixture
def evaluated(caseload):
    """Dartmoor's men with no plan records yet, evaluated: every step of his plan is still to do."""
    from resettle.plans.services import refresh_readiness

    refresh_readiness(Person.objects.values_list("pk", flat=True), today=TODAY)
    return caseload


def test_a_pom_records_a_due_step_from_his_page(evaluated, signed_in, live_server):
    """Issue 18: from My cases to a man's page, his due step, recorded there, and no longer due."""
    page = signed_in
    page.get_by_role("link", name="My cases").click()
    page.wait_for_url("**/my-caseload/")
    page.locator("#my-caseload").get_by_role("link", name="Abbott, Daniel").click()
    page.wait_for_url(re.compile(r"/people/[A-Z0-9]+/$"))

    step = page.locator("#step-day-one-appointment")
    assert "Due by" in step.inner_text()
    assert page.locator("#readiness").get_by_role("heading", name="Due in the next 4 weeks").is_visible()
    check_accessibility(page)
    save_screenshot(page, "person-readiness")

    step.get_by_role("link", name="Update the day-one appointment").click()
    page.wait_for_url(re.compile(r"/readiness/day-one/$"))
    release = TODAY + timedelta(days=12)  # Daniel Abbott's CRD
    page.locator("#id_appointment_on_day").fill(str(release.day))
    page.locator("#id_appointment_on_month").fill(str(release.month))
    page.locator("#id_appointment_on_year").fill(str(release.year))
    page.get_by_label("Where (probation office)").fill("Plymouth probation office")
    page.get_by_role("button", name="Save").click()

    page.wait_for_url(re.compile(r"/people/[A-Z0-9]+/#readiness$"))
    assert "Day-one appointment: saved" in page.locator(".govuk-notification-banner--success").inner_text()
    assert page.locator("#step-day-one-appointment").count() == 0
    assert "COM appointment on the day of release" not in page.locator("#readiness").inner_text()
    check_accessibility(page)
    save_screenshot(page, "person-readiness-recorded")
    assert not page.console_errors
