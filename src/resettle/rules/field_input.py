"""Reading one field of input, with the field's place in every complaint: the one validator behind a case in
JSON (`rules.readiness.json_input`), a booking in CRDS's JSON (`rules.sentencing.parse`) and a record
imported from the prison system (`interop.fields`).

Every reader raises `FieldInvalid(field, problem)`, whose message is "field: problem", e.g.
"sentences[1].duration: must be an object", so bad input can be put right without reading code. A field is
a path: `path_to("risk", "rosh_level")` is "risk.rosh_level", `item_of("meetings", 1)` "meetings[1]".
"""

from datetime import date
from enum import Enum
from typing import Any

REQUIRED = "is required"


class FieldInvalid(ValueError):
    """The input cannot be read; `field` names where, `problem` says what is wrong."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def path_to(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def item_of(path: str, index: int) -> str:
    return f"{path}[{index}]"


def a_date(value: Any, field: str, *, required: bool = True) -> date | None:
    """An ISO date (YYYY-MM-DD), with spaces around it forgiven; None when absent and not required."""
    if value is None:
        if required:
            raise FieldInvalid(field, REQUIRED)
        return None
    if not isinstance(value, str):
        raise FieldInvalid(field, f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise FieldInvalid(field, f"{value[:40]!r} is not a date (YYYY-MM-DD)") from None


def one_of(enum: type[Enum], value: Any, field: str):
    """The member of `enum` whose value this is."""
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(str(member.value) for member in enum)
        raise FieldInvalid(field, f"{str(value)[:40]!r} is not one of {allowed}") from None


def an_object(value: Any, field: str) -> dict:
    return _shaped(value, field, dict, "an object")


def a_list(value: Any, field: str) -> list:
    return _shaped(value, field, list, "a list")


def text(value: Any, field: str) -> str:
    return _shaped(value, field, str, "text")


def true_or_false(value: Any, field: str) -> bool:
    return _shaped(value, field, bool, "true or false")


def a_whole_number(value: Any, field: str, *, of: str = "", at_least: int | None = None) -> int:
    """An integer, never a boolean (JSON's true is not 1), and no less than `at_least`; `of` names the
    unit in the complaint."""
    if isinstance(value, bool) or not isinstance(value, int) or (at_least is not None and value < at_least):
        raise FieldInvalid(field, f"{value!r} is not a whole number{f' of {of}' if of else ''}")
    return value


def _shaped(value: Any, field: str, kind: type, name: str):
    if not isinstance(value, kind):
        raise FieldInvalid(field, f"must be {name}, not {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    """The JSON name of what was given instead."""
    names = {dict: "an object", list: "a list", str: "text", bool: "true or false", type(None): "null"}
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)
