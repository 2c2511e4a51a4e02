"""resettle.core.bulk: rows inserted and updated read back as bulk_create and bulk_update would have stored
them (COPY and UPDATE ... FROM VALUES on PostgreSQL)."""

from datetime import date

import pytest
from django.db import connection

from resettle.core import bulk
from resettle.people.models import Person
from resettle.plans.models import ReadinessFinding
from tests import factories

pytestmark = pytest.mark.django_db


COLUMNS = ["person_id", "prison_id", "check_id", "status", "due_on", "severity", "reason"]


def test_inserted_rows_read_back_whole():
    man = factories.person()
    rows = [
        (
            man.pk,
            man.current_prison_id,
            f"check-{n}",
            "OVERDUE",
            date(2026, 12, n + 1),
            "BLOCKER",
            'Tab\there, a new\nline, a back\\slash and a quote " stay as written',
        )
        for n in range(3)
    ]
    rows.append((man.pk, None, "no-prison", "DUE", date(2027, 1, 1), "", ""))

    bulk.insert(ReadinessFinding, COLUMNS, rows)

    stored = list(ReadinessFinding.objects.filter(person=man).order_by("check_id").values_list(*COLUMNS))
    assert stored == sorted(rows, key=lambda row: row[2])


def test_nothing_to_insert_or_update_is_no_statement(django_assert_num_queries):
    with django_assert_num_queries(0):
        bulk.insert(ReadinessFinding, COLUMNS, [])
        bulk.update(Person, ["earliest_release_date"], [])


def test_updated_rows_take_their_own_values_and_no_others():
    first, second, untouched = factories.person(), factories.person(), factories.person()
    Person.objects.filter(pk=second.pk).update(
        earliest_release_date=date(2027, 1, 1), earliest_release_type="CRD"
    )
    before = Person.objects.values_list("earliest_release_date", "earliest_release_type").get(pk=untouched.pk)

    bulk.update(
        Person,
        ["earliest_release_date", "earliest_release_type"],
        [(first.pk, date(2026, 12, 24), "HDCED"), (second.pk, None, "")],
    )

    values = dict(
        (pk, (on, kind))
        for pk, on, kind in Person.objects.values_list("pk", "earliest_release_date", "earliest_release_type")
    )
    assert values[first.pk] == (date(2026, 12, 24), "HDCED")
    assert values[second.pk] == (None, "")
    assert values[untouched.pk] == before


def test_statistics_are_refreshed_after_a_load():
    """The planner's row counts follow the load (ANALYZE), on either database."""
    factories.person()
    bulk.refresh_statistics()

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'people_person'")
        else:
            cursor.execute(
                "SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 WHERE tbl = 'people_person' LIMIT 1"
            )
        assert cursor.fetchone()[0] >= 1


def test_upsert_copies_the_new_and_replaces_the_stored():
    """bulk.upsert: rows whose key is known replace theirs; the rest are inserted; one that turns out to be
    stored already (another process's) is replaced rather than refused."""
    from resettle.plans.models import ReadinessSummary

    first, second, third = (factories.person() for _ in range(3))
    ReadinessSummary.objects.create(person=first, evaluated_on=date(2026, 1, 1), due_count=1)
    ReadinessSummary.objects.create(person=third, evaluated_on=date(2026, 1, 1), due_count=1)

    bulk.upsert(
        ReadinessSummary,
        [
            ReadinessSummary(person=p, evaluated_on=date(2026, 2, 1), due_count=n)
            for n, p in enumerate((first, second))
        ],
        unique_field="person",
        known={first.pk},
        update_fields=["evaluated_on", "due_count"],
    )
    bulk.upsert(  # the third is stored, though not known to be
        ReadinessSummary,
        [ReadinessSummary(person=third, evaluated_on=date(2026, 2, 1), due_count=7)],
        unique_field="person",
        known=set(),
        update_fields=["evaluated_on", "due_count"],
    )

    stored = dict(ReadinessSummary.objects.values_list("person_id", "due_count"))
    assert stored == {first.pk: 0, second.pk: 1, third.pk: 7}


def _synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's commit setting")
@pytest.mark.django_db(transaction=True)
def test_only_a_transaction_of_derived_rows_of_its_own_commits_without_waiting_for_the_disk():
    from django.db import transaction

    with transaction.atomic():
        bulk.derived_commit_not_waiting_for_the_disk()
        assert _synchronous_commit() == "off"
    assert _synchronous_commit() == "on", "for that transaction only"
    with transaction.atomic(), transaction.atomic():  # derived rows inside somebody's own transaction
        bulk.derived_commit_not_waiting_for_the_disk()
        assert _synchronous_commit() == "on"


def test_rows_inserted_with_ids_have_them_read_back_and_count_as_saved():
    """bulk.insert_with_ids: each instance holds the id its row was stored under, as after bulk_create,
    and the table's sequence moves past them (the next row saved the ordinary way takes a new id)."""
    prison = factories.prison()
    people = [
        Person(
            prison_number=f"A{n:04d}AA",
            first_name="A",
            last_name=f"Man{n}",
            date_of_birth=date(1980, 1, 1),
            current_prison=prison,
        )
        for n in range(3)
    ]
    bulk.insert_with_ids(Person, people)

    assert all(person.pk and not person._state.adding for person in people)
    assert dict(Person.objects.values_list("pk", "last_name")) == {p.pk: p.last_name for p in people}
    later = factories.person(at=prison)
    assert later.pk not in {person.pk for person in people}
