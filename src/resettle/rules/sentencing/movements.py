"""External movements: whether he was in custody on a given day (the early-release schemes do not apply
to someone already released on licence when they commence, unless he was unlawfully at large then)."""

from datetime import date, timedelta

from .model import AdjustmentType, Booking

ALWAYS_OUT = frozenset({"HDC", "ERS", "ECSL"})


def in_custody_on(booking: Booking, day: date, *, ual_counts_as_custody: bool = True) -> bool:
    before = [m for m in booking.external_movements if m.movement_date <= day]
    if not before:
        return True
    last = max(before, key=lambda m: m.movement_date)
    if last.direction != "OUT":
        return True
    if last.reason in ALWAYS_OUT or not ual_counts_as_custody:
        return False
    return any(
        a.from_date and a.to_date and a.from_date <= day <= a.to_date
        for a in booking.adjustments_of(AdjustmentType.UNLAWFULLY_AT_LARGE)
    )


def at_large_around(booking: Booking, day: date) -> bool:
    """Out of custody on `day`, or unlawfully at large up to the day before it (CRDS counts him back in
    custody only the day after the period ends)."""
    if not in_custody_on(booking, day, ual_counts_as_custody=False):
        return True
    return any(
        a.from_date and a.to_date and a.from_date <= day <= a.to_date + timedelta(days=1)
        for a in booking.adjustments_of(AdjustmentType.UNLAWFULLY_AT_LARGE)
    )


def first_release_after(booking: Booking, day: date) -> date | None:
    """The first movement out of prison on or after `day`, which ends a period in custody."""
    return min((out for out in release_days(booking) if out >= day), default=None)


def release_days(booking: Booking) -> list[date]:
    """Every day he left prison, by external movement."""
    return [m.movement_date for m in booking.external_movements if m.direction == "OUT"]
