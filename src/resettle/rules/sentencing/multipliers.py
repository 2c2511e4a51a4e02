"""Release fractions as CRDS holds them (`service/ReleaseMultiplier.kt`): BigDecimals, rounded up.

Two thirds is the 20-digit decimal 0.66666666666666666666, not the rational 2/3, so 3 × 2/3 days is
1.99999999999999999998, which rounds up to 2 all the same; the exact decimal keeps the results identical.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal


@dataclass(frozen=True)
class Multiplier:
    name: str
    value: Decimal
    words: str

    def of(self, days: int) -> int:
        """Whole days at this fraction, rounded up (RoundingMode.CEILING)."""
        return int((self.value * days).to_integral_value(rounding=ROUND_CEILING))


FULL = Multiplier("FULL", Decimal(1), "the full term")
THREE_QUARTERS = Multiplier("THREE_QUARTERS", Decimal("0.75"), "three quarters")
TWO_THIRDS = Multiplier("TWO_THIRDS", Decimal("0.66666666666666666666"), "two thirds")
ONE_HALF = Multiplier("ONE_HALF", Decimal("0.5"), "one half")
ONE_THIRD = Multiplier("ONE_THIRD", Decimal("0.33333333333333333333"), "one third")
FORTY_PERCENT = Multiplier("FORTY_PERCENT", Decimal("0.4"), "40%")
FORTY_THREE_PERCENT = Multiplier("FORTY_THREE_PERCENT", Decimal("0.43"), "43%")
FORTY_FIVE_PERCENT = Multiplier("FORTY_FIVE_PERCENT", Decimal("0.45"), "45%")
THIRTY_PERCENT = Multiplier("THIRTY_PERCENT", Decimal("0.3"), "30%")

BY_NAME = {
    m.name: m
    for m in (
        FULL,
        THREE_QUARTERS,
        TWO_THIRDS,
        ONE_HALF,
        ONE_THIRD,
        FORTY_PERCENT,
        FORTY_THREE_PERCENT,
        FORTY_FIVE_PERCENT,
        THIRTY_PERCENT,
    )
}
