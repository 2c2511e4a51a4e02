import json

import pytest
from django.core.management import call_command
from django.db import connection

from resettle.audit.models import Action, AuditEntry
from resettle.interop import probation
from resettle.interop.importer import import_files
from resettle.people.models import Booking, CalculatedReleaseDates, Person, RecordedKeyDates, Sentence
from resettle.plans.models import ReadinessSummary
from resettle.staff.models import Allocation

from .conftest import CRDS_BOOKING, prisoner, probation_block

pytestmark = pytest.mark.django_db


def test_a_prisoner_record_becomes_a_person_with_a_booking_and_recorded_dates(moorland, write):
    report = import_files([write("one.json", prisoner())])
    man = Person.objects.get(prison_number="A1234BC")
    assert (man.first_name, man.current_prison, man.security_category) == ("Rob", moorland, "C")
    assert man.active_booking.booking_id == "1200001"
    assert str(RecordedKeyDates.objects.get(booking__person=man).conditional_release_date) == "2027-06-01"
    assert report.counts["prisoner stored"] == 1 and not report.rejections
    assert ReadinessSummary.objects.filter(person=man).exists()
    assert AuditEntry.objects.filter(action=Action.IMPORT, people__icontains="A1234BC").exists()


def test_an_array_and_newline_delimited_json_are_read_alike(moorland, write):
    records = [prisoner(), prisoner("B2345CD", bookingId="1200002")]
    import_files([write("array.json", records)])
    import_files([write("lines.ndjson", "\n".join(json.dumps(r) for r in records) + "\n")])
    assert Person.objects.count() == 2


def test_reimporting_the_same_file_changes_nothing(moorland, write):
    files = [write("p.json", prisoner()), write("probation.json", probation_block())]
    import_files(files)
    import_files([write("b.json", json.loads(CRDS_BOOKING.read_text()))], person="A1234BC")
    before = AuditEntry.objects.exclude(action=Action.IMPORT).count()
    sentence_ids = set(Sentence.objects.values_list("pk", flat=True))
    again = import_files(files)
    again_booking = import_files([write("b.json", json.loads(CRDS_BOOKING.read_text()))], person="A1234BC")
    assert again.changed_people == {} and again_booking.changed_people == {}
    assert AuditEntry.objects.exclude(action=Action.IMPORT).count() == before
    assert set(Sentence.objects.values_list("pk", flat=True)) == sentence_ids


def test_the_latest_import_of_a_record_wins(moorland, write):
    import_files([write("p.json", prisoner())])
    import_files([write("p.json", prisoner(lastName="Royle"))])
    assert Person.objects.get().last_name == "Royle"


def test_a_new_booking_replaces_the_active_one(moorland, write):
    import_files([write("p.json", prisoner())])
    report = import_files([write("p.json", prisoner(bookingId="1200009", receptionDate="2026-01-05"))])
    assert report.counts["prisoner stored"] == 1
    bookings = dict(Booking.objects.values_list("booking_id", "is_active"))
    assert bookings == {"1200001": False, "1200009": True}


def test_prisoner_records_sharing_a_booking_id_in_one_file_are_all_rejected(moorland, write):
    report = import_files([write("p.json", [prisoner(), prisoner("B2345CD")])])
    assert [(r.record, r.field) for r in report.rejections] == [
        ("record 1 (A1234BC)", "bookingId"),
        ("record 2 (B2345CD)", "bookingId"),
    ]
    assert "1200001 is in this file 2 times" in report.rejections[0].problem
    assert not Person.objects.exists()


def test_a_probation_block_before_a_prisoner_record_of_the_same_man_is_kept(moorland, write):
    import_files([write("p.json", prisoner())])
    import_files([write("both.json", [probation_block(), prisoner(lastName="Royle")])])
    man = Person.objects.get()
    assert (man.crn, man.last_name) == ("X123456", "Royle")


def test_a_probation_block_sets_crn_risk_and_allocates_the_com(moorland, write):
    import_files([write("p.json", prisoner())])
    import_files(
        [
            write(
                "probation.csv",
                "prisonerNumber,crn,comName,comEmail,tier,roshLevel,mappaCategory,mappaLevel\n"
                "A1234BC,X123456,Jane Probation,jane@justice.gov.uk,B2,HIGH,2,1\n",
            )
        ]
    )
    man = Person.objects.get()
    assert man.crn == "X123456"
    assert (man.risk.tier, man.risk.rosh_level, man.risk.mappa_category, man.risk.mappa_level) == (
        "B2",
        "HIGH",
        2,
        1,
    )
    assert Allocation.objects.get(person=man, ended_on__isnull=True).staff.email == "jane@justice.gov.uk"


def test_a_com_not_yet_on_file_and_without_an_email_is_added_by_name_and_allocated(moorland, write):
    """Issue 16 §4: the probe's record, once its man is on file, crashed the import (TypeError)."""
    import_files([write("p.json", prisoner("X9001XS"))])
    block = {"prisonerNumber": "X9001XS", "crn": "X900001", "comName": "Jane Newperson", "tier": "B2"}

    report = import_files([write("probation.json", [block])])

    assert (report.counts["probation stored"], report.rejections) == (1, [])
    com = Allocation.objects.get(person__prison_number="X9001XS", ended_on__isnull=True).staff
    assert (com.first_name, com.last_name, com.email) == ("Jane", "Newperson", "")


