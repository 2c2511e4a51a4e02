"""Home detention curfew eligibility (CJA 2003 s.246; HDC policy framework; CRDS `HdcedCalculator`).

Eligible after a quarter of the custodial period (at least 28 days, and 14 days before release), up to 180
days before the CRD; from 3 June 2025 (HDC-365) up to 365 days before it for longer custodial periods.
No HDC for a custodial period under 6 weeks, for registered sex offenders, SDS+ eligible offences,
extended sentences or recalls."""

from datetime import date, timedelta

from ..explained import long_date
from .aggregation import Unit
from .legislation import HDC_365_COMMENCEMENT_DATE, HDC_CLEAN_STOP_DATE, Hdc, Toggles
from .tracks import TERM_TRACKS, Identified, Track


def eligible_tracks(parts: tuple[Identified, ...]) -> bool:
    """Standard determinate sentences, alone or with a fine default served consecutively."""
    if any(p.is_recall or p.track not in (Track.SDS, Track.SDS_PLUS, Track.A_FINE) for p in parts):
        return False
    return any(p.track in (Track.SDS, Track.SDS_PLUS) for p in parts)


def is_adult(unit: Unit) -> bool:
    """Hard cases §5.6: every sentence is adult except a stand-alone SDS flagged section 250 and the "Term"
    sentences (fine default, DTO, BOTUS, a DTO single term). A consecutive chain is adult even when all its
    parts are section 250 sentences, as in CRDS."""
    if unit.single_term:
        return False
    if unit.is_chain:
        return True
    part = unit.parts[0]
    if part.is_recall:
        return True  # hard cases §5.6: a recalled S250 (LR_SEC91_ORA, LRSEC250_ORA) is not flagged S250
    if part.track in TERM_TRACKS:
        return False
    return not (
        part.track in (Track.SDS, Track.SDS_PLUS) and part.sentence.release_arrangements.is_section_250
    )


def withdrawn(units: list[Unit], hdced: date, progression_model: bool, toggles: Toggles) -> str | None:
    """Why the booking's HDCED is removed by the repeal or suspension toggles, if it is (hard cases §5.6):
    only when some sentence in the booking is adult; then always when HDC is suspended for adults, and
    under the repeal rules when the HDCED is on or after the clean stop date or the HDC sentence
    (`progression_model`) is released under the progression model."""
    if not any(is_adult(unit) for unit in units):
        return None
    if toggles.adultHdcSuspended:
        return "HDC suspended for adult sentences"
    if toggles.applyPostHdcedRepealRules and (hdced >= HDC_CLEAN_STOP_DATE or progression_model):
        return f"HDC repealed from {long_date(HDC_CLEAN_STOP_DATE)}"
    return None


def _hdced(
    sentenced_at: date, release_days: int, midpoint: int, deduction: int, hdc: Hdc, shift: int, ual: int
):
    if release_days < midpoint:
        days, how = (
            max(hdc.below_midpoint_minimum_days, -(-release_days // 2)),
            "at one half of the custodial period (at least 28 days)",
        )
    else:
        days, how = release_days - (deduction + 1), f"{deduction + 1} days before release"
    base = sentenced_at + timedelta(days=days + shift)
    earliest = sentenced_at + timedelta(days=hdc.minimum_days_on_hdc)
    if base - timedelta(days=ual) <= earliest:
        return earliest + timedelta(days=ual), "14 days after sentence, the earliest possible"
    return base, how


def calculate(
    *,
    sentenced_at: date,
    release_days: int,
    adjusted_release: date,
    deductions: int,
    ual: int,
    net_ada: int,
    hdc: Hdc,
    spans_hdc_365: bool = False,
) -> tuple[date, tuple[str, ...]] | None:
    """`spans_hdc_365`: a chain with parts passed before and after 3 June 2025, which cannot take the
    HDC-180 date from before the commencement."""
    if release_days < hdc.minimum_custodial_days:
        return None
    if adjusted_release < sentenced_at + timedelta(days=hdc.minimum_days_on_hdc):
        return None
    shift = ual - deductions
    ada = timedelta(days=net_ada)
    hdc180, how180 = _hdced(
        sentenced_at,
        release_days,
        hdc.midpoint_days_pre_365,
        hdc.above_midpoint_deduction_pre_365,
        hdc,
        shift,
        ual,
    )
    if hdc180 < HDC_365_COMMENCEMENT_DATE and not spans_hdc_365:
        return hdc180 + ada, (f"Home detention curfew eligibility {how180}: {long_date(hdc180 + ada)}",)
    hdc365, how365 = _hdced(
        sentenced_at,
        release_days,
        hdc.midpoint_days_post_365,
        hdc.above_midpoint_deduction_post_365,
        hdc,
        shift,
        ual,
    )
    if hdc365 >= HDC_365_COMMENCEMENT_DATE:
        return hdc365 + ada, (
            f"Home detention curfew eligibility (HDC-365) {how365}: {long_date(hdc365 + ada)}",
        )
    day = HDC_365_COMMENCEMENT_DATE + ada
    return day, (f"Home detention curfew eligibility from the HDC-365 commencement: {long_date(day)}",)
