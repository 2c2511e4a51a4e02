"""Policy numbers as dated data: the one way Resettle holds a number that policy sets and may change.

Every policy number lives in one table of dated versions, each a frozen dataclass with the day it came in
(`effective_from`) and where it comes from (`source`):

- `rules.handover.HANDOVER_RULES`: the OMiC handover offsets (Manage POM Cases' policy changes);
- `rules.approved_premises.NOTICE_RULES`: the CAS1 notice thresholds and the National Standards notice;
- `rules.readiness.settings.READINESS_POLICY`: every other deadline the readiness checks hold staff to,
  the worklists' "due soon" window, the resettlement-prison transfer notice, MAPPA reviews, HDC.

A change of policy is a new version appended to its table, never an edit to one already in force, so a date
worked out last year can still be explained by the rules that applied then. `in_force` picks the version
for a day, the same way for every table. Titles and copy that name a number render it from the table
(`in_words`), so no number is written twice (tests/rules/test_policy.py holds the code to that).
"""

from collections.abc import Sequence
from datetime import date
from typing import Protocol, TypeVar

from dateutil.relativedelta import relativedelta

# The first version of a table whose start is not recorded: in force on every day Resettle holds.
SINCE_RECORDS_BEGAN = date.min


class Dated(Protocol):
    @property
    def effective_from(self) -> date: ...


D = TypeVar("D", bound=Dated)


def in_force(versions: Sequence[D], day: date) -> D:
    """The latest version in force on `day`; before the first, the first (there is nothing older encoded)."""
    started = [version for version in versions if version.effective_from <= day]
    return max(started, key=lambda version: version.effective_from) if started else versions[0]


def in_words(offset: relativedelta | int) -> str:
    """A policy period as people write it: '6 months', '12 weeks' (for 84 days), '8 months 14 days',
    '18 months'."""
    if isinstance(offset, int):
        offset = relativedelta(days=offset)
    parts = []
    # relativedelta keeps 12 months as a year; policy writes "12 months" and "18 months", and years only
    # from two whole years.
    months = offset.years * 12 + offset.months
    if months >= 24 and months % 12 == 0:
        parts.append(_plural(months // 12, "year"))
    elif months:
        parts.append(_plural(months, "month"))
    if offset.days:
        # Policy writes whole weeks as weeks ("12 weeks"), but days after months as days ("8 months 14 days").
        weeks, days = divmod(offset.days, 7)
        in_weeks = weeks > 1 and not days and not parts
        parts.append(_plural(weeks, "week") if in_weeks else _plural(offset.days, "day"))
    return " ".join(parts) or "0 days"


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"
