"""Working days in England and Wales: weekends and bank holidays.

Bank holidays come from the `holidays` package unless an explicit list is given (an official gov.uk list,
or a fixed set in tests: CRDS's own tests use only 27 and 28 December 2021)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import holidays

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class WorkingDays:
    bank_holidays: frozenset[date] | None = None  # None: England and Wales from the `holidays` package

    @classmethod
    def with_bank_holidays(cls, days: Iterable[date]) -> "WorkingDays":
        return cls(frozenset(days))

    def is_bank_holiday(self, day: date) -> bool:
        if self.bank_holidays is not None:
            return day in self.bank_holidays
        return day in _england_and_wales(day.year)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_bank_holiday(day)

    def previous_working_day(self, day: date) -> date:
        """The day itself if it is a working day, else the last working day before it."""
        while not self.is_working_day(day):
            day -= ONE_DAY
        return day

    def next_working_day(self, day: date) -> date:
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def non_friday_release_day(self, day: date) -> date:
        """Discretionary Friday / pre-bank-holiday release (CRDS `NonFridayReleaseService`): step back while
        the day or the day after is not a working day. A hint only; it never changes the legal date."""
        while not (self.is_working_day(day) and self.is_working_day(day + ONE_DAY)):
            day -= ONE_DAY
        return day


_CACHE: dict[int, holidays.HolidayBase] = {}


def _england_and_wales(year: int) -> holidays.HolidayBase:
    if year not in _CACHE:
        _CACHE[year] = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return _CACHE[year]


ENGLAND_AND_WALES = WorkingDays()
