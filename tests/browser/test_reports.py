"""The inspection report in a real browser (issue 12): an inspector opens Dartmoor's report, follows a
figure to the men behind it, and downloads the PDF, whose pages are rendered to PNG to be looked at.
Screenshots go to artifacts/screenshots/ and each page is checked with axe-core."""

import re
import subprocess

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.accounts.models import InspectionGrant
from resettle.accounts.roles import Role
from resettle.estate.models import Prison
from resettle.reports.report import default_period
from resettle.reports.services import take_snapshot
from tests.security.users import role_user

from .conftest import SCREENSHOTS, TODAY, check_accessibility, save_screenshot, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def inspector(caseload):
    take_snapshot(default_period(TODAY))
    user = role_user(Role.INSPECTOR, username="martin.inspector")
    InspectionGrant.objects.create(
        inspector=user, prison=Prison.objects.get(code="DAI"), starts_on=TODAY, ends_on=TODAY
    )
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def test_an_inspector_reads_the_report_the_men_behind_a_figure_and_the_pdf(inspector, page, live_server):
    sign_in_as(page, live_server, inspector)
    page.goto(f"{live_server.url}/prisons/DAI/report/")
    assert page.get_by_role("heading", name="Release planning: HMP Dartmoor").is_visible()
    main = page.locator("main").inner_text()
    assert "Held under MAPPA" in main and "South West" in main and "England and Wales" in main
    check_accessibility(page)
    save_screenshot(page, "report-prison")

    page.get_by_role("row", name=re.compile("^Held under MAPPA")).get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/prisons/DAI/report/under-mappa/"))
    assert page.get_by_role("heading", name="Held under MAPPA").is_visible()
    assert page.locator("tbody tr").count() >= 1
    check_accessibility(page)
    save_screenshot(page, "report-men-behind")

    page.goto(f"{live_server.url}/prisons/DAI/report/")
    with page.expect_download() as download:
        page.get_by_role("link", name="The report as PDF").click()
    pdf = SCREENSHOTS / "report-prison.pdf"
    download.value.save_as(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(pdf), str(SCREENSHOTS / "report-prison-pdf")], check=True
    )
    assert (SCREENSHOTS / "report-prison-pdf-1.png").exists()
    assert not page.console_errors
