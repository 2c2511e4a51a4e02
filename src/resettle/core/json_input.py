"""JSON sent by a person or a system, read no deeper than MAX_DEPTH.

Python's JSON reader recurses once a level, so a body of a couple of kilobytes of `[` can exhaust its stack
(a RecursionError, which is no ValueError and so no one's "bad input"). Nothing Resettle reads is nested
more than a handful of levels, so depth is checked before parsing and refused with its own message.
"""

import json
import re
from itertools import accumulate

MAX_DEPTH = 32
# Brackets inside strings are text, not nesting: strings are taken out before counting.
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


class NestedTooDeep(ValueError):
    def __init__(self) -> None:
        super().__init__(f"nested more than {MAX_DEPTH} levels deep")


def depth(text: str) -> int:
    """How deeply the arrays and objects of `text` nest (0 for a bare number or string)."""
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    return max(accumulate(1 if bracket in "[{" else -1 for bracket in brackets), default=0)


def check_depth(text: str) -> None:
    if depth(text) > MAX_DEPTH:
        raise NestedTooDeep()


def loads(text: str, **options):
    """json.loads, refusing with NestedTooDeep a text nested deeper than MAX_DEPTH."""
    check_depth(text)
    return json.loads(text, **options)
