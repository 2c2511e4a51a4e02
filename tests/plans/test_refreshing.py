"""Issue 14 §5: an import's men are refreshed beside the import, a batch at a time, in processes of their own
(resettle.plans.refreshing): every man once after his last change, the same findings as one process gives."""

import json

import pytest
from django.db import connection

from resettle.interop.importer import import_files
from resettle.people.models import Person
from resettle.plans.models import ReadinessFinding, ReadinessSummary
from resettle.plans.refreshing import Refreshing
from resettle.plans.services import refresh_facts
from tests import factories
from tests.interop.conftest import prisoner, probation_block


def test_in_one_process_each_man_is_refreshed_once_at_the_end_in_batches():
    batches, progress = [], []

    def counting(ids):
        batches.append(list(ids))
        return len(ids)

    class Progress:
        def update(self, n):
            progress.append(n)

    with Refreshing(0, batch=2, work=counting, progress=Progress()) as refresher:
        refresher.changed([1, 2, 3])
        refresher.changed([2, 4])
        assert batches == [], "nothing is refreshed before the end, in one process"
        assert refresher.finish() == 4
    assert batches == [[1, 2], [3, 4]]
    assert progress == [2, 2]


@pytest.mark.django_db
def test_inside_a_transaction_no_other_process_is_used_since_none_would_see_its_rows():
    assert Refreshing(4).processes == 0


def _findings() -> list[tuple]:
    return sorted(
        ReadinessFinding.objects.values_list("person__prison_number", "check_id", "status", "due_on")
    )


def _numbers(count: int) -> list[str]:
    return [f"A{n:04d}BC" for n in range(count)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="processes beside the import need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_an_import_refreshed_by_two_processes_beside_it_is_refreshed_as_one_process_would(tmp_path):
    factories.prison(code="MDI", name="HMP Moorland")
    records = [prisoner(number, bookingId=str(1200000 + n)) for n, number in enumerate(_numbers(12))]
    # A later record about the first man, once his batch is being refreshed: he must be refreshed again.
    records.append(probation_block(_numbers(1)[0]))
    path = tmp_path / "prisoners.json"
    path.write_text(json.dumps(records), encoding="utf-8")

    beside = Refreshing(2, batch=5)
    report = import_files([path], refreshing=beside)

    assert beside.processes == 2 and beside.pool is not None, "the pool was used"
    assert report.counts["prisoner stored"] == 12
    assert ReadinessSummary.objects.count() == 12
    first, second = (
        set(ReadinessFinding.objects.filter(person__prison_number=n).values_list("check_id", flat=True))
        for n in _numbers(2)
    )
    assert beside.again == {Person.objects.get(prison_number=_numbers(1)[0]).pk}
    assert "com-allocation-overdue" in second and "com-allocation-overdue" not in first, (
        "the first man's COM, from the later record, is in his readiness"
    )
    by_pool = _findings()
    refresh_facts(Person.objects.values_list("pk", flat=True))
    assert _findings() == by_pool and by_pool, "one process finds the same"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="processes beside the import need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_the_nightly_readiness_refresh_shares_its_batches_between_processes(settings):
    from resettle.plans.services import refresh_all_readiness

    settings.RESETTLE_REFRESH_PROCESSES = 2
    prison = factories.prison(code="MDI", name="HMP Moorland")
    men = [factories.person(at=prison) for _ in range(3)]
    assert refresh_all_readiness(batch_size=1) == 3
    assert set(ReadinessSummary.objects.values_list("person_id", flat=True)) == {man.pk for man in men}
