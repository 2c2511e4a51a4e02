"""Sentence lengths and Java-compatible date arithmetic.

CRDS is written on `java.time`, and its results depend on that library's month arithmetic: `plusMonths`
clamps to the month end (31 January + 1 month = 28/29 February) and `Period.between` counts whole months
before days. The sentence-length rule itself is PSI 03/2015 paragraph 5.5 (CRDS `model/Duration.kt`).
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def plus_months(day: date, months: int) -> date:
    """`LocalDate.plusMonths`: same day of month, clamped to the last day of a shorter month."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def plus_years(day: date, years: int) -> date:
    return plus_months(day, 12 * years)


def end_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


@dataclass(frozen=True)
class Period:
    """An ISO-8601 period as `java.time.Period` keeps it: years, months and days, not normalised."""

    years: int = 0
    months: int = 0
    days: int = 0

    def iso(self) -> str:
        """`Period.toString()`: P3Y, P1Y26D, P0D for zero."""
        if not (self.years or self.months or self.days):
            return "P0D"
        parts = [
            f"{value}{unit}"
            for value, unit in ((self.years, "Y"), (self.months, "M"), (self.days, "D"))
            if value
        ]
        return "P" + "".join(parts)

    def plain(self) -> str:
        words = [
            f"{value} {unit}{'' if value == 1 else 's'}"
            for value, unit in ((self.years, "year"), (self.months, "month"), (self.days, "day"))
            if value
        ]
        return ", ".join(words) or "0 days"


def period_between(start: date, end: date) -> Period:
    """`Period.between(start, end)` for start <= end: whole months first, then the remaining days."""
    total_months = (end.year - start.year) * 12 + end.month - start.month
    days = end.day - start.day
    if total_months > 0 and days < 0:
        total_months -= 1
        days = (end - plus_months(start, total_months)).days
    elif total_months < 0 and days > 0:
        total_months += 1
        days -= calendar.monthrange(end.year, end.month)[1]
    years, months = divmod(total_months, 12)
    return Period(years, months, days)


@dataclass(frozen=True)
class Duration:
    """A term as the court passed it: years, months, weeks and days."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    def __add__(self, other: "Duration") -> "Duration":
        return Duration(
            self.years + other.years,
            self.months + other.months,
            self.weeks + other.weeks,
            self.days + other.days,
        )

    @property
    def has_calendar_units(self) -> bool:
        return bool(self.years or self.months)

    @property
    def has_day_units(self) -> bool:
        return bool(self.weeks or self.days)

    def is_zero(self) -> bool:
        return not (self.has_calendar_units or self.has_day_units)

    def end_date(self, start: date) -> date:
        """The last day of the term (PSI 5.5). A term starting on the 1st and counted in months ends on the
        last day of a month, not the day before the 1st of the next (CRDS `Duration.getEndDate`)."""
        if start.day == 1 and self.has_calendar_units:
            end = end_of_month(plus_months(start, 12 * self.years + self.months - 1))
        else:
            end = plus_months(start - ONE_DAY, 12 * self.years + self.months)
        return end + timedelta(weeks=self.weeks, days=self.days)

    def days_from(self, start: date) -> int:
        """Length in days, counting both the first and the last day."""
        return (self.end_date(start) - start).days + 1

    def plain(self) -> str:
        words = [
            f"{value} {unit}{'' if value == 1 else 's'}"
            for value, unit in (
                (self.years, "year"),
                (self.months, "month"),
                (self.weeks, "week"),
                (self.days, "day"),
            )
            if value
        ]
        return ", ".join(words) or "0 days"


def aggregate_days(durations: list[Duration], start: date) -> int:
    """Days in consecutive terms served back to back from `start` (CRDS `DurationAggregator`).

    Like units are added together (months with months, days with days) and a new block begins when the
    units change, so a chain of 4 months and 6 months is one 10-month term, not two calendar spans."""
    total = 0
    block = Duration()
    for duration in durations:
        same_kind = (duration.has_calendar_units, duration.has_day_units) == (
            block.has_calendar_units,
            block.has_day_units,
        )
        if block.is_zero() or same_kind:
            block = block + duration
            continue
        total += block.days_from(start + timedelta(days=total))
        block = duration
    if not block.is_zero():
        total += block.days_from(start + timedelta(days=total))
    return total


def is_shorter_than_months(days: int, start: date, months: int) -> bool:
    """CRDS "duration < N months": fewer days than from `start` to the same date N months later."""
    return days < (plus_months(start, months) - start).days
