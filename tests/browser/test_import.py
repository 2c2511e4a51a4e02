"""An administrator imports a file with a bad record in a real browser and reads the report.
Screenshotted to artifacts/screenshots/ and checked with axe-core."""

import json
import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from resettle.accounts.roles import Role
from resettle.people.models import Person
from tests.interop.conftest import prisoner
from tests.security.users import role_user

from .conftest import PASSWORD, check_accessibility, give_the_second_factor, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_importing_a_file_with_a_bad_record(page, live_server, caseload, tmp_path):
    records = [
        prisoner("G7001KP", bookingId="2400001", prisonId="DAI", firstName="Ashley", lastName="Pryce"),
        prisoner("G7002KP", bookingId="2400002", prisonId="DAI", dateOfBirth="1991-02-30"),
        prisoner("G7003KP", bookingId="2400003", prisonId="DAI", firstName="Callum", lastName="Reid"),
    ]
    upload = tmp_path / "dartmoor-receptions.ndjson"
    upload.write_text("\n".join(json.dumps(record) for record in records) + "\n", encoding="utf-8")
    admin = role_user(Role.ADMINISTRATOR, username="admin", first_name="Sam", last_name="Ellery")
    TOTPDevice.objects.create(user=admin, name="Authenticator app", confirmed=True)

    page.goto(f"{live_server.url}/sign-in")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    give_the_second_factor(page, admin)
    page.get_by_role("link", name="Import records").click()
    page.wait_for_url(re.compile(r"/import/$"))

    page.get_by_role("button", name="Import files").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_role("link", name="Select one or more files to import").is_visible()
    check_accessibility(page)
    save_screenshot(page, "import-error")

    page.get_by_label("Files to import").set_input_files(upload)
    page.get_by_role("button", name="Import files").click()
    page.wait_for_url(re.compile(r"/import/report/$"))

    main = page.locator("main").inner_text()
    assert "1 record rejected" in main and re.search(r"People changed\s+2", main)
    rejected = page.get_by_role("table").filter(has_text="Problem")
    assert "record 2 (G7002KP)" in rejected.inner_text() and "dateOfBirth" in rejected.inner_text()
    assert page.get_by_role("link", name=re.compile("Download the rejected records")).is_visible()
    assert set(
        Person.objects.filter(prison_number__startswith="G700").values_list("last_name", flat=True)
    ) == {
        "Pryce",
        "Reid",
    }
    check_accessibility(page)
    save_screenshot(page, "import-report")
    assert page.console_errors == []


def test_an_import_in_progress_shows_how_far_it_has_got_and_asks_again(page, live_server):
    """With a worker doing the import, the uploader's page counts the records read as they are read, and
    goes on to the report when the import has finished (or shows why it failed)."""
    from resettle.core.jobs import Job, RunStatus

    admin = role_user(Role.ADMINISTRATOR, username="admin", first_name="Sam", last_name="Ellery")
    TOTPDevice.objects.create(user=admin, name="Authenticator app", confirmed=True)
    job = Job.objects.create(
        command="import",
        arguments=["imports/x/0/national.ndjson"],
        requested_by=admin,
        status=RunStatus.RUNNING,
        done=42_000,
    )
    page.goto(f"{live_server.url}/sign-in")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    give_the_second_factor(page, admin)

    page.goto(f"{live_server.url}/import/jobs/{job.pk}/")

    assert page.get_by_role("status").inner_text() == "42,000 records read."
    check_accessibility(page)
    save_screenshot(page, "import-progress")
    Job.objects.filter(pk=job.pk).update(done=84_000)
    expect(page.get_by_role("status")).to_have_text("84,000 records read.", timeout=10_000)
    Job.objects.filter(pk=job.pk).update(status=RunStatus.FAILED, error="DatabaseError: the disk is full")
    expect(page.locator(".govuk-error-summary")).to_be_visible(timeout=10_000)
    main = page.locator("main").inner_text()
    assert "The import failed" in main and "DatabaseError: the disk is full" in main
    check_accessibility(page)
    save_screenshot(page, "import-failed")
