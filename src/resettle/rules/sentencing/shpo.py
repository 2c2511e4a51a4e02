"""Breach of a sexual harm prevention order (SHPO) whose release provisions cannot be known
(CRDS `UNABLE_TO_DETERMINE_SHPO_RELEASE_PROVISIONS`).

Since the Sentencing Code commenced on 1 December 2020 a breach of an SHPO can be an offence under either
of two Acts (section 103I of the Sexual Offences Act 2003 or section 354 of the Sentencing Act 2020), and the
offence code does not say which. As CRDS's cases show it, the release provisions then differ by when the
breach is excluded from release at 40% (SDS40): from the start of the scheme (marker `SEXUAL`) or only from
16 December 2024 (like the `SEXUAL_T3` offences). When the sentence's release date is the same either way, it
does not matter; when it differs, the booking needs a manual calculation.

The rule, as the CRDS fixtures show it: a sentence for one of the SHPO-breach codes below (or its attempt),
committed on or after 1 December 2020 and marked `SEXUAL`, is refused when treating it as a 16 December 2024
exclusion instead would change the release date of that sentence (or of the chain it is part of)."""

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from .model import Booking, Sentence
from .result import Refused

SHPO_BREACH_CODES = frozenset({"SX03220", "SX03220A", "SX03244", "SX03244A", "SX03247", "SX03247A"})
SENTENCING_CODE_COMMENCEMENT = date(2020, 12, 1)
ORIGINAL_MARKER, LATER_MARKER = "SEXUAL", "SEXUAL_T3"

REASON = (
    "a breach of a sexual harm prevention order committed on or after 1 December 2020 changes the release "
    "date depending on which Act the order was made under, and the record does not say which"
)


def is_ambiguous(sentence: Sentence) -> bool:
    """An SHPO breach whose release provisions depend on the Act the order was made under."""
    return (
        sentence.offence.offence_code in SHPO_BREACH_CODES
        and sentence.offence.committed_at >= SENTENCING_CODE_COMMENCEMENT
        and ORIGINAL_MARKER in sentence.release_arrangements.early_release_exclusions
    )


def as_later_exclusion(booking: Booking) -> Booking:
    """The booking with its ambiguous SHPO breaches excluded from SDS40 only from 16 December 2024."""

    def swapped(sentence: Sentence) -> Sentence:
        if not is_ambiguous(sentence):
            return sentence
        arrangements = sentence.release_arrangements
        markers = (arrangements.early_release_exclusions - {ORIGINAL_MARKER}) | {LATER_MARKER}
        return replace(sentence, release_arrangements=replace(arrangements, early_release_exclusions=markers))

    return replace(booking, sentences=tuple(swapped(s) for s in booking.sentences))


def check(booking: Booking, releases: Callable[[Booking], Sequence[tuple[bool, date]]]) -> None:
    """`releases(booking)` gives, for each unit (sentence or chain) in the order built, whether it holds an
    ambiguous SHPO breach and its release date; both bookings build the same units in the same order."""
    if not any(is_ambiguous(s) for s in booking.sentences):
        return
    as_given = releases(booking)
    otherwise = releases(as_later_exclusion(booking))
    for (ambiguous, release), (_, other_release) in zip(as_given, otherwise, strict=True):
        if ambiguous and release != other_release:
            raise Refused("UNABLE_TO_DETERMINE_SHPO_RELEASE_PROVISIONS", REASON)
