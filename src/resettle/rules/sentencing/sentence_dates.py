"""One sentence's (or one chain's) dates, before they are combined for the booking.

Release = sentence date + release days − 1, then adjusted; expiry = sentence date + all days − 1, adjusted
by time served and time at large but never by added days (CRDS `SentenceAdjustedCalculationService`)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..explained import ExplainedDate, long_date
from . import dto
from .adjustments import Applied
from .aggregation import MultiplierOf, Unit
from .durations import plus_months
from .multipliers import THREE_QUARTERS
from .sds import is_old_style, is_ora
from .tracks import DateType


@dataclass
class UnitDates:
    """A unit's dates under one legislation, with the figures later rules need."""

    unit: Unit
    types: frozenset[DateType]
    applied: Applied
    release_days: int
    total_days: int
    unadjusted_release: date
    unadjusted_expiry: date
    release: date  # adjusted CRD/ARD/MTD, before any recall
    released_before_sentence: bool = False  # time served exceeds the custodial period
    unused_ada: int = 0  # added days beyond the sentence expiry, which cannot be served
    progression_model: bool = False  # released under the progression model (hard cases §5.6 repeal)
    pre_progression: "UnitDates | None" = None  # its dates before the progression model reached it
    group: int | None = None  # its custodial group, in order (None for a recall)
    dates: dict[DateType, ExplainedDate] = field(default_factory=dict)

    def set(self, kind: DateType, on: date, *because: str) -> None:
        self.dates[kind] = ExplainedDate(kind.value, on, tuple(because))

    def get(self, kind: DateType) -> date | None:
        explained = self.dates.get(kind)
        return explained.on if explained else None

    @property
    def release_without_ada(self) -> date:
        return self.unadjusted_release + timedelta(days=self.applied.ual_in_custody - self.applied.deductions)


def _day(start: date, days: int) -> date:
    return start + timedelta(days=days - 1)


def _shifted(base: date, days: int, floor: date) -> date:
    return max(base + timedelta(days=days), floor)


def _fraction_words(unit: Unit, multiplier_of: MultiplierOf) -> str:
    names = []
    for part in unit.parts:
        words = multiplier_of(part).words
        if words not in names:
            names.append(words)
    return " and ".join(names)


def calculate_unit(
    unit: Unit, types: frozenset[DateType], multiplier_of: MultiplierOf, applied: Applied
) -> UnitDates:
    start = unit.sentenced_at
    total_days = unit.total_days()
    release_days = unit.release_days(multiplier_of)
    unadjusted_release = _day(start, release_days)
    unadjusted_expiry = _day(start, total_days)
    unfloored = unadjusted_release + timedelta(days=applied.release_shift())
    release = max(unfloored, start)
    expiry = _shifted(unadjusted_expiry, applied.expiry_shift(), start)
    if applied.ual_until and expiry <= applied.ual_until:
        expiry = applied.ual_until + timedelta(days=1)  # cannot expire while he is at large
    result = UnitDates(
        unit,
        types,
        applied,
        release_days,
        total_days,
        unadjusted_release,
        unadjusted_expiry,
        release,
        released_before_sentence=unfloored < start,
    )
    length = f"{unit.describe()}: {total_days:,} days"
    fraction = _fraction_words(unit, multiplier_of)
    released = f"Released at {fraction}: day {release_days:,}, {long_date(unadjusted_release)}"
    release_reasons = (length, released, *applied.steps(unadjusted_release, release=True))
    if unfloored < start:
        release_reasons += (
            f"Released immediately: time served covers the custodial period, {long_date(start)}",
        )
    if release > expiry and DateType.PRRD not in types:
        # Added days cannot keep him past the end of the sentence; the excess is "unused".
        result.unused_ada = min(applied.net_ada, (release - expiry).days)
        release = result.release = expiry
        release_reasons = (*release_reasons, f"Capped at the sentence expiry: {long_date(release)}")
    expiry_reasons = (
        length,
        f"Sentence ends {long_date(unadjusted_expiry)}",
        *applied.steps(unadjusted_expiry, release=False),
    )
    for kind in (DateType.CRD, DateType.ARD):
        if kind in types:
            result.set(kind, release, *release_reasons)
    if DateType.MTD in types:
        _dto_dates(result, release_reasons)
    for kind in (DateType.SLED, DateType.SED):
        if kind in types:
            result.set(kind, expiry, *expiry_reasons)
    if DateType.LED in types:
        _licence_expiry(result, multiplier_of)
    ped_days = unit.ped_days(multiplier_of)
    if ped_days is not None and DateType.PED in types:
        ped = _shifted(_day(start, ped_days), applied.release_shift(), start)
        unadjusted_ped = _day(start, ped_days)
        steps = applied.steps(unadjusted_ped, release=True)
        result.set(
            DateType.PED,
            ped,
            length,
            f"Parole eligible at day {ped_days:,}, {long_date(unadjusted_ped)}",
            *steps,
        )
    return result


def _dto_dates(result: UnitDates, reasons: tuple[str, ...]) -> None:
    """DTO mid-term, with the early and late dates around it (Sentencing Act 2020 s.244-s.245)."""
    mtd = result.release
    result.set(DateType.MTD, mtd, *reasons)
    months = dto.early_and_late_months(result.unit.sentenced_at, result.total_days)
    if months and mtd > result.unit.sentenced_at:
        unit = "month" if months == 1 else "months"
        result.set(
            DateType.ETD,
            plus_months(mtd, -months),
            f"Early release: {months} {unit} before the mid-term date",
        )
        result.set(
            DateType.LTD, plus_months(mtd, months), f"Late release: {months} {unit} after the mid-term date"
        )


def _licence_expiry(result: UnitDates, multiplier_of: MultiplierOf) -> None:
    unit, applied = result.unit, result.applied
    sentences = [p.sentence for p in unit.parts]
    if all(is_old_style(s) for s in sentences):
        # CJA 1991: licence to the three-quarter point; remand beyond the release point extends it.
        excess = max(0, applied.deductions - result.release_days)
        led = _day(unit.sentenced_at, THREE_QUARTERS.of(result.total_days) + excess + applied.expiry_shift())
        result.set(DateType.LED, led, "Licence to three quarters of the sentence")
        return
    # PSI 03/2015 example 25: ORA part licensed for half its length after release.
    ora_days = sum(
        p.sentence.duration.days_from(p.sentence.sentenced_at) for p in unit.parts if is_ora(p.sentence)
    )
    led = min(result.release + timedelta(days=ora_days // 2), result.get(DateType.SED))
    result.set(DateType.LED, led, f"Licence for half of the {ora_days:,} days of the ORA sentence")
