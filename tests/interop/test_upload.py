"""The import page: an administrator uploads files, sees what was stored and rejected, and downloads the
rejected records; no one else may."""

import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from resettle.accounts.roles import Role
from resettle.audit.models import Action, AuditEntry
from resettle.core.jobs import Job, RunStatus
from resettle.interop import uploads
from resettle.interop.models import LastImport
from resettle.people.models import Booking, Person
from tests.security.conftest import estate  # noqa: F401  (an estate with a user of every role)
from tests.security.users import role_user, sign_in

from .conftest import prisoner, probation_block

pytestmark = pytest.mark.django_db


def upload(name: str, records) -> SimpleUploadedFile:
    content = records if isinstance(records, str) else "\n".join(json.dumps(r) for r in records) + "\n"
    return SimpleUploadedFile(name, content.encode(), content_type="application/octet-stream")


@pytest.fixture
def admin(estate):  # noqa: F811
    return sign_in(Client(), estate.users[Role.ADMINISTRATOR])


def test_uploaded_files_are_imported_and_the_people_seen_by_their_prison(estate, admin):  # noqa: F811
    prisoners = upload("prisoners.ndjson", [prisoner("A1234BC", prisonId=estate.prison.code)])
    probation = upload("probation.csv", "prisonerNumber,crn,tier\nA1234BC,X123456,B2\n")

    response = admin.post("/import/", {"files": [prisoners, probation]}, follow=True)

    job = Job.objects.get(command="import")
    assert response.redirect_chain == [(f"/import/jobs/{job.pk}/", 302), ("/import/report/", 302)]
    assert job.status == RunStatus.FINISHED and job.result["counts"]["prisoner stored"] == 1
    assert not any(default_storage.exists(name) for name in job.arguments)  # the uploads are not kept
    report = response.content.decode()
    assert "prisoners.ndjson, probation.csv" in report and "Every record was imported" in report
    man = Person.objects.get(prison_number="A1234BC")
    assert (man.current_prison, man.crn) == (estate.prison, "X123456")
    caseload = sign_in(Client(), estate.users[Role.SPO]).get(f"/prisons/{estate.prison.code}/caseload/")
    assert "A1234BC" in caseload.content.decode()
    entry = AuditEntry.objects.get(action=Action.IMPORT)
    assert entry.actor == estate.users[Role.ADMINISTRATOR] and entry.people == ["A1234BC"]


def test_a_bad_record_is_rejected_whole_and_shown_with_its_field_and_problem(estate, admin):  # noqa: F811
    good = prisoner("A1234BC", prisonId=estate.prison.code)
    bad = prisoner("B2345CD", bookingId="1200002", prisonId=estate.prison.code, dateOfBirth="1985-02-30")
    broken = SimpleUploadedFile("broken.json", b'{"prisonerNumber": "C3456DE",')

    admin.post("/import/", {"files": [upload("mixed.ndjson", [good, bad]), broken]})

    last = LastImport.objects.get()
    assert last.counts == {"prisoner stored": 1, "rejected": 2}
    report = admin.get("/import/report/").content.decode()
    assert "2 records rejected" in report
    assert "record 2 (B2345CD)" in report and "dateOfBirth" in report and "is not a date" in report
    assert "broken.json" in report and "the whole file" in report
    assert Person.objects.filter(prison_number="A1234BC").exists()
    assert not Person.objects.filter(prison_number="B2345CD").exists()
    assert not Booking.objects.filter(booking_id="1200002").exists()


def test_the_rejected_records_are_downloaded_only_by_who_uploaded_them(estate, admin):  # noqa: F811
    bad = prisoner("B2345CD", prisonId=estate.prison.code, dateOfBirth="1985-02-30")
    admin.post("/import/", {"files": [upload("bad.ndjson", [bad])]})

    response = admin.get("/import/report/rejected.json")

    assert response["Content-Disposition"].startswith('attachment; filename="import-rejected-')
    rejected = json.loads(response.content)
    assert [(r["record"], r["field"]) for r in rejected] == [("record 1 (B2345CD)", "dateOfBirth")]
    assert rejected[0]["data"]["prisonerNumber"] == "B2345CD"
    assert AuditEntry.objects.get(action=Action.EXPORT).people == ["B2345CD"]
    other = sign_in(Client(), role_user(Role.ADMINISTRATOR, prison=estate.prison))
    for url in ("/import/report/rejected.json", "/import/report/"):
        refused = other.get(url)
        assert refused.status_code == 302 and refused["Location"] == "/import/"


