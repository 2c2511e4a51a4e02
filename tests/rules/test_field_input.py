"""One validator for every input Resettle reads (rules/field_input.py; issue 15 §4): a case in JSON, a booking
in CRDS's JSON and an imported prison record all complain as "field: problem", with the same words."""

from datetime import date
from enum import StrEnum

import pytest

from resettle.rules import field_input as read
from resettle.rules.readiness import CaseInvalid, case_from_json
from resettle.rules.sentencing import BookingInvalid, parse_booking


class Level(StrEnum):
    LOW = "LOW"
    HIGH = "HIGH"


def problem(reader, *args, **kwargs) -> str:
    with pytest.raises(read.FieldInvalid) as error:
        reader(*args, **kwargs)
    return str(error.value)


def test_the_case_and_the_booking_readers_raise_the_one_field_error():
    assert CaseInvalid is BookingInvalid is read.FieldInvalid


def test_the_same_bad_date_reads_the_same_in_a_case_and_in_a_booking():
    case = {
        "person": {"prison_number": "A1234BC", "date_of_birth": "14/03/1971", "received_on": "2021-06-02"}
    }
    with pytest.raises(CaseInvalid) as in_case:
        case_from_json({**case, "offending": {"convicted_on": "2021-05-20"}})
    with pytest.raises(BookingInvalid) as in_booking:
        parse_booking({"offender": {"dateOfBirth": "14/03/1971"}, "sentences": [{}]})
    assert in_case.value.problem == in_booking.value.problem == "'14/03/1971' is not a date (YYYY-MM-DD)"


def test_a_date_is_iso_with_spaces_forgiven():
    assert read.a_date(" 2027-03-04 ", "released_on") == date(2027, 3, 4)
    assert read.a_date(None, "released_on", required=False) is None
    assert problem(read.a_date, None, "released_on") == "released_on: is required"
    assert (
        problem(read.a_date, 20270304, "released_on")
        == "released_on: expected a date as YYYY-MM-DD, got 20270304"
    )


def test_a_code_must_be_one_of_the_enum_and_the_error_lists_them():
    assert read.one_of(Level, "HIGH", "risk.level") == Level.HIGH
    assert (
        problem(read.one_of, Level, "HIGHISH", "risk.level")
        == "risk.level: 'HIGHISH' is not one of LOW, HIGH"
    )


def test_shapes_name_what_was_given_instead():
    assert problem(read.an_object, [1], "booking") == "booking: must be an object, not a list"
    assert problem(read.a_list, {}, "meetings") == "meetings: must be a list, not an object"
    assert problem(read.text, 5, "name") == "name: must be text, not a number"


def test_a_whole_number_is_never_a_boolean_and_may_have_a_floor():
    assert read.a_whole_number(0, "days", at_least=0) == 0
    assert problem(read.a_whole_number, True, "months") == "months: True is not a whole number"
    assert problem(read.a_whole_number, -1, "numberOfDays", of="days", at_least=0) == (
        "numberOfDays: -1 is not a whole number of days"
    )


def test_paths_join_as_the_errors_name_them():
    assert read.item_of(read.path_to(read.path_to("", "risk"), "meetings"), 1) == "risk.meetings[1]"
