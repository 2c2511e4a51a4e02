"""External movements: whether he was in custody on a given day (the early-release schemes do not apply
to someone already released on licence when they commence, unless he was unlawfully at large then)."""

from datetime import date, timedelta

from .model import Adjustment, AdjustmentType, Booking, ExternalMovement

ALWAYS_OUT = frozenset({"HDC", "ERS", "ECSL"})


def in_custody_at_tranche(booking: Booking, tranche_date: date) -> bool:
    """Whether an SDS40 tranche can apply to him (hard cases §7.3, CRDS
    `SDS40Legislation.isOutOfCustodyAtAllocatedTrancheDate`): the latest movement strictly before the
    tranche date (of two on one day, the later listed) is not an OUT; or it is an OUT other than HDC, ERS
    or ECSL and a time-at-large period already on the timeline has from < tranche date <= to."""
    last = None
    for movement in booking.external_movements:
        if movement.movement_date < tranche_date and (
            last is None or movement.movement_date >= last.movement_date
        ):
            last = movement
    if last is None or last.direction != "OUT":
        return True
    if last.reason in ALWAYS_OUT:
        return False
    return any(
        a.from_date
        and a.to_date
        and a.from_date < tranche_date <= a.to_date
        # UAL is handled after the tranche allocation on the same day (hard cases §1.1: order 90 > 20).
        and (a.applies_to_sentences_from is None or a.applies_to_sentences_from < tranche_date)
        for a in booking.adjustments_of(AdjustmentType.UNLAWFULLY_AT_LARGE)
    )


# Releases that leave him out of custody when the progression model commences (hard cases §7.4): HDC and
# CRD releases do not; ERS removal and parole do.
OUT_AT_COMMENCEMENT = frozenset({"ERS", "PAROLE"})
# Escapes before this day are counted from the day before to the day after (CRDS's UAL period rules).
ESCAPE_RULE_CHANGE = date(2008, 7, 21)
ONE_DAY = timedelta(days=1)


def ual_out_of_custody(adjustment: Adjustment) -> tuple[date, date] | None:
    """The days a typed UAL period counts him out of custody for (hard cases §7.4); untyped or RECALL UAL
    is not counted."""
    start, end, reason = adjustment.from_date, adjustment.to_date, adjustment.reason
    if start is None or end is None:
        return None
    if reason == "RELEASE_IN_ERROR" or (reason == "ESCAPE" and start < ESCAPE_RULE_CHANGE):
        return start - ONE_DAY, end + ONE_DAY
    if reason in ("SENTENCED_IN_ABSENCE", "IMMIGRATION_DETENTION"):
        return start, end + ONE_DAY
    if reason == "ESCAPE":
        return start, end
    return None


def out_at_commencement(booking: Booking, commencement: date) -> bool:
    """CRDS OutOfCustodyAtProgressionModelCommencementValidator: at large on the day before the
    commencement by a typed UAL period, or the latest movement out before it is ERS removal or parole with
    no movement in since."""
    day_before = commencement - ONE_DAY
    for adjustment in booking.adjustments_of(AdjustmentType.UNLAWFULLY_AT_LARGE):
        period = ual_out_of_custody(adjustment)
        if period and period[0] <= day_before < period[1]:
            return True
    before = [m for m in booking.external_movements if m.movement_date < commencement]
    outs = [m for m in before if m.direction == "OUT"]
    if not outs:
        return False
    latest_out = max(outs, key=lambda m: m.movement_date)
    if latest_out.reason not in OUT_AT_COMMENCEMENT:
        return False
    return not any(m.direction == "IN" and m.movement_date > latest_out.movement_date for m in before)


def still_out_on_hdc(booking: Booking) -> bool:
    """His last release on HDC has no movement back in on or after it (CRDS HdcedRepealValidator)."""
    hdc = [m for m in booking.external_movements if m.direction == "OUT" and m.reason == "HDC"]
    if not hdc:
        return False
    last = max(hdc, key=lambda m: m.movement_date)
    return not any(
        m.direction == "IN" and m.movement_date >= last.movement_date for m in booking.external_movements
    )


def first_release_after(booking: Booking, day: date) -> date | None:
    """The first movement out of prison on or after `day` that ends a period in custody."""
    return min((out for out in release_days(booking) if out >= day), default=None)


# Removal under the early removal scheme from this day stops the sentence's clock (hard cases §7.2): he
# is treated as still in custody.
ERS_STOP_THE_CLOCK = date(2022, 6, 28)


def release_days(booking: Booking) -> list[date]:
    """Every day he left prison by an external movement that counts as a release (hard cases §7.2, CRDS
    `TimelineExternalMovementCalculationHandler`): of two movements on one day the later listed wins; an
    ERS removal is no release if the next movement is a failed removal, or if it is on or after the ERS
    stop-the-clock commencement."""
    listed = booking.external_movements
    on_day: dict[date, ExternalMovement] = {}
    for movement in listed:
        on_day[movement.movement_date] = movement
    days = []
    for day, movement in on_day.items():
        if movement.direction != "OUT":
            continue
        if movement.reason == "ERS":
            admission = next((m for m in listed if m.movement_date > day), None)
            if day >= ERS_STOP_THE_CLOCK or (admission and admission.reason == "FAILED_ERS_REMOVAL"):
                continue
        days.append(day)
    return sorted(days)


def last_release_before_last_admission(booking: Booking) -> str | None:
    """The reason for the latest movement out before his latest movement in, in the order recorded
    (CRDS FixedTermRecall56Validator)."""
    moves = list(booking.external_movements)
    ins = [i for i, m in enumerate(moves) if m.direction == "IN"]
    if not ins:
        return None
    latest_in = max(ins, key=lambda i: (moves[i].movement_date, i))
    outs = [
        i
        for i, m in enumerate(moves)
        if m.direction == "OUT" and (m.movement_date, i) < (moves[latest_in].movement_date, latest_in)
    ]
    if not outs:
        return None
    return moves[max(outs, key=lambda i: (moves[i].movement_date, i))].reason
