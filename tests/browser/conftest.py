"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, and a realistic prison caseload."""

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.accounts.roles import Role
from resettle.people.models import Adjustment, CalculatedReleaseDates, Offence, RecordedKeyDates
from resettle.people.release_dates import recalculate_bookings
from resettle.people.vocabulary import CustodyStatus, LegalStatus, RoshLevel, SentenceCalcType
from resettle.plans.models import AccommodationCategory, AccommodationPlan
from resettle.staff.models import AllocationRole, StaffRole
from tests import factories
from tests.security.users import current_code, role_user

# Playwright's sync API runs an event loop in this thread; Django refuses database calls from a thread with
# a running loop unless told the caller knows it is synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BUILT_CSS = ROOT / "build" / "static" / "resettle" / "application.css"
CHROMIUM = "/usr/bin/chromium"
TODAY = date(2026, 11, 27)
PASSWORD = "a-long-test-password"
# Three years for an offence excluded from early release and from the progression model is released at
# one half, on day 548 whenever it was passed: a sentence passed 547 days before a CRD gives that CRD.
HALF_OF_THREE_YEARS = timedelta(days=547)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Fail rather than skip: a missing browser or an unbuilt front end is a broken set-up, not an excuse.
    assert Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    assert BUILT_CSS.exists() and AXE.exists(), "Run `npm ci && npm run build` before the browser tests"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


