"""Working-day advice for release dates (CRDS `CalculationResultEnrichmentService` and
`NonFridayReleaseService`).

Advice only: the legal dates never move. A release falling on a Friday, or before a weekend or bank holiday,
may be brought forward under the discretionary Friday release scheme; HDC starts on the next working day."""

from dataclasses import dataclass
from datetime import date

from ..calendar import WorkingDays
from ..explained import long_date
from .result import Calculation

RELEASE_TYPES = ("CRD", "ARD", "PRRD", "ETD", "MTD", "LTD")


@dataclass(frozen=True)
class Hint:
    kind: str
    legal_date: date
    suggested: date
    text: str


def working_day_hints(calculation: Calculation, working_days: WorkingDays, today: date) -> list[Hint]:
    """Hints for dates not yet past; `today` is passed in so the advice is reproducible."""
    hints = []
    for kind, day in calculation.dates.items():
        if day < today:
            continue
        if kind in RELEASE_TYPES:
            suggested = working_days.non_friday_release_day(day)
            if suggested != day:
                hints.append(
                    Hint(
                        kind,
                        day,
                        suggested,
                        f"{kind} {long_date(day)}: may be released early on "
                        f"{long_date(suggested)} (discretionary Friday release)",
                    )
                )
        elif kind == "HDCED":
            suggested = working_days.next_working_day(day)
            if suggested != day:
                hints.append(
                    Hint(
                        kind,
                        day,
                        suggested,
                        f"HDCED {long_date(day)}: first working day is {long_date(suggested)}",
                    )
                )
    return hints
