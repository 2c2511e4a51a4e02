"""Projections in a real browser (issue 11): the national page, a region, Dartmoor's charts beside their
tables, and a what-if of sds-50 against the official run, started by a national lead. Screenshots go to
artifacts/screenshots/ and each page is checked with axe-core."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.accounts.roles import Role
from resettle.projections.models import ProjectionRun
from resettle.projections.services import run_projection
from tests.security.users import role_user

from .conftest import TODAY, check_accessibility, save_screenshot, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def national_lead(caseload):
    run_projection(as_of=TODAY, months=24, paths=100, seed=1)
    lead = role_user(Role.NATIONAL_LEAD, username="alison.lead")
    TOTPDevice.objects.create(user=lead, name="Authenticator app", confirmed=True)
    return lead


def test_the_projection_pages_and_a_what_if(national_lead, page, live_server):
    sign_in_as(page, live_server, national_lead)

    page.get_by_role("link", name="Projections").click()
    page.wait_for_url(re.compile(r"/projections/$"))
    assert page.get_by_role(
        "heading", name="Releases and the work they bring: England and Wales"
    ).is_visible()
    assert page.locator("svg.app-chart__svg").count() == 4
    check_accessibility(page)
    save_screenshot(page, "projection-national")

    page.get_by_role("link", name="South West").click()
    page.get_by_role("link", name="HMP Dartmoor").click()
    page.wait_for_url(re.compile(r"/prisons/DAI/projection/$"))
    main = page.locator("main").inner_text()
    assert (
        "4 POMs on file × 50 cases each" in main
    )  # the three named and the signed-in POM and "Releases by risk" in main
    assert page.locator(".app-chart__history").count() == 1  # the year that happened, before the projection
    table = page.get_by_role("region", name="Releases each month as a table")
    assert table.locator("tbody tr").count() == 12 + 24
    check_accessibility(page)
    save_screenshot(page, "projection-prison")

    page.get_by_role("link", name="Run a what-if instead").click()
    page.get_by_label("Release-date rules").select_option("sds-50")
    page.get_by_label("Paths").fill("100")
    page.get_by_role("button", name="Run the what-if").click()
    page.wait_for_url(re.compile(r"/projections/what-if/$"))
    what_if = ProjectionRun.objects.first()
    assert what_if.profile == "sds-50" and what_if.status == ProjectionRun.Status.FINISHED
    assert page.get_by_role("heading", name=f"What-if {what_if.pk}: sds-50").is_visible()
    assert "the surge the live rules bring" in page.locator("main").inner_text()
    check_accessibility(page)
    save_screenshot(page, "projection-what-if")
    assert not page.console_errors
