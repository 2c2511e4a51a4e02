"""Reading a case from JSON: every error names the field and the problem."""

import json
from datetime import date
from pathlib import Path

import pytest

from resettle.rules.readiness import CaseInvalid, case_from_json
from resettle.rules.readiness.case import RoshLevel

MINIMAL = {
    "person": {"prison_number": "A1234BC", "date_of_birth": "1971-03-14", "received_on": "2021-06-02"},
    "offending": {"convicted_on": "2021-05-20"},
}


def with_field(section: str, name: str, value):
    return {**MINIMAL, section: {**MINIMAL.get(section, {}), name: value}}


def test_a_minimal_case_reads_with_defaults():
    case = case_from_json(MINIMAL)
    assert case.person.received_on == date(2021, 6, 2)
    assert case.risk.rosh_level is None and case.plan.pathways == ()


def test_codes_become_enums():
    assert case_from_json(with_field("risk", "rosh_level", "HIGH")).risk.rosh_level == RoshLevel.HIGH


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            with_field("risk", "rosh_level", "HIGHISH"),
            "risk.rosh_level: 'HIGHISH' is not one of LOW, MEDIUM, HIGH, VERY_HIGH",
        ),
        (with_field("person", "received_on", "02/06/2021"), "person.received_on: '02/06/2021' is not a date"),
        (with_field("risk", "rosh_levl", "HIGH"), "risk.rosh_levl: unknown field"),
        ({"person": MINIMAL["person"]}, "offending: is required"),
        (
            with_field("risk", "mappa", {"meetings": ["2026-01-01", "soon"]}),
            "risk.mappa.meetings[1]: 'soon' is not a date",
        ),
        (with_field("risk", "appellant", "yes"), "risk.appellant: must be true or false, not text"),
        (
            with_field("offending", "custodial_term_months", "84"),
            "offending.custodial_term_months: '84' is not a whole number",
        ),
    ],
)
def test_errors_name_the_field(data, message):
    with pytest.raises(CaseInvalid) as error:
        case_from_json(data)
    assert str(error.value).startswith(message)


def test_every_example_file_reads():
    examples = sorted((Path(__file__).parents[3] / "docs" / "examples").glob("*.json"))
    assert examples
    for example in examples:
        case_from_json(json.loads(example.read_text()))
