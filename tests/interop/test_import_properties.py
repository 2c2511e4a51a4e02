"""Whatever a prisoner or probation record holds, the importer stores it or rejects it naming a field and
the problem: never an unhandled exception, and never the catch-all for faults of ours (issue 16 §4)."""

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from resettle.interop.importer import import_files

from .conftest import prisoner, probation_block

pytestmark = pytest.mark.django_db

# Values of every JSON type, and the shapes the readers expect, slightly wrong: dates, codes, names.
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.dates().map(str),
    st.from_regex(r"[A-Z][0-9]{4}[A-Z]{2}", fullmatch=True),
    st.sampled_from(["", " ", "HIGH", "B2", "ACTIVE IN", "SENTENCED", "MDI", "Jane", "Jane Newperson"]),
)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(st.text(max_size=5), SCALARS))


def mutated(record: dict, *, kept=("prisonerNumber",)) -> st.SearchStrategy[dict]:
    """`record` with any of its fields replaced by any value or left out, but for those `kept`: a record
    about no one on file is only ever rejected for that, and would hide what the other fields do."""
    return st.fixed_dictionaries(
        {name: st.just(record[name]) for name in kept},
        optional={
            name: st.one_of(st.just(value), VALUES) for name, value in record.items() if name not in kept
        },
    )


ON_FILE = ("A1234BC", "X9001XS")
RECORDS = st.lists(
    st.one_of(
        *(mutated(prisoner(number, bookingId=f"12000{n}")) for n, number in enumerate(ON_FILE)),
        *(mutated(probation_block(number), kept=("prisonerNumber", "crn")) for number in ON_FILE),
    ),
    min_size=1,
    max_size=4,
)
# The probe's record (a COM not yet on file, by name alone), which once crashed the import.
PROBE = {"prisonerNumber": "X9001XS", "crn": "X900001", "comName": "Jane Newperson", "tier": "B2"}


@pytest.fixture
def men_on_file(moorland, tmp_path):
    path = tmp_path / "men.json"
    path.write_text(json.dumps([prisoner(number, bookingId=f"12000{n}") for n, number in enumerate(ON_FILE)]))
    assert not import_files([path]).rejections


@given(records=RECORDS)
@example(records=[PROBE])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_generated_records_are_stored_or_rejected_with_a_field_and_a_reason(men_on_file, tmp_path, records):
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records), encoding="utf-8")

    report = import_files([path])

    assert report.counts["rejected"] == len(report.rejections)
    for rejection in report.rejections:
        assert rejection.field and rejection.problem
        assert "could not be stored" not in rejection.problem, rejection
