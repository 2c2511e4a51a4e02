"""The projection's months as day offsets: the first is the rest of the month holding the first day, the
others whole calendar months, so that projected months line up with the months history counts."""

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np
from dateutil.relativedelta import relativedelta


@dataclass(frozen=True)
class Calendar:
    as_of: date
    months: int

    def __post_init__(self):
        if not 1 <= self.months <= 60:
            raise ValueError(f"months: between 1 and 60, not {self.months}")

    @property
    def month_starts(self) -> list[date]:
        first = self.as_of.replace(day=1)
        return [self.as_of] + [first + relativedelta(months=i) for i in range(1, self.months)]

    @property
    def ends_on(self) -> date:
        """The first day after the horizon."""
        return self.as_of.replace(day=1) + relativedelta(months=self.months)

    @property
    def days(self) -> int:
        return (self.ends_on - self.as_of).days

    @property
    def month_ends(self) -> np.ndarray:
        """Each month's last day, as an offset."""
        starts = [(start - self.as_of).days for start in self.month_starts[1:]]
        return np.array([*starts, self.days], dtype=np.int32) - 1

    def month_of(self, days: np.ndarray) -> np.ndarray:
        """The month each day offset falls in: days before the first day count in the first month (a date
        already passed for a man still held means he goes now); days past the horizon get `months`."""
        return self._month_table[np.clip(days, 0, self.days)]

    @cached_property
    def _month_table(self) -> np.ndarray:
        starts = np.array([(start - self.as_of).days for start in self.month_starts[1:]], dtype=np.int32)
        table = np.searchsorted(starts, np.arange(self.days + 1), side="right").astype(np.int16)
        table[self.days] = self.months
        return table

    def labels(self) -> list[str]:
        return [start.strftime("%b %Y") for start in self.month_starts]
