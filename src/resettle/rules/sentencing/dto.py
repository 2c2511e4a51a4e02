"""Detention and training orders (Sentencing Act 2020 s.241-s.248; PSI 03/2015 ch.7).

Released at the mid-term (one half). The Secretary of State may release up to one month early for an
order of 8 to under 18 months and two months early for 18 months or more; the court may order release
that much later (ETD/LTD). Before the PCSC Act (28 June 2022) remand was not deducted from a DTO."""

from datetime import date

from .durations import is_shorter_than_months
from .multipliers import ONE_HALF
from .tracks import DateType

MULTIPLIER = ONE_HALF
DATE_TYPES = frozenset({DateType.SED, DateType.MTD, DateType.ETD, DateType.LTD, DateType.TUSED})
MAX_CONSECUTIVE_MONTHS = 24  # consecutive DTOs may not exceed 24 months (s.238)


def early_and_late_months(sentenced_at: date, days: int) -> int:
    """Months by which the ETD precedes and the LTD follows the MTD; 0 when neither applies."""
    if is_shorter_than_months(days, sentenced_at, 8):
        return 0
    return 1 if is_shorter_than_months(days, sentenced_at, 18) else 2
