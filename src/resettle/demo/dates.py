"""Date arithmetic as the prison system does it: months clamp to the month end, releases avoid weekends."""

from calendar import monthrange
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """Java's plusMonths, which CRDS uses: 31 January plus one month is 28 or 29 February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def sentence_days(start: date, months: int) -> int:
    """Days in a sentence of `months` from `start`, the start day included (PSI 5.5)."""
    return (add_months(start, months) - start).days


def previous_working_day(day: date) -> date:
    """A release due at a weekend happens on the Friday before (bank holidays are not modelled)."""
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day
