"""Turning an import file into records: a JSON object, a JSON array, newline-delimited JSON, or CSV.

A file that cannot be read at all (empty, not UTF-8, broken JSON, CSV without its columns) is rejected as
a whole with FileUnreadable; otherwise each record is yielded on its own, so one bad line in a
newline-delimited file rejects that line only.
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .probation import CSV_COLUMNS, REQUIRED_CSV_COLUMNS

# A national extract is about 85,000 records of a few kilobytes; anything far beyond is not an extract.
MAX_FILE_BYTES = 2 * 1024**3


class FileUnreadable(ValueError):
    pass


@dataclass(frozen=True)
class Item:
    """One record as read, or the reason it could not be read (then `raw` is None)."""

    number: int  # 1-based, as a person counts records or lines
    raw: Any
    problem: str = ""


def _text(path: Path) -> str:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise FileUnreadable(f"the file is larger than {MAX_FILE_BYTES // 1024**3} GB")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileUnreadable(f"not UTF-8 text (byte {error.start} is {data[error.start]:#04x})") from None
    if not text.strip():
        raise FileUnreadable("the file is empty")
    return text


def _ndjson(text: str) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield Item(number, json.loads(line))
        except RecursionError:
            yield Item(number, None, f"line {number} is nested too deeply to read")
        except json.JSONDecodeError as error:
            yield Item(number, None, f"line {number} is not JSON ({error.msg}, column {error.colno})")


def _json(text: str) -> Iterator[Item]:
    try:
        whole = json.loads(text)
    except RecursionError:
        raise FileUnreadable("not valid JSON: nested too deeply to read") from None
    except json.JSONDecodeError as error:
        first_line = text.lstrip().split("\n", 1)[0]
        if first_line.startswith("{") and _parses(first_line):
            yield from _ndjson(text)
            return
        raise FileUnreadable(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    if isinstance(whole, list):
        if not whole:
            raise FileUnreadable("the file holds an empty list: no records")
        yield from (Item(number, raw) for number, raw in enumerate(whole, start=1))
    else:
        yield Item(1, whole)


def _parses(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def _csv(text: str) -> Iterator[Item]:
    reader = csv.DictReader(io.StringIO(text), restkey="(extra values)")
    columns = set(reader.fieldnames or ())
    missing = [name for name in REQUIRED_CSV_COLUMNS if name not in columns]
    if missing:
        raise FileUnreadable(f"the CSV has no {', '.join(missing)} column (header: {', '.join(CSV_COLUMNS)})")
    rows = 0
    for rows, row in enumerate(reader, start=1):
        number = rows + 1  # the header is line 1
        if "(extra values)" in row or None in row.values():
            yield Item(
                number,
                None,
                f"line {number} has {'more' if '(extra values)' in row else 'fewer'} "
                "values than the header has columns",
            )
        else:
            yield Item(number, row)
    if not rows:
        raise FileUnreadable("the CSV has a header but no rows")


def items(path: Path) -> Iterator[Item]:
    text = _text(path)
    return _csv(text) if path.suffix.lower() == ".csv" else _json(text)
