"""Top-up supervision (CJA 2003 s.256AA, inserted by the Offender Rehabilitation Act 2014).

An adult serving under two years for an offence committed on or after 1 February 2015, with less than a
year on licence, is supervised until 12 months after release. Repealed for recalls and new releases by
the toggle `applyPostRecallRepealRules`."""

from datetime import date, timedelta

from ..explained import long_date
from .durations import is_shorter_than_months, plus_months
from .sds import age_in_years, is_old_style, is_ora
from .tracks import Identified, Track


def eligible(
    parts: tuple[Identified, ...],
    *,
    sentenced_at: date,
    total_days: int,
    release_days: int,
    date_of_birth: date,
    release_without_ada: date,
) -> bool:
    sentences = [p.sentence for p in parts]
    if not all(p.track in (Track.SDS, Track.SDS_PLUS) for p in parts):
        return False
    # A chain needs only one part for an offence after the ORA commencement (PSI 03/2015 example 25).
    if any(is_old_style(s) for s in sentences) or not any(is_ora(s) for s in sentences):
        return False
    if total_days <= 1 or not is_shorter_than_months(total_days, sentenced_at, 24):
        return False
    if total_days - release_days >= 365:
        return False
    half_way = sentenced_at + timedelta(days=-(-total_days // 2) - 1)
    return (
        age_in_years(date_of_birth, half_way) > 18 and age_in_years(date_of_birth, release_without_ada) >= 18
    )


def calculate(
    *, release_without_ada: date, sentenced_at: date, ual_after_release: int
) -> tuple[date, tuple[str, ...]]:
    """12 months from release (added days aside), or from the sentence date on immediate release; time
    at large on licence extends it."""
    day = plus_months(max(release_without_ada, sentenced_at), 12) + timedelta(days=ual_after_release)
    return day, (f"Top-up supervision to 12 months after release: {long_date(day)}",)


def dto_eligible(*, date_of_birth: date, release: date, sentenced_at: date, total_days: int) -> bool:
    """A DTO term under two years carries supervision to 12 months after release, for someone 18 or over
    by then (Sentencing Act 2020 s.247A)."""
    if not is_shorter_than_months(total_days, sentenced_at, 24):
        return False
    return age_in_years(date_of_birth, release) >= 18


def carried_over(latest_tused: date | None, expiry: date) -> tuple[date, tuple[str, ...]] | None:
    """A BOTUS committal keeps the top-up supervision of the sentence it breached, if that runs on."""
    if latest_tused is None or latest_tused <= expiry:
        return None
    return latest_tused, (
        f"Top-up supervision carried on from the breached sentence: {long_date(latest_tused)}",
    )
