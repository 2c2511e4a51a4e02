"""Imprisonment in default of a fine (A-FINE): released at one half, or after the full term for a fine of
£10 million or more imposed on or after 1 June 2015. Civil-offence committals get no remand or tagged bail."""

from .legislation import A_FINE_TEN_MILLION_FULL_RELEASE_DATE
from .model import Sentence
from .multipliers import FULL, ONE_HALF, Multiplier

TEN_MILLION = 10_000_000
CIVIL_OFFENCE_CODES = frozenset({f"ZZ010{n:02d}" for n in range(1, 11)} | {"XX00000-016N"})


def multiplier(sentence: Sentence) -> Multiplier:
    if (
        sentence.fine_amount or 0
    ) >= TEN_MILLION and sentence.sentenced_at >= A_FINE_TEN_MILLION_FULL_RELEASE_DATE:
        return FULL
    return ONE_HALF


def is_civil(sentence: Sentence) -> bool:
    return sentence.offence.offence_code in CIVIL_OFFENCE_CODES
