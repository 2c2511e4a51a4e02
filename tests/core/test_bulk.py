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
