"""resettle.core.bulk.insert: rows read back as bulk_create would have stored them (COPY on PostgreSQL)."""

from datetime import date

import pytest
from django.db import connection

from resettle.core import bulk
from resettle.plans.models import ReadinessFinding
from tests import factories

pytestmark = pytest.mark.django_db


def test_inserted_rows_read_back_whole():
    man = factories.person()
    rows = [
        ReadinessFinding(
            person=man,
            prison=man.current_prison,
            check_id=f"check-{n}",
            status="OVERDUE",
            due_on=date(2026, 12, n + 1),
            severity="BLOCKER",
            reason='Tab\there, a new\nline, a back\\slash and a quote " stay as written',
        )
        for n in range(3)
    ]
    rows.append(
        ReadinessFinding(
            person=man,
            prison=None,
            check_id="no-prison",
            status="DUE",
            due_on=date(2027, 1, 1),
            severity="",
            reason="",
        )
    )

    bulk.insert(ReadinessFinding, rows)

    stored = list(
        ReadinessFinding.objects.filter(person=man)
        .order_by("check_id")
        .values_list("check_id", "prison_id", "status", "due_on", "severity", "reason")
    )
    expected = sorted((r.check_id, r.prison_id, r.status, r.due_on, r.severity, r.reason) for r in rows)
    assert stored == expected


def test_nothing_to_insert_is_no_statement(django_assert_num_queries):
    with django_assert_num_queries(0):
        bulk.insert(ReadinessFinding, [])


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
