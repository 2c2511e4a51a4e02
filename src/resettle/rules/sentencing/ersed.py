"""Early removal scheme eligibility (CJA 2003 s.260; CRDS `ErsedCalculator`): a foreign national may be
removed up to 544 days before release, but not before half the custodial period (ERS50); from
23 September 2025 up to four years before, but not before 30% of it (ERS30)."""

from datetime import date, timedelta

from ..explained import long_date
from .durations import plus_years
from .legislation import ERS30_COMMENCEMENT_DATE, Ers
from .sds import is_old_style
from .tracks import Identified, Track

ELIGIBLE_TRACKS = frozenset(
    {Track.SDS, Track.SDS_PLUS, Track.EDS_AUTOMATIC, Track.EDS_DISCRETIONARY, Track.SOPC}
)


def eligible(parts: tuple[Identified, ...]) -> bool:
    """Hard cases §6.1: not on recall; a standard, extended or SOPC sentence, or a chain with any such part;
    a standard sentence on its own not under the 1991 Act rules (the old-style test is for it alone)."""
    if any(p.is_recall for p in parts):
        return False
    if len(parts) == 1 and parts[0].track in (Track.SDS, Track.SDS_PLUS) and is_old_style(parts[0].sentence):
        return False
    return any(p.track in ELIGIBLE_TRACKS for p in parts)


def _scheme(
    *,
    sentenced_at: date,
    effective_release: date,
    earliest: date,
    days_to_release: int,
    release_point,
    shift: int,
    ual: int,
    ada_during: int,
) -> tuple[date, date]:
    """One scheme's ERSED and its date before added days (hard cases §6.2): not before the scheme's share
    of the custodial period, nor further before release than the scheme allows, nor before the sentence
    date once time at large and added days are taken off."""
    minimum = min(sentenced_at + timedelta(days=release_point.of(days_to_release) + shift), effective_release)
    day = minimum if minimum > earliest else earliest
    if day - timedelta(days=ual + ada_during) < sentenced_at:
        return sentenced_at + timedelta(days=ual + ada_during), sentenced_at + timedelta(days=ual)
    return day, day - timedelta(days=ada_during)


def calculate(
    *,
    sentenced_at: date,
    spans_commencement: bool,
    effective_release: date,
    days_to_release: int,
    shift: int,
    ual: int,
    ada_during: int,
    net_ada: int,
    ers: Ers,
) -> tuple[date, tuple[str, ...]]:
    """`shift` is UAL − deductions + added days (less any already served); `ual` and `ada_during` the
    time at large and the added days (less restored) during custody; `net_ada` the added days that move
    the ERS30 commencement (less served and unused ones)."""
    common = {
        "sentenced_at": sentenced_at,
        "effective_release": effective_release,
        "days_to_release": days_to_release,
        "shift": shift,
        "ual": ual,
        "ada_during": ada_during,
    }
    # A sentence passed on or after the ERS30 commencement, or a chain with parts passed either side of it,
    # is a post-ERS30 sentence (hard cases §6.3).
    post_ers30 = sentenced_at >= ERS30_COMMENCEMENT_DATE or spans_commencement
    ers50, ers50_before_ada = _scheme(
        earliest=effective_release - timedelta(days=ers.ers50_max_days),
        release_point=ers.ers50_release_point,
        **common,
    )
    if not post_ers30 and ers50_before_ada < ERS30_COMMENCEMENT_DATE:
        day, why = ers50, f"up to {ers.ers50_max_days} days before release, not before one half (ERS50)"
        return day, (f"Early removal eligibility {why}: {long_date(day)}",)
    ers30, ers30_before_ada = _scheme(
        earliest=plus_years(effective_release, -ers.ers30_max_years),
        release_point=ers.ers30_release_point,
        **common,
    )
    if post_ers30 or ers30_before_ada >= ERS30_COMMENCEMENT_DATE:
        day, why = ers30, f"up to {ers.ers30_max_years} years before release, not before 30% (ERS30)"
    else:
        day, why = ERS30_COMMENCEMENT_DATE + timedelta(days=net_ada), "from the ERS30 commencement"
    return day, (f"Early removal eligibility {why}: {long_date(day)}",)
