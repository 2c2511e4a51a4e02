"""Every file in malformed/ is refused record by record with a reason naming the record, the field and the
problem; nothing crashes, nothing of it is written, and what was stored before is left as it was."""

import json
from pathlib import Path

import pytest
from django.forms.models import model_to_dict

from resettle.interop.importer import import_files
from resettle.people.models import (
    Adjustment,
    Booking,
    Offence,
    Person,
    RecordedKeyDates,
    RiskProfile,
    Sentence,
)
from resettle.staff.models import Allocation, StaffMember

from .conftest import CRDS_BOOKING, prisoner, probation_block

pytestmark = pytest.mark.django_db

# Files too big to keep in the repository are written by the test: name -> content.
GENERATED = {
    "huge-name.json": lambda: prisoner("B2345CD", bookingId="1200002", lastName="R" * 1_000_000),
}
CORPUS = sorted([*(Path(__file__).parent / "malformed").iterdir(), *map(Path, GENERATED)])
STORED = (
    Person,
    Booking,
    RecordedKeyDates,
    RiskProfile,
    Sentence,
    Offence,
    Adjustment,
    StaffMember,
    Allocation,
)


def test_the_corpus_has_at_least_thirty_files():
    assert len(CORPUS) >= 30


def everything_stored() -> dict:
    return {model.__name__: [model_to_dict(row) for row in model.objects.order_by("pk")] for model in STORED}


@pytest.fixture
def stored_before(moorland, write):
    """A man imported whole (prisoner record, probation block, CRDS booking) before the bad file comes."""
    report = import_files([write("p.json", prisoner()), write("probation.json", probation_block())])
    report_booking = import_files([write("b.json", json.loads(CRDS_BOOKING.read_text()))], person="A1234BC")
    assert not report.rejections and not report_booking.rejections
    return everything_stored()


@pytest.mark.parametrize("path", CORPUS, ids=[path.name for path in CORPUS])
def test_a_malformed_file_is_refused_and_changes_nothing(stored_before, write, path):
    if path.name in GENERATED:
        path = write(path.name, GENERATED[path.name]())
    report = import_files([path], person="A1234BC")
    assert report.rejections, f"{path.name} was accepted: {report.counts}"
    for rejection in report.rejections:
        assert rejection.file == path.name
        assert rejection.record and rejection.field and rejection.problem
    assert report.changed_people == {}
    assert everything_stored() == stored_before