def check_accessibility(page) -> None:
    """Run axe-core on the page and fail on any serious or critical violation."""
    # Evaluated through the DevTools protocol rather than added as a <script>: the page's Content
    # Security Policy rightly refuses inline script.
    page.evaluate(AXE.read_text())
    results = page.evaluate("async () => await axe.run(document)")
    bad = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    for violation in results["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:5]
        print(f"axe {violation['impact']}: {violation['id']} – {violation['help']} – {targets}")
    assert not bad, f"{page.url}: " + "; ".join(f"{v['id']} ({v['impact']})" for v in bad)


def save_screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# A caseload of men with the spread a POM sees: release dates from overdue to years away, every RoSH level,
# MAPPA categories with and without levels, some without a POM or COM.
CASELOAD = [
    # surname, first name, cell, days to release (None: no date), RoSH, tier, MAPPA category, MAPPA level
    ("Abbott", "Daniel", "A-1-004", 12, RoshLevel.HIGH, "B2", 2, 2),
    ("Begum", "Imran", "A-1-011", 45, RoshLevel.MEDIUM, "C1", None, None),
    ("Carter", "Luke", "A-2-003", 80, RoshLevel.VERY_HIGH, "A1", 1, 3),
    ("Doyle", "Sean", "A-2-019", 150, RoshLevel.LOW, "D0", None, None),
    ("Evans", "Rhys", "B-1-002", -4, RoshLevel.MEDIUM, "C2", 2, None),
    ("Fletcher", "Jordan", "B-1-014", 300, RoshLevel.HIGH, "B1", 3, 1),
    ("Green", "Aaron", "B-2-007", 60, "", "", None, None),
    ("Hussain", "Tariq", "B-2-021", 700, RoshLevel.LOW, "D1", None, None),
    ("Iqbal", "Omar", "C-1-001", 30, RoshLevel.HIGH, "B3", 2, 1),
    ("Jones", "Gareth", "C-1-009", 160, RoshLevel.MEDIUM, "C", None, None),
    ("Kowalski", "Piotr", "C-2-005", None, RoshLevel.VERY_HIGH, "A", 1, None),
    ("Lewis", "Nathan", "C-2-016", 20, RoshLevel.LOW, "E", None, None),
    ("Murphy", "Connor", "D-1-003", 95, RoshLevel.MEDIUM, "C3", 3, 0),
    ("Nowak", "Marek", "D-1-012", 400, RoshLevel.HIGH, "B2", None, None),
    ("O'Brien", "Liam", "D-2-008", 70, RoshLevel.LOW, "D2", None, None),
    ("Patel", "Ravi", "D-2-017", 1200, RoshLevel.MEDIUM, "C0", 2, 2),
    ("Quinn", "Declan", "E-1-006", 5, RoshLevel.HIGH, "B1", None, None),
    ("Roberts", "Kyle", "E-1-013", 140, RoshLevel.LOW, "D", None, None),
    ("Singh", "Harjit", "E-2-002", 90, RoshLevel.MEDIUM, "C1", None, None),
    ("Taylor", "Mark", "E-2-020", 40, RoshLevel.VERY_HIGH, "A2", 2, 3),
    ("Usman", "Bilal", "F-1-010", 220, "", "", None, None),
    ("Walker", "Jamie", "F-1-018", 55, RoshLevel.HIGH, "B2", None, None),
]


@pytest.fixture
def caseload(settings):
    """HMP Dartmoor with 22 men in custody, a released man and a signed-in POM. Returns the POM's user."""
    settings.RESETTLE_TODAY = TODAY.isoformat()
    region = factories.region(name="South West")
    dartmoor = factories.prison(code="DAI", name="HMP Dartmoor", region=region, category="C")
    factories.prison(code="EXI", name="HMP Exeter", region=region, category="B_LOCAL")
    plymouth = factories.pdu(name="Plymouth", region=region)
    poms = [
        factories.staff(first_name=f, last_name=s, prison=dartmoor)
        for f, s in (("Sarah", "Hughes"), ("Tom", "Bennett"), ("Priya", "Shah"))
    ]
    coms = [
        factories.staff(StaffRole.COM, first_name=f, last_name=s, pdu=plymouth)
        for f, s in (("Helen", "Price"), ("David", "Owen"))
    ]
    for n, (surname, first, cell, days, rosh, tier, category, level) in enumerate(CASELOAD):
        recorded = {"sentence_start_date": TODAY - timedelta(days=400 + 37 * n)}
        if days is not None:
            recorded["conditional_release_date"] = TODAY + timedelta(days=days)
            recorded["licence_expiry_date"] = TODAY + timedelta(days=days + 540)
            recorded["sentence_expiry_date"] = TODAY + timedelta(days=days + 540)
        man = factories.person(
            at=dartmoor,
            prison_number=f"G{4100 + 37 * n:04d}{'ABCDEFGHJK'[n % 10]}{'XYZ'[n % 3]}",
            last_name=surname,
            first_name=first,
            cell_location=cell,
            date_of_birth=date(1970 + n, 1 + n % 12, 1 + n),
            release_area=plymouth,
            recorded=recorded,
            risk={
                "rosh_level": rosh,
                "tier": tier,
                "mappa_category": category,
                "mappa_level": level,
                "rosh_assessed_on": TODAY - timedelta(days=30 + n) if rosh else None,
            },
        )
        # Mark Taylor's sentences are his full record's (below).
        if days is not None and surname != "Taylor":
            factories.sentence(
                man,
                sentence_date=TODAY + timedelta(days=days) - HALF_OF_THREE_YEARS,
                years=3,
                early_release_exclusions=["VIOLENT", "PROGRESSION_MODEL_SCHEDULE_13_PART_3"],
            )
        if n % 5 != 4:
            factories.allocate(man, poms[n % 3])
        if days is not None and days < 250:
            factories.allocate(man, coms[n % 2], role=AllocationRole.COM)
    factories.person(at=dartmoor, current_prison=None, status=CustodyStatus.RELEASED, last_name="Released")
    _give_a_full_record(dartmoor, poms, coms)
    # The factories write rows directly, as no service does: calculate every booking once, after them all.
    recalculate_bookings()
    _record_the_calculated_expiry_dates(but_not="Taylor")
    pom = role_user(
        Role.POM,
        username="sarah.hughes",
        prison=dartmoor,
        first_name="Sarah",
        last_name="Hughes",
        staff=poms[0],
    )
    TOTPDevice.objects.create(user=pom, name="Authenticator app", confirmed=True)
    return pom


def give_the_second_factor(page, user) -> None:
    page.wait_for_url("**/sign-in/two-factor?*")
    page.get_by_label("Code from your authenticator app").fill(current_code(user))
    page.get_by_role("button", name="Continue").click()


def sign_in_as(page, live_server, user) -> None:
    """Both steps of signing in, as `user` does: password, then the authenticator's code."""
    page.goto(f"{live_server.url}/sign-in")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    give_the_second_factor(page, user)


def _record_the_calculated_expiry_dates(but_not: str) -> None:
    """The prison system agrees with Resettle on everyone's expiry dates except one man's, whose record
    shows what a disagreement looks like."""
    for calculation in CalculatedReleaseDates.objects.filter(dates__has_key="SLED").exclude(
        booking__person__last_name=but_not
    ):
        expiry = date.fromisoformat(calculation.dates["SLED"])
        RecordedKeyDates.objects.filter(booking=calculation.booking_id).update(
            licence_expiry_date=expiry, sentence_expiry_date=expiry
        )


@pytest.fixture
def signed_in(page, live_server, caseload):
    """The POM signed in (her home is her cases), then on her prison's caseload."""
    sign_in_as(page, live_server, caseload)
    page.wait_for_url("**/my-caseload/")
    page.goto(f"{live_server.url}/prisons/DAI/caseload/")
    return page


def _give_a_full_record(dartmoor, poms, coms):
    """Mark Taylor gets everything the person page can show."""
    from resettle.people.models import Person

    man = Person.objects.get(last_name="Taylor")
    man.pnc_number, man.crn, man.legal_status = "14/283746K", "X482913", LegalStatus.SENTENCED
    man.save()
    man.risk.mappa_level_set_on = date(2026, 9, 14)
    man.risk.subject_to_notification = False
    man.risk.save()
    first = factories.sentence(
        man,
        case_reference="T20230117",
        court="Exeter Crown Court",
        years=4,
        months=6,
        case_sequence=1,
        line_sequence=1,
        early_release_exclusions=["VIOLENT"],
    )
    second = factories.sentence(
        man,
        case_reference="T20230117",
        court="Exeter Crown Court",
        calc_type=SentenceCalcType.EDS21,
        years=6,
        extension_years=4,
        case_sequence=1,
        line_sequence=2,
        consecutive_to=first,
        is_sds_plus=True,
    )
    Offence.objects.create(
        sentence=second,
        description="Wounding with intent to do grievous bodily harm",
        offence_code="OF61016",
        committed_on=date(2022, 5, 14),
        is_violent=True,
        is_schedule_15=True,
    )
    Adjustment.objects.create(
        booking=man.active_booking,
        adjustment_type="REMAND",
        days=112,
        from_date=date(2022, 9, 1),
        to_date=date(2022, 12, 21),
    )
    factories.allocate(man, poms[0], allocated_on=date(2026, 1, 12))
    factories.allocate(
        man,
        factories.staff(first_name="Chris", last_name="Lee", prison=dartmoor),
        role=AllocationRole.CO_WORKING_POM,
    )
    factories.allocate(
        man,
        factories.staff(first_name="Alan", last_name="Ward"),
        allocated_on=date(2024, 3, 1),
        ended_on=date(2025, 12, 31),
        reason="Moved from HMP Exeter",
    )
    AccommodationPlan.objects.create(
        person=man,
        category=AccommodationCategory.APPROVED_PREMISES,
        address="Approved premises, 12 North Road East\nPlymouth PL4 6AS",
    )
