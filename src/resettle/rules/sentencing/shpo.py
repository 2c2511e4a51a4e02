"""Breach of a sexual harm prevention order (SHPO) whose release provisions cannot be known
(CRDS `UNABLE_TO_DETERMINE_SHPO_RELEASE_PROVISIONS`, `SHPOContaingSx03OffencesValidator`; hard cases §8.2).

Since the Sentencing Code commenced on 1 December 2020 a breach of an SHPO can be an offence under either
of two Acts (section 103I of the Sexual Offences Act 2003 or section 354 of the Sentencing Act 2020), and the
offence code does not say which. Whether it was excluded from release at 40% (SDS40) from the start of the
scheme or only from its additional exclusions (16 December 2024) then depends on the Act; for a sentence
released while that is in doubt, between the SDS40 tranche 1 date and the additional-exclusions date, the
booking needs a manual calculation.

The rule (hard cases §8.2), checked on each calculated sentence or chain once its dates are known: refused
when a part is a standard determinate sentence (not SDS+) for one of the SHPO-breach codes below (or its
attempt, suffix A), committed from 1 December 2020 to the additional-exclusions date inclusive, and the
sentence's adjusted release is on or after the tranche 1 date and before the additional-exclusions date;
a recall only counts when it has a top-up supervision date."""

from collections.abc import Iterable
from datetime import date

from .legislation import Profile
from .result import Refused
from .sentence_dates import UnitDates
from .tracks import DateType, Identified, Track

SHPO_BREACH_CODES = frozenset({"SX03220", "SX03220A", "SX03244", "SX03244A", "SX03247", "SX03247A"})
SENTENCING_CODE_COMMENCEMENT = date(2020, 12, 1)

REASON = (
    "a breach of a sexual harm prevention order committed on or after 1 December 2020, released between the "
    "SDS40 tranche 1 date and 16 December 2024, has release provisions that depend on which Act the order "
    "was made under, and the record does not say which"
)


def is_shpo_breach(part: Identified, profile: Profile) -> bool:
    """A standard (not SDS+) sentence for an SHPO breach committed while the Act is in doubt."""
    sentence = part.sentence
    return (
        part.track is Track.SDS
        and sentence.offence.offence_code in SHPO_BREACH_CODES
        and SENTENCING_CODE_COMMENCEMENT
        <= sentence.offence.committed_at
        <= profile.sds40_additional_exclusions_from
    )


def check(results: Iterable[UnitDates], profile: Profile) -> None:
    tranche_one = profile.sds40.tranches[0].date
    additional_exclusions = profile.sds40_additional_exclusions_from
    for result in results:
        if not any(is_shpo_breach(p, profile) for p in result.unit.parts):
            continue
        if any(p.is_recall for p in result.unit.parts) and DateType.TUSED not in result.dates:
            continue  # a recall counts only with a top-up supervision date
        if tranche_one <= result.release < additional_exclusions:
            raise Refused("UNABLE_TO_DETERMINE_SHPO_RELEASE_PROVISIONS", REASON)
