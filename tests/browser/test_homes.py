"""Issue 18 §5: every role, in a real browser, starts at its home page and reaches a man's due step from
there, through the links a member of staff would follow; those who may record it (a POM, a COM, an SPO) do,
and those who only read (a governor, a MAPPA coordinator, the leads, an inspector) are offered no form. Every page is screenshotted to
artifacts/screenshots/ and checked with axe-core."""

import re
from datetime import timedelta

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.accounts.models import InspectionGrant
from resettle.accounts.roles import Role
from resettle.demo.plans import generate_plans
from resettle.estate.models import Prison
from resettle.staff.models import StaffMember, StaffRole
from tests.security.users import role_user

from .conftest import TODAY, check_accessibility, save_screenshot, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dartmoor(caseload):
    """Dartmoor's men with Dartmoor-like plan records, evaluated; and an empty prison in its region."""
    generate_plans(seed=3, today=TODAY)
    return Prison.objects.get(code="DAI")


def user_for(role: Role, dartmoor: Prison):
    """A user of `role` scoped as the demo's is: to Dartmoor, its region or its release area."""
    scoped = {"prison": dartmoor, "region": dartmoor.region}
    if role == Role.COM:
        staff = StaffMember.objects.filter(role=StaffRole.COM, last_name="Price").get()
        user = role_user(role, username="helen.price", staff=staff, pdu=staff.pdu, **scoped)
    else:
        user = role_user(role, username=role.value.lower().replace(" ", "-"), **scoped)
    if role == Role.INSPECTOR:
        InspectionGrant.objects.create(
            inspector=user,
            prison=dartmoor,
            starts_on=TODAY - timedelta(days=7),
            ends_on=TODAY + timedelta(days=21),
        )
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def looked_at(page, name: str) -> None:
    check_accessibility(page)
    save_screenshot(page, name)


