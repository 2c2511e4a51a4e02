"""Early removal scheme eligibility (CJA 2003 s.260; CRDS `ErsedCalculator`): a foreign national may be
removed up to 544 days before release, but not before half the custodial period (ERS50); from
23 September 2025 up to four years before, but not before 30% of it (ERS30)."""

from datetime import date, timedelta

from .durations import long_date, plus_years
from .legislation import ERS30_COMMENCEMENT_DATE, Ers
from .sds import is_old_style
from .tracks import Identified, Track

ELIGIBLE_TRACKS = frozenset(
    {Track.SDS, Track.SDS_PLUS, Track.EDS_AUTOMATIC, Track.EDS_DISCRETIONARY, Track.SOPC}
)


def eligible(parts: tuple[Identified, ...]) -> bool:
    """Not on recall, not old-style; a fine default may be served consecutively with the sentence."""
    if any(p.is_recall or is_old_style(p.sentence) for p in parts):
        return False
    if any(p.track not in ELIGIBLE_TRACKS | {Track.A_FINE} for p in parts):
        return False
    return any(p.track in ELIGIBLE_TRACKS for p in parts)


def _scheme(
    effective_release: date,
    earliest: date,
    sentenced_at: date,
    days_to_release: int,
    release_point,
    shift: int,
) -> date:
    minimum = sentenced_at + timedelta(days=release_point.of(days_to_release) + shift)
    return max(earliest, min(minimum, effective_release))


def calculate(
    *,
    sentenced_at: date,
    spans_commencement: bool,
    effective_release: date,
    days_to_release: int,
    shift: int,
    added_days: int,
    net_ada: int,
    ers: Ers,
) -> tuple[date, tuple[str, ...]]:
    """`shift` is UAL − deductions + ADA; `added_days` the UAL and ADA, which may not take it before
    the sentence date."""
    ada = timedelta(days=net_ada)
    ers50 = _scheme(
        effective_release,
        effective_release - timedelta(days=ers.ers50_max_days),
        sentenced_at,
        days_to_release,
        ers.ers50_release_point,
        shift,
    )
    if (
        sentenced_at < ERS30_COMMENCEMENT_DATE
        and not spans_commencement
        and ers50 - ada < ERS30_COMMENCEMENT_DATE
    ):
        day, why = ers50, f"up to {ers.ers50_max_days} days before release, not before one half (ERS50)"
    else:
        ers30 = _scheme(
            effective_release,
            plus_years(effective_release, -ers.ers30_max_years),
            sentenced_at,
            days_to_release,
            ers.ers30_release_point,
            shift,
        )
        if sentenced_at >= ERS30_COMMENCEMENT_DATE or ers30 - ada >= ERS30_COMMENCEMENT_DATE:
            day, why = ers30, f"up to {ers.ers30_max_years} years before release, not before 30% (ERS30)"
        else:
            day, why = ERS30_COMMENCEMENT_DATE + ada, "from the ERS30 commencement"
    if day - timedelta(days=added_days) < sentenced_at:
        day = sentenced_at + timedelta(days=added_days)
    return day, (f"Early removal eligibility {why}: {long_date(day)}",)