def test_a_record_that_fails_unforeseen_is_rejected_alone_and_the_import_is_still_reported_and_audited(
    moorland, write, monkeypatch
):
    def fails_on_the_second(record):
        result = stored(record)
        if record.prison_number == "B2345CD":  # after writing his CRN, which must not stay written
            raise TypeError("something no check foresaw")
        return result

    stored = probation.store
    monkeypatch.setattr(probation, "store", fails_on_the_second)
    import_files([write("p.json", [prisoner(), prisoner("B2345CD", bookingId="1200002")])])
    blocks = [probation_block(), probation_block("B2345CD", crn="X654321")]

    report = import_files([write("probation.json", blocks)])

    (rejection,) = report.rejections
    assert (rejection.record, rejection.field) == ("record 2 (B2345CD)", "(record)")
    assert "could not be stored" in rejection.problem and "TypeError" in rejection.problem
    assert Person.objects.get(prison_number="B2345CD").crn == ""  # nothing of it half-written
    assert Person.objects.get(prison_number="A1234BC").crn == "X123456"
    imported = AuditEntry.objects.filter(action=Action.IMPORT).latest("id")
    assert "'rejected': 1" in imported.detail and imported.people == ["A1234BC"]


def test_a_crds_booking_is_stored_on_the_named_man_and_calculated(moorland, write):
    import_files([write("p.json", prisoner())])
    crds = json.loads(CRDS_BOOKING.read_text())
    report = import_files([write("b.json", crds)], person="A1234BC")
    assert report.counts["booking stored"] == 1, report.rejections
    booking = Booking.objects.get(booking_id="1200001")
    assert booking.sentences.count() == len(crds["booking"]["sentences"])
    assert booking.sentences.filter(consecutive_to__isnull=False).exists()
    assert CalculatedReleaseDates.objects.get(booking=booking).outcome == "CALCULATED"


def test_the_command_prints_a_report_and_writes_the_rejected_records(moorland, write, tmp_path, capsys):
    good, bad = prisoner(), prisoner("B2345CD", bookingId="1200002", dateOfBirth="1985-02-30")
    rejected = tmp_path / "rejected.json"
    call_command("import", str(write("mixed.json", [good, bad])), rejected=rejected, verbosity=0)
    out = capsys.readouterr()
    assert "prisoner stored: 1" in out.out
    assert "record 2 (B2345CD): dateOfBirth" in out.err
    assert json.loads(rejected.read_text())[0]["field"] == "dateOfBirth"
    assert Person.objects.filter(prison_number="A1234BC").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's commit setting")
def test_commits_wait_for_the_disk_again_once_the_records_are_written(moorland, write):
    def synchronous_commit() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    before = synchronous_commit()
    import_files([write("p.json", prisoner())])
    assert synchronous_commit() == before


def _creations() -> list[tuple]:
    return sorted(
        (e.record.split(":")[0], e.people, sorted(e.changes.items()))
        for e in AuditEntry.objects.filter(action=Action.CREATE, record__startswith="people.")
    )


def test_new_men_stored_together_are_audited_as_if_stored_one_by_one(moorland, write, monkeypatch):
    """The bulk path for men not yet on file writes the rows and audit entries the one-by-one path does."""
    from resettle.interop import importer

    import_files([write("together.json", [prisoner(), prisoner("B2345CD", bookingId="1200002")])])
    together = _creations()
    Person.objects.all().delete()
    monkeypatch.setattr(importer, "_store_new_men", lambda new, reject, report: new)  # one by one
    before = set(AuditEntry.objects.filter(action=Action.CREATE).values_list("pk", flat=True))
    import_files([write("apart.json", [prisoner(), prisoner("B2345CD", bookingId="1200002")])])
    apart = sorted(
        (e.record.split(":")[0], e.people, sorted(e.changes.items()))
        for e in AuditEntry.objects.filter(action=Action.CREATE, record__startswith="people.").exclude(
            pk__in=before
        )
    )

    assert [r[0] for r in together] == sorted(
        ["people.Person", "people.Booking", "people.RecordedKeyDates"] * 2
    )
    assert _without_ids(together) == _without_ids(apart)


def _without_ids(creations: list[tuple]) -> list[tuple]:
    """Row ids differ between two imports of the same men: compare everything else."""
    return [
        (label, people, [(k, v) for k, v in changes if not k.endswith("_id")])
        for label, people, changes in creations
    ]


def test_when_the_database_refuses_men_stored_together_each_is_stored_or_refused_alone(
    moorland, write, monkeypatch
):
    from django.db import IntegrityError

    from resettle.interop import prisoners

    def refuse(men):
        Person.objects.bulk_create([m.person for m in men[:1]])  # written, then rolled back with the rest
        raise IntegrityError("as if a constraint no check foresaw")

    monkeypatch.setattr(prisoners, "store_new", refuse)
    report = import_files([write("p.json", [prisoner(), prisoner("B2345CD", bookingId="1200002")])])

    assert report.counts["prisoner stored"] == 2 and not report.rejections
    assert sorted(Person.objects.values_list("prison_number", flat=True)) == ["A1234BC", "B2345CD"]
    assert AuditEntry.objects.filter(action=Action.CREATE, record__startswith="people.Person:").count() == 2