def open_a_man_with_a_step_due(page, table: str) -> None:
    """From a list of men, open the first one's page and find a step due or overdue there."""
    page.locator(table).locator("tbody tr").first.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/people/[A-Z]\d{4}[A-Z]{2}/(#readiness)?$"))
    steps = page.locator("#readiness .app-steps .govuk-summary-list__row")
    assert steps.count() > 0
    assert steps.first.is_visible()


def record_the_first_step(page, name: str) -> None:
    """Record the first step on his page that a date records (screening, reports, ID, bank account, the
    day-one appointment), with the form its link opens (every date it asks for given as today), and see it
    gone from his steps."""
    steps = page.locator("#readiness .app-steps .govuk-summary-list__row")
    recorded_by_a_date = ".govuk-summary-list__actions a[href*='/readiness/resettlement/'], " + (
        ".govuk-summary-list__actions a[href*='/readiness/day-one/']"
    )
    step = steps.filter(has=page.locator(recorded_by_a_date)).first
    step_id = step.get_attribute("id")
    step.locator(recorded_by_a_date).first.click()
    page.wait_for_url(re.compile(r"/readiness/[a-z-]+/$"))
    for day in page.locator("input[id$='_day']").all():
        if not day.input_value():
            field = day.get_attribute("id").removesuffix("_day")
            for part, value in (("day", TODAY.day), ("month", TODAY.month), ("year", TODAY.year)):
                page.locator(f"#{field}_{part}").fill(str(value))
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/people/[A-Z]\d{4}[A-Z]{2}/#"))
    assert "saved" in page.locator(".govuk-notification-banner--success").inner_text()
    assert page.locator(f"#{step_id}").count() == 0, f"{step_id} is still to do"
    looked_at(page, f"home-{name}-recorded")


def from_the_dashboard_to_a_man(page, name: str) -> None:
    """A check's overdue count on the dashboard leads to its steps alone, and a man's timeline."""
    first_check = page.locator("main table").last.locator("tbody tr").first
    check_title = first_check.locator("td").first.inner_text()
    first_check.locator("td").nth(1).get_by_role("link").click()
    page.wait_for_url(re.compile(r"/worklists/overdue/\?check="))
    assert check_title in page.locator("main").inner_text()
    looked_at(page, f"home-{name}-worklist-by-check")
    open_a_man_with_a_step_due(page, "#worklist-results")
    looked_at(page, f"home-{name}-readiness")


@pytest.mark.parametrize("role", [Role.POM, Role.COM])
def test_a_pom_or_com_starts_at_his_cases_and_opens_one(role, dartmoor, page, live_server):
    if role == Role.POM:
        user = role_user(
            Role.POM, username="priya.shah", prison=dartmoor, staff=StaffMember.objects.get(last_name="Shah")
        )
        TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    else:
        user = user_for(role, dartmoor)
    sign_in_as(page, live_server, user)
    page.wait_for_url(re.compile(r"/my-caseload/$"))
    assert page.get_by_role("heading", name="My caseload").is_visible()
    looked_at(page, f"home-{role.value.lower()}")
    open_a_man_with_a_step_due(page, "main table")
    looked_at(page, f"home-{role.value.lower()}-readiness")
    record_the_first_step(page, role.value.lower())
    assert page.console_errors == []


@pytest.mark.parametrize("role", [Role.SPO, Role.GOVERNOR])
def test_an_spo_or_governor_starts_at_his_prisons_dashboard(role, dartmoor, page, live_server):
    header = at_home(page, live_server, user_for(role, dartmoor), r"/prisons/DAI/dashboard/$")
    main = page.locator("main").inner_text()
    assert "Red: men with a step overdue" in main and "%" in main
    assert "HMP Dartmoor" in header
    name = role.value.lower()
    looked_at(page, f"home-{name}")
    from_the_dashboard_to_a_man(page, name)
    if role == Role.SPO:
        record_the_first_step(page, name)
    else:  # the governor oversees; his prison's staff record
        assert page.locator("#readiness .govuk-summary-list__actions a").count() == 0
    assert page.console_errors == []


def at_home(page, live_server, user, home: str) -> str:
    """Sign `user` in, see that he lands on `home`, and say what the header names him working on."""
    sign_in_as(page, live_server, user)
    page.wait_for_url(re.compile(home))
    return page.locator(".moj-header").inner_text()


def test_a_mappa_coordinator_starts_at_the_men_without_a_level(dartmoor, page, live_server):
    user = user_for(Role.MAPPA_COORDINATOR, dartmoor)
    assert "South West" in at_home(page, live_server, user, r"/prisons/DAI/worklists/mappa-no-level/$")
    assert re.search(r" of \d+ m[ae]n$", page.locator(".app-results-count").inner_text().strip())
    looked_at(page, "home-mappa")
    open_a_man_with_a_step_due(page, "#worklist-results")
    assert page.locator("#step-mappa-level-set").is_visible()
    looked_at(page, "home-mappa-readiness")
    assert page.locator("#readiness .govuk-summary-list__actions a").count() == 0, (
        "he reads; he records nothing"
    )
    assert page.console_errors == []


@pytest.mark.parametrize("role", [Role.REGIONAL_LEAD, Role.NATIONAL_LEAD, Role.INSPECTOR])
def test_a_lead_or_inspector_starts_at_the_prisons_he_oversees(role, dartmoor, page, live_server):
    header = at_home(page, live_server, user_for(role, dartmoor), r"/prisons/readiness/$")
    if role == Role.INSPECTOR:
        assert "Inspecting HMP Dartmoor" in header
    else:
        assert "HMP Dartmoor" not in header
    table = page.locator("#prisons-overview")
    assert "HMP Dartmoor" in table.inner_text()
    name = role.value.lower().replace(" ", "-")
    looked_at(page, f"home-{name}")
    table.get_by_role("link", name=re.compile("HMP Dartmoor")).click()
    page.wait_for_url(re.compile(r"/prisons/DAI/dashboard/$"))
    looked_at(page, f"home-{name}-dashboard")
    from_the_dashboard_to_a_man(page, name)
    assert page.locator("#readiness .govuk-summary-list__actions a").count() == 0, (
        "he reads; he records nothing"
    )
    assert page.console_errors == []


def test_an_empty_prisons_dashboard_says_so(dartmoor, page, live_server):
    at_home(page, live_server, user_for(Role.NATIONAL_LEAD, dartmoor), r"/prisons/readiness/$")
    page.locator("#prisons-overview").get_by_role("link", name=re.compile("HMP Exeter")).click()
    page.wait_for_url(re.compile(r"/prisons/EXI/dashboard/$"))
    assert "HMP Exeter holds no men at present" in page.locator("main").inner_text()
    assert page.locator(".app-chart__svg").count() == 0
    looked_at(page, "dashboard-empty-prison")
