"""Reading one field of an incoming record, with the field's name in every complaint.

Each reader raises Invalid(field, problem), the one field error of rules.field_input, whose readers these
build on with an import's leniency (an empty string is a missing value); the importer adds which record it
was, so an error reads
"record 3 (A1234BC): dateOfBirth: '1990-02-30' is not a date (YYYY-MM-DD)".
"""

from datetime import date
from typing import Any

from resettle.people.models import PRISON_NUMBER as PRISON_NUMBER_RULE
from resettle.rules.field_input import REQUIRED, FieldInvalid, a_date
from resettle.rules.field_input import text as a_text

# Longer than any real name, code or e-mail address: a field beyond it is a broken extract, not data.
MAX_TEXT = 250
PRISON_NUMBER = PRISON_NUMBER_RULE.regex  # the one pattern, the model field's
EARLIEST_DATE = date(1900, 1, 1)


# The one field error of every input Resettle reads (rules.field_input), by the name the importer catches.
Invalid = FieldInvalid


def text(raw: dict, field: str, *, required: bool = False, max_length: int = MAX_TEXT) -> str:
    value = raw.get(field)
    if value is None or value == "":
        if required:
            raise Invalid(field, REQUIRED)
        return ""
    value = a_text(value, field).strip()
    if len(value) > max_length:
        raise Invalid(field, f"is {len(value):,} characters long; at most {max_length} are allowed")
    return value


def day(raw: dict, field: str, *, required: bool = False) -> date | None:
    """A date, or the date of a timestamp (the prison system sends some dates as date-times)."""
    value = raw.get(field)
    if value is None or value == "":
        if required:
            raise Invalid(field, REQUIRED)
        return None
    parsed = a_date(value.strip()[:10] if isinstance(value, str) else value, field)
    if parsed < EARLIEST_DATE:
        raise Invalid(field, f"{parsed} is before {EARLIEST_DATE.year}")
    return parsed


def choice(raw: dict, field: str, allowed, *, label=str) -> Any:
    """One of `allowed` (values as the field's model stores them), or None when not given."""
    value = raw.get(field)
    if value is None or value == "":
        return None
    for option in allowed:
        if label(option) == str(value).strip().upper():
            return option
    listed = ", ".join(label(option) for option in allowed)
    raise Invalid(field, f"{str(value)[:40]!r} is not one of {listed}")


def prison_number(raw: dict, field: str = "prisonerNumber") -> str:
    number = text(raw, field, required=True, max_length=20).upper()
    if not PRISON_NUMBER.match(number):
        raise Invalid(field, f"{number!r} is not a prison number (a letter, four digits, two letters)")
    return number
