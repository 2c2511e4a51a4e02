"""A value together with the reasons that produced it, so a page can say how without recomputing."""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache


# A refresh writes the same few thousand days into hundreds of thousands of reasons.
@lru_cache(maxsize=8192)
def long_date(day: date) -> str:
    """'4 March 2027': the one way a date is written in a reason, title or message (no glibc-only `%-d`)."""
    return f"{day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    """'4 Mar 2027'."""
    return f"{day.day} {day:%b %Y}"


def day_and_month(day: date) -> str:
    """'4 Mar', for a chart's axis."""
    return f"{day.day} {day:%b}"


@dataclass(frozen=True)
class ExplainedDate:
    kind: str  # the date's field name: CRD, PED, TED...
    on: date
    because: tuple[str, ...]