def test_an_empty_submission_names_the_field_in_the_error_summary(admin):
    response = admin.post("/import/", {"person": ""})

    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert '<a href="#files">Select one or more files to import</a>' in page
    assert not LastImport.objects.exists()


def test_a_prison_number_for_crds_bookings_must_be_one(estate, admin):  # noqa: F811
    response = admin.post("/import/", {"files": [upload("b.json", "{}")], "person": "nobody"})

    assert '<a href="#person">Enter a prison number like A1234BC</a>' in response.content.decode()


def test_an_upload_over_the_limit_is_refused_unread(estate, admin, monkeypatch):  # noqa: F811
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 1024**2)
    big = [
        prisoner(f"A{n:04d}BC", bookingId=str(1200000 + n), prisonId=estate.prison.code) for n in range(3000)
    ]

    response = admin.post("/import/", {"files": [upload("big.ndjson", big)]})

    assert "The selected files must be smaller than 1 MB in total" in response.content.decode()
    assert not Person.objects.filter(prison_number="A0000BC").exists() and not LastImport.objects.exists()


def test_only_an_administrator_may_import(estate):  # noqa: F811
    spo = sign_in(Client(), estate.users[Role.SPO])

    response = spo.post("/import/", {"files": [upload("p.ndjson", [prisoner(prisonId=estate.prison.code)])]})

    assert response.status_code == 403
    assert not Person.objects.filter(prison_number="A1234BC").exists()
    assert "Import records" not in spo.get(f"/prisons/{estate.prison.code}/caseload/").content.decode()


def test_the_service_navigation_leads_an_administrator_to_the_import_page(admin):
    page = admin.get("/audit/").content.decode()

    assert '<a class="govuk-service-navigation__link" href="/import/"' in page
    # and not to case pages he cannot open
    assert 'href="/my-caseload/"' not in page and 'href="/calculate/"' not in page


def test_each_upload_replaces_the_last_report(estate, admin):  # noqa: F811
    admin.post("/import/", {"files": [upload("p.ndjson", [prisoner(prisonId=estate.prison.code)])]})
    admin.post("/import/", {"files": [upload("b.json", json.dumps(probation_block()))]})

    assert LastImport.objects.get().kinds == [{"name": "Probation blocks", "stored": 1, "unchanged": 0}]


def test_imported_people_their_dates_and_their_findings_are_in_the_screens(estate, admin):  # noqa: F811
    """The issue's end-to-end story: prisoner, probation and booking files uploaded, then the man, the
    dates calculated from his imported sentences, and what is due before his release, seen by his SPO."""
    from resettle.rules.readiness.checks import BY_ID
    from tests.interop.conftest import CRDS_BOOKING

    admin.post(
        "/import/",
        {
            "files": [
                upload("prisoners.ndjson", [prisoner("A1234BC", prisonId=estate.prison.code)]),
                upload("probation.json", [probation_block("A1234BC")]),
            ]
        },
    )
    booking = upload("booking.json", CRDS_BOOKING.read_text())
    admin.post("/import/", {"files": [booking], "person": "A1234BC"})
    spo = sign_in(Client(), estate.users[Role.SPO])

    person = spo.get("/people/A1234BC/").content.decode()
    readiness = spo.get("/people/A1234BC/readiness/").content.decode()

    assert "Release dates calculated by Resettle" in person and "How this date was calculated" in person
    assert "X123456" in person  # the CRN from the probation block
    man = Person.objects.get(prison_number="A1234BC")
    checks = [BY_ID[f.check_id].title for f in man.readiness_findings.all()]
    assert man.active_booking.calculation.outcome == "CALCULATED"
    assert checks and all(title in readiness for title in checks)
