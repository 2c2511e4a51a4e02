"""Setting up two-factor sign-in, and the administrator's audit trail, in a real browser.
Screenshotted to artifacts/screenshots/ and checked with axe-core."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.accounts.roles import Role
from resettle.accounts.two_factor import issue_enrolment_code
from resettle.audit import chain
from tests.security.users import current_code, role_user

from .conftest import PASSWORD, check_accessibility, give_the_second_factor, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_setting_up_two_factor_sign_in(page, live_server, caseload):
    spo = role_user(
        Role.SPO, username="spo", prison=caseload.caseload_prison, first_name="Jo", last_name="Kerr"
    )

    code = issue_enrolment_code(spo)

    sign_in(page, live_server, "spo")
    page.wait_for_url(re.compile(r"/sign-in/two-factor/set-up\?"))
    check_accessibility(page)
    save_screenshot(page, "two-factor-enrolment-code")
    page.get_by_label("Enrolment code").fill(code)
    page.get_by_role("button", name="Continue").click()
    assert page.locator("svg.app-qr-code").is_visible()
    check_accessibility(page)
    save_screenshot(page, "two-factor-set-up")

    page.get_by_label("Code from your authenticator app").fill(current_code(spo))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/prisons/DAI/dashboard/$"))  # an SPO's home is his prison's dashboard
    assert TOTPDevice.objects.get(user=spo).confirmed
    assert page.console_errors == []


def test_the_audit_trail_shows_who_looked_at_whom(page, live_server, signed_in, caseload):
    page.get_by_label("Name or prison number").fill("taylor")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="Taylor, Mark").click()
    page.wait_for_url(re.compile(r"/people/(G\d{4}[A-Z]{2})/$"))
    prison_number = page.url.rstrip("/").rsplit("/", 1)[1]
    page.goto(f"{live_server.url}/prisons/DAI/caseload/?q={'taylor' * 500}")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in$"))
    chain.seal()  # what each process does within seconds (the tests seal when they mean to)

    admin = role_user(Role.ADMINISTRATOR, username="admin", first_name="Sam", last_name="Ellery")
    TOTPDevice.objects.create(user=admin, name="Authenticator app", confirmed=True)
    sign_in(page, live_server, "admin")
    give_the_second_factor(page, admin)
    page.wait_for_url(re.compile(r"/audit/$"))
    page.get_by_label("Prison number").fill(prison_number)
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"person="))

    table = page.locator(".app-audit-table").inner_text()
    assert "Viewed a person's record" in table and "sarah.hughes" in table
    assert page.get_by_role("link", name=re.compile("subject access export")).is_visible()
    check_accessibility(page)
    save_screenshot(page, "audit-trail")

    # Issue 18 §6: the whole trail, a 3,000-character search among it, fits the page; what is sealed says so.
    page.get_by_role("link", name="Clear filters").click()
    page.wait_for_url(re.compile(r"/audit/$"))
    table = page.locator(".app-audit-table")
    assert "prison: DAI" in table.inner_text() and "D, A, I" not in table.inner_text()
    assert page.get_by_text("Show all 3,000 characters").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    sealed = table.locator(".govuk-tag").all_inner_texts()
    assert "Not yet" in sealed[0] and any(tag.startswith("No. ") for tag in sealed)
    check_accessibility(page)
    save_screenshot(page, "audit-trail-unfiltered")
    assert page.console_errors == []
