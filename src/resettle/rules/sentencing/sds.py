"""Standard determinate sentences (SDS and SDS+): release fraction and date types.

Criminal Justice Act 2003 s.244 releases at one half; SDS+ (PCSC Act 2022 / Sentencing Act 2020 s.244ZA)
at two thirds; the early-release schemes (SDS40, progression model) are in `early_release.py`."""

from datetime import date

from .durations import is_shorter_than_months, period_between
from .legislation import CJA_DATE, LASPO_DATE, ORA_DATE, Profile
from .model import Offender, Sentence
from .multipliers import Multiplier
from .tracks import DateType, Track

CRD_SLED = frozenset({DateType.CRD, DateType.SLED})
ARD_SED = frozenset({DateType.ARD, DateType.SED})
CRD_SED_LED = frozenset({DateType.CRD, DateType.SED, DateType.LED})


def default_multiplier(track: Track, profile: Profile) -> Multiplier:
    return profile.default_sds_plus if track is Track.SDS_PLUS else profile.default_sds


def is_old_style(sentence: Sentence) -> bool:
    """Criminal Justice Act 1991 rules: offence before 4 April 2005 and sentenced before LASPO."""
    return sentence.offence.committed_at < CJA_DATE and sentence.sentenced_at < LASPO_DATE


def is_ora(sentence: Sentence) -> bool:
    """Offender Rehabilitation Act 2014: offences on or after 1 February 2015 get licence/supervision."""
    return sentence.offence.committed_at >= ORA_DATE


def age_in_years(date_of_birth: date, on: date) -> float:
    """CRDS's age measure: years + 0.0001 × (months + days), so 'over 18' means past the 18th birthday."""
    period = period_between(date_of_birth, on)
    return period.years + 0.0001 * period.months + 0.0001 * period.days


def date_types(
    parts, sentenced_at: date, total_days: int, offender: Offender, release: date, progression_model: bool
) -> frozenset[DateType]:
    sentences = [p.sentence for p in parts]
    under_12_months = is_shorter_than_months(total_days, sentenced_at, 12)
    if all(is_old_style(s) for s in sentences):
        if not is_shorter_than_months(total_days, sentenced_at, 48):
            return CRD_SLED
        return ARD_SED if under_12_months else CRD_SED_LED
    ora = [is_ora(s) for s in sentences]
    if total_days <= 1:
        return ARD_SED
    if any(is_old_style(s) for s in sentences):
        # A chain mixing old- and new-style sentences: CRD and SLED, no LED (hard cases §9.5), unless
        # he is under 18 at the release of one under 12 months (§9.2).
        if under_12_months and age_in_years(offender.date_of_birth, release) < 18:
            return ARD_SED
        return CRD_SLED
    if under_12_months and not any(ora):
        # The progression model gives every sentence it covers a licence.
        return CRD_SLED if progression_model else ARD_SED
    if under_12_months and age_in_years(offender.date_of_birth, release) < 18:
        return ARD_SED
    if under_12_months and not all(ora):
        # PSI 03/2015 example 25: an ORA part consecutive to a pre-ORA part under 12 months.
        return CRD_SED_LED
    return CRD_SLED
