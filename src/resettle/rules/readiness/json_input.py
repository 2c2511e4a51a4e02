"""Reading a Case from JSON (a scenario file), with errors that name the field.

The JSON mirrors the dataclasses in `case.py` field for field: dates are ISO strings, codes are the enum
values, lists become tuples. Unknown fields are errors, so a typo never silently drops a fact.
"""

import dataclasses
import types
import typing
from datetime import date
from enum import Enum

from ..field_input import (
    REQUIRED,
    FieldInvalid,
    a_date,
    a_list,
    a_whole_number,
    an_object,
    item_of,
    one_of,
    path_to,
    text,
    true_or_false,
)
from .case import Case

# The one field error of every input Resettle reads (rules.field_input), by the name a reader of a case
# catches.
CaseInvalid = FieldInvalid


def case_from_json(data: dict) -> Case:
    return _read(Case, data, "")


READERS = {date: a_date, bool: true_or_false, int: a_whole_number, str: text}


def _read(kind, value, path: str):
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        if value is None:
            return None
        return _read(options[0], value, path)
    if origin is tuple:
        item_kind = typing.get_args(kind)[0]
        items = a_list(value, path)
        return tuple(_read(item_kind, item, item_of(path, index)) for index, item in enumerate(items))
    if dataclasses.is_dataclass(kind):
        return _read_dataclass(kind, value, path)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return one_of(kind, value, path)
    if kind in READERS:
        return READERS[kind](value, path)
    raise TypeError(f"{path}: no reader for {kind!r}")  # a programming error in case.py, not bad input


def _read_dataclass(kind, value, path: str):
    value = an_object(value, path or "case")
    hints = typing.get_type_hints(kind)
    fields = {field.name: field for field in dataclasses.fields(kind)}
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise FieldInvalid(path_to(path, unknown[0]), f"unknown field (known: {', '.join(fields)})")
    arguments = {}
    for name, field in fields.items():
        field_path = path_to(path, name)
        if name in value:
            arguments[name] = _read(hints[name], value[name], field_path)
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise FieldInvalid(field_path, REQUIRED)
    return kind(**arguments)
