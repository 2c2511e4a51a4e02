"""The period a report covers: a month, a quarter, or the 12 months to a day (the inspectorate's rolling
year). Both ends are inclusive: a man released on the last day is in it, and the men held are those held
on that day."""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from ..explained import long_date


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"period: ends {self.end.isoformat()} before it starts {self.start.isoformat()}")

    @classmethod
    def twelve_months_to(cls, end: date) -> "Period":
        return cls(end - relativedelta(years=1) + timedelta(days=1), end)

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        start = date(year, month, 1)
        return cls(start, start + relativedelta(months=1) - timedelta(days=1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        if quarter not in (1, 2, 3, 4):
            raise ValueError(f"quarter: 1 to 4, not {quarter}")
        start = date(year, 3 * quarter - 2, 1)
        return cls(start, start + relativedelta(months=3) - timedelta(days=1))

    @classmethod
    def parse(cls, text: str, *, today: date) -> "Period":
        """`12m` (the 12 months to today), `12m:2026-11-30`, `2026-11` (a month), `2026-Q3` (a quarter),
        `2026-01-01:2026-06-30` (any two days)."""
        text = text.strip()
        try:
            if text.count(":") == 1 and not text.startswith("12m"):
                start, end = text.split(":")
                return cls(date.fromisoformat(start), date.fromisoformat(end))
            if text == "12m":
                return cls.twelve_months_to(today)
            if text.startswith("12m:"):
                return cls.twelve_months_to(date.fromisoformat(text[4:]))
            if "-Q" in text.upper():
                year, quarter = text.upper().split("-Q")
                return cls.quarter(int(year), int(quarter))
            year, month = text.split("-")
            return cls.month(int(year), int(month))
        except ValueError as error:
            raise ValueError(
                f"period: {text!r} is not 12m, 12m:YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY-MM-DD:YYYY-MM-DD ({error})"
            ) from None

    @property
    def words(self) -> str:
        return f"{long_date(self.start)} to {long_date(self.end)}"

    @property
    def text(self) -> str:
        """The period as `parse` reads it back."""
        if self == Period.twelve_months_to(self.end):
            return f"12m:{self.end.isoformat()}"
        if self.start.day == 1 and self == Period.month(self.start.year, self.start.month):
            return f"{self.start:%Y-%m}"
        if self.start.day == 1 and self.start.month % 3 == 1:
            quarter = Period.quarter(self.start.year, (self.start.month + 2) // 3)
            if self == quarter:
                return f"{self.start.year}-Q{(self.start.month + 2) // 3}"
        return f"{self.start.isoformat()}:{self.end.isoformat()}"

    @property
    def key(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"
