"""Transfer planning in a real browser (issue 10): the national plan, Dartmoor's moves with the bed-pressure
chart, a decision on a proposal, the unplaced list and the man's page. Screenshots go to
artifacts/screenshots/ and each page is checked with axe-core."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.accounts.roles import Role
from resettle.estate.models import Prison
from resettle.people.models import Person
from resettle.planning.models import Transfer
from resettle.planning.services import run_transfer_plan
from tests.security.users import role_user

from .conftest import TODAY, check_accessibility, save_screenshot, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def planned(caseload):
    """Exeter becomes the resettlement prison serving Plymouth, with four free places; Dartmoor's men are
    category C; the plan is run."""
    exeter = Prison.objects.get(code="EXI")
    Prison.objects.filter(code="EXI").update(
        is_resettlement_prison=True,
        accepts_sexual_offences=True,
        operational_capacity=4,
        latitude=50.73,
        longitude=-3.535,
    )
    Prison.objects.filter(code="DAI").update(latitude=50.549, longitude=-3.995)
    dartmoor_men = Person.objects.filter(current_prison__code="DAI")
    exeter.release_areas_served.add(dartmoor_men.first().release_area)
    dartmoor_men.update(security_category="C")
    run_transfer_plan(as_of=TODAY, horizon_weeks=26)
    spo = role_user(Role.SPO, username="sam.spo", prison=Prison.objects.get(code="DAI"))
    TOTPDevice.objects.create(user=spo, name="Authenticator app", confirmed=True)
    return spo


def test_the_plan_a_prisons_moves_and_a_decision(planned, page, live_server):
    sign_in_as(page, live_server, planned)

    page.get_by_role("link", name="Transfer plan").click()
    page.wait_for_url(re.compile(r"/transfers/$"))
    assert page.get_by_role("heading", name="Transfers to resettlement prisons").is_visible()
    assert "Men in need of a transfer" in page.locator("main").inner_text()
    check_accessibility(page)
    save_screenshot(page, "transfer-plan")

    page.get_by_role("link", name="HMP Dartmoor").click()
    page.wait_for_url(re.compile(r"/prisons/DAI/transfers/$"))
    assert page.locator(".app-chart__bar--free").count() == 26
    assert "Moving out (4)" in page.locator("main").inner_text()
    check_accessibility(page)
    save_screenshot(page, "prison-transfers")

    first = Transfer.objects.order_by("proposed_on", "pk").first()
    page.goto(f"{live_server.url}/transfers/{first.pk}/decide/")
    page.get_by_label("Reject it").check()
    page.get_by_role("button", name="Save the decision").click()
    assert "Give the reason" in page.locator(".govuk-error-summary").inner_text()
    check_accessibility(page)
    save_screenshot(page, "transfer-decision-error")
    page.get_by_label("Accept the transfer").check()
    page.get_by_role("button", name="Save the decision").click()
    page.wait_for_url(re.compile(r"/prisons/DAI/transfers/$"))
    assert "Accepted" in page.locator("main").inner_text()

    page.goto(f"{live_server.url}/people/{first.person.prison_number}/")
    assert "Transfer to a resettlement prison" in page.locator("#transfer").inner_text()
    check_accessibility(page)

    page.goto(f"{live_server.url}/transfers/unplaced/")
    assert page.get_by_role("heading", name="Men who cannot be placed").is_visible()
    check_accessibility(page)
    save_screenshot(page, "transfers-unplaced")
    assert not page.console_errors
