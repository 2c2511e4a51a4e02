"""Reading a Case from JSON (a scenario file), with errors that name the field.

The JSON mirrors the dataclasses in `case.py` field for field: dates are ISO strings, codes are the enum
values, lists become tuples. Unknown fields are errors, so a typo never silently drops a fact.
"""

import dataclasses
import types
import typing
from datetime import date
from enum import Enum

from .case import Case


class CaseInvalid(ValueError):
    """The input is not a valid case; the message starts with the field's path, e.g. `risk.rosh_level`."""


def case_from_json(data: dict) -> Case:
    return _read(Case, data, "")


def _read(kind, value, path: str):
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        if value is None:
            return None
        return _read(options[0], value, path)
    if origin is tuple:
        item_kind = typing.get_args(kind)[0]
        if not isinstance(value, list):
            raise _invalid(path, f"expected a list, got {value!r}")
        return tuple(_read(item_kind, item, f"{path}[{index}]") for index, item in enumerate(value))
    if dataclasses.is_dataclass(kind):
        return _read_dataclass(kind, value, path)
    if isinstance(kind, type) and issubclass(kind, Enum):
        allowed = [member.value for member in kind]
        if value not in allowed:
            raise _invalid(path, f"{value!r} is not one of {', '.join(map(str, allowed))}")
        return kind(value)
    if kind is date:
        return _read_date(value, path)
    if kind is bool:
        if not isinstance(value, bool):
            raise _invalid(path, f"expected true or false, got {value!r}")
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _invalid(path, f"expected a whole number, got {value!r}")
        return value
    if kind is str:
        if not isinstance(value, str):
            raise _invalid(path, f"expected text, got {value!r}")
        return value
    raise TypeError(f"{path}: no reader for {kind!r}")  # a programming error in case.py, not bad input


def _read_dataclass(kind, value, path: str):
    if not isinstance(value, dict):
        raise _invalid(path or "case", f"expected an object, got {value!r}")
    hints = typing.get_type_hints(kind)
    fields = {field.name: field for field in dataclasses.fields(kind)}
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise _invalid(_join(path, unknown[0]), f"unknown field (known: {', '.join(fields)})")
    arguments = {}
    for name, field in fields.items():
        field_path = _join(path, name)
        if name in value:
            arguments[name] = _read(hints[name], value[name], field_path)
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise _invalid(field_path, "required")
    return kind(**arguments)


def _read_date(value, path: str) -> date:
    if not isinstance(value, str):
        raise _invalid(path, f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _invalid(path, f"{value!r} is not a date (YYYY-MM-DD)") from None


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _invalid(path: str, problem: str) -> CaseInvalid:
    return CaseInvalid(f"{path}: {problem}")
