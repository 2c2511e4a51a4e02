"""Bookings the engine refuses rather than guesses (CRDS `validation/ValidationCode.kt`): they go to a
person for a manual calculation."""

from . import fixed_term_recall
from .model import MANUAL_ADJUSTMENTS, AdjustmentType, Booking, RecallType
from .result import Refused
from .sentence_dates import UnitDates
from .tracks import TERM_TRACKS, DateType


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
    if fixed_term and not (
        booking.return_to_custody_date
        or booking.ftr_return_to_custody_date
        or any(s.recall.return_to_custody_date for s in fixed_term)
    ):
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
