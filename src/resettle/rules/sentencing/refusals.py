"""Bookings the engine refuses rather than guesses (CRDS `validation/ValidationCode.kt`): they go to a
person for a manual calculation."""

from datetime import date, timedelta

from . import fixed_term_recall
from .aggregation import Unit
from .early_release import PROGRESSION_MODEL_SCHEDULE
from .legislation import Profile, Toggles, Tranche
from .model import MANUAL_ADJUSTMENTS, AdjustmentType, Booking, RecallType, SentenceKind
from .result import Refused
from .sentence_dates import UnitDates
from .tracks import TERM_TRACKS, DateType, Track

# Refusals CRDS classes as invalid data (validation order 2, INVALID): it runs every unsupported check
# (order 1) first, so a booking both unsupported and invalid is refused as unsupported (hard cases §8.1).
INVALID_DATA = frozenset({"NO_VALID_RETURN_TO_CUSTODY_DATE", "REMAND_OVERLAPS_WITH_SENTENCE"})


def check_toggled(booking: Booking, toggles: Toggles) -> None:
    """Cases a production toggle sends to a person: PROGRESSION_MODEL_SCHEDULE_EXCLUSION, when
    `routeProgressionModelScheduleExclusionToManual` is on and a standard sentence, not Section 250 and not
    a recall, carries the Sentencing Act 2026 schedule marker (RouteProgressionModelExclusionToManual-
    Validator; hard cases §8.2). A toggle on is obeyed, never calculated past."""
    if not toggles.routeProgressionModelScheduleExclusionToManual:
        return
    for index, sentence in enumerate(booking.sentences):
        arrangements = sentence.release_arrangements
        if (
            sentence.kind is SentenceKind.STANDARD
            and not arrangements.is_section_250
            and sentence.recall is None
            and PROGRESSION_MODEL_SCHEDULE & arrangements.early_release_exclusions
        ):
            raise Refused(
                "PROGRESSION_MODEL_SCHEDULE_EXCLUSION",
                f"sentences[{index}]: an offence on the Sentencing Act 2026 schedule is calculated by hand "
                "under the progression model",
            )


def check_sds40_consecutive(units: list[Unit], tranche: Tranche | None, profile: Profile) -> None:
    """UNSUPPORTED_SDS40_CONSECUTIVE_SDS_BETWEEN_TRANCHE_COMMENCEMENTS (SdsImposedConsecBetweenTrancheDates-
    Sds40Validator; hard cases §8.2): the booking is allocated to SDS40 tranche 2, and a consecutive chain
    has a standard (not SDS+) part passed on or after the tranche 1 date and before the tranche 2 date."""
    tranches = profile.sds40.tranches
    if tranche is None or len(tranches) < 2 or tranche is not tranches[1]:
        return
    first, second = tranches[0].date, tranches[1].date
    for unit in units:
        if unit.is_chain and any(
            p.track is Track.SDS and first <= p.sentence.sentenced_at < second for p in unit.parts
        ):
            raise Refused(
                "UNSUPPORTED_SDS40_CONSECUTIVE_SDS_BETWEEN_TRANCHE_COMMENCEMENTS",
                "a consecutive standard sentence passed between the SDS40 tranche 1 and tranche 2 dates, "
                "for a booking in tranche 2, is calculated by hand",
            )


def check_booking(booking: Booking) -> None:
    for adjustment in booking.adjustments:
        if adjustment.type in MANUAL_ADJUSTMENTS:
            raise Refused(
                "UNSUPPORTED_ADJUSTMENT",
                f"{adjustment.type.value.replace('_', ' ').lower()} needs a manual calculation",
            )
    for index, sentence in enumerate(booking.sentences):
        if sentence.recall and sentence.recall.recall_type is RecallType.STANDARD_255:
            raise Refused("UNSUPPORTED_RECALL", f"sentences[{index}]: HDC recalls need a manual calculation")
    _check_fixed_term_recalls(booking)
    _check_remand(booking)


def _check_fixed_term_recalls(booking: Booking) -> None:
    recalled = [s for s in booking.sentences if s.recall]
    fixed_term = [
        s
        for s in recalled
        if s.recall.recall_type in (RecallType.FTR_14, RecallType.FTR_28, RecallType.FTR_56)
    ]
    if fixed_term and not any(booking.returned_to_custody(s) for s in fixed_term):
        raise Refused(
            "NO_VALID_RETURN_TO_CUSTODY_DATE", "a fixed-term recall needs the date he returned to custody"
        )


def _check_remand(booking: Booking) -> None:
    """Remand ends before the sentence it counts towards begins (REMAND_OVERLAPS_WITH_SENTENCE)."""
    for adjustment in booking.adjustments_of(AdjustmentType.REMAND):
        if (
            adjustment.to_date
            and adjustment.applies_to_sentences_from
            and (adjustment.to_date >= adjustment.applies_to_sentences_from)
        ):
            raise Refused(
                "REMAND_OVERLAPS_WITH_SENTENCE", "remand overlaps the sentence it is counted against"
            )


def check_results(booking: Booking, results: list[UnitDates]) -> None:
    """Checks that need the calculated dates."""
    _check_ada_after_release(booking, results)
    _check_release_before_sentence(booking, results)
    recalls = [r for r in results if DateType.PRRD in r.types]
    if recalls:
        fixed_term_recall.check(recalls, booking)


def _check_ada_after_release(booking: Booking, results: list[UnitDates]) -> None:
    """Days awarded after his last release, with no recall to serve them in (ADJUSTMENT_AFTER_RELEASE_ADA)."""
    if any(DateType.PRRD in r.types for r in results):
        return
    takes_adas = [r for r in results if r.applied.ada or not (r.unit.tracks <= TERM_TRACKS)]
    if not takes_adas:
        return
    last_release = max(r.release for r in takes_adas)
    for adjustment in booking.adjustments_of(AdjustmentType.ADDITIONAL_DAYS_AWARDED):
        if adjustment.from_date and adjustment.from_date > last_release:
            raise Refused("ADJUSTMENT_AFTER_RELEASE_ADA", "additional days were awarded after release")


def _check_release_before_sentence(booking: Booking, results: list[UnitDates]) -> None:
    """A sentence (or consecutive chain) that the remand and tagged bail recorded against its sentence date
    would release more than a day before he was sentenced, when no sentence passed on or before that date
    still held him (RELEASE_DATE_BEFORE_SENTENCE_DATE). Released on the day of sentence, or while another
    sentence holds him, is an ordinary immediate release and is calculated."""

    def release_of(result: UnitDates) -> date:
        if DateType.PRRD in result.types or result.release > result.unit.sentenced_at:
            return result.release
        own = sum(
            a.number_of_days
            for kind in (AdjustmentType.REMAND, AdjustmentType.TAGGED_BAIL)
            for a in booking.adjustments_of(kind)
            if a.applies_to_sentences_from == result.unit.sentenced_at
        )
        return result.unadjusted_release - timedelta(days=own)

    for result in results:
        if DateType.PRRD in result.types:
            continue
        sentenced = result.unit.sentenced_at
        day_before = sentenced - timedelta(days=1)
        if release_of(result) >= day_before:
            continue
        held = any(
            other is not result and other.unit.sentenced_at <= sentenced and release_of(other) >= day_before
            for other in results
        )
        if not held:
            raise Refused(
                "RELEASE_DATE_BEFORE_SENTENCE_DATE",
                "the time spent on remand or tagged bail would have released him before the date he was "
                "sentenced",
            )
