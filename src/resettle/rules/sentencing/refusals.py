"""Bookings the engine refuses rather than guesses (CRDS `validation/ValidationCode.kt`): they go to a
person for a manual calculation."""

from datetime import date, timedelta

from . import fixed_term_recall
from .aggregation import Unit
from .durations import aggregate_days, is_shorter_than_months
from .early_release import PROGRESSION_MODEL_SCHEDULE
from .legislation import Profile, Toggles, Tranche
from .model import MANUAL_ADJUSTMENTS, AdjustmentType, Booking, RecallType, Sentence, SentenceKind
from .result import Refused
from .sentence_dates import UnitDates
from .tracks import TERM_TRACKS, DateType, Track

# Refusals CRDS classes as invalid data (validation order 2, INVALID): it runs every unsupported check
# (order 1) first, so a booking both unsupported and invalid is refused as unsupported (hard cases §8.1).
INVALID_DATA = frozenset(
    {
        "NO_VALID_RETURN_TO_CUSTODY_DATE",
        "REMAND_OVERLAPS_WITH_SENTENCE",
        "DUPLICATE_OR_OVERLAPPING_UAL",
        "FTR_TYPE_28_DAYS_SENTENCE_LT_12_MONTHS",
        "FTR_TYPE_14_DAYS_SENTENCE_GE_12_MONTHS",
    }
)
FIXED_TERM = (RecallType.FTR_14, RecallType.FTR_28, RecallType.FTR_56)


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


def check_unsupported_adjustments(booking: Booking) -> None:
    """Adjustments CRDS cannot calculate (SupportedAdjustmentsValidator: unsupported, source data, so
    before any other check; hard cases §8.1-8.2); and a booking with no sentence (NO_SENTENCES)."""
    if not booking.sentences:
        raise Refused("NO_SENTENCES", "there is no sentence to calculate")
    for adjustment in booking.adjustments:
        if adjustment.type in MANUAL_ADJUSTMENTS:
            raise Refused(
                f"UNSUPPORTED_ADJUSTMENT_{adjustment.type.value}",
                f"{adjustment.type.value.replace('_', ' ').lower()} needs a manual calculation",
            )


def check_booking(booking: Booking) -> None:
    """The invalid-data checks before calculation, in CRDS's order (hard cases §8.1), then what makes
    the calculation itself fail (§8.3)."""
    _check_ual_overlaps(booking)
    _check_fixed_term_recall_lengths(booking)
    for index, sentence in enumerate(booking.sentences):
        if sentence.recall and sentence.recall.recall_type is RecallType.STANDARD_255:
            raise Refused("UNSUPPORTED_RECALL", f"sentences[{index}]: HDC recalls need a manual calculation")
    _check_fixed_term_recalls(booking)
    _check_remand(booking)


def _check_ual_overlaps(booking: Booking) -> None:
    """DUPLICATE_OR_OVERLAPPING_UAL (UalValidator; hard cases §8.2): two periods unlawfully at large that
    share a day."""
    periods = [
        (a.from_date, a.to_date)
        for a in booking.adjustments_of(AdjustmentType.UNLAWFULLY_AT_LARGE)
        if a.from_date and a.to_date
    ]
    for index, (start, end) in enumerate(periods):
        for other_start, other_end in periods[index + 1 :]:
            if start <= other_end and other_start <= end:
                raise Refused(
                    "DUPLICATE_OR_OVERLAPPING_UAL", "two periods unlawfully at large cover the same day"
                )


def _check_fixed_term_recall_lengths(booking: Booking) -> None:
    """The recall type against the recalled sentences' own lengths, before any aggregation
    (FixedTermRecallBookingValidator; hard cases §8.2): FTR28 with every fixed-term recall under 12
    months and none in a consecutive chain; FTR14 with no FTR14 under 12 months but one of 12 months or
    more. (The checks on NOMIS's recall length are not made: the booking does not carry it.)"""
    recalled = [s for s in booking.sentences if s.recall and s.recall.recall_type in FIXED_TERM]
    if not recalled:
        return
    in_chain = {s.consecutive_to for s in booking.sentences if s.consecutive_to}
    chained = any(s.consecutive_to or s.identifier in in_chain for s in recalled)
    longest_long = any(_twelve_months_or_more(s) for s in recalled)
    ftr_14 = [s for s in recalled if s.recall.recall_type is RecallType.FTR_14]
    short_ftr_14 = any(not _twelve_months_or_more(s) for s in ftr_14)
    if any(s.recall.recall_type is RecallType.FTR_28 for s in recalled) and not longest_long and not chained:
        raise Refused(
            "FTR_TYPE_28_DAYS_SENTENCE_LT_12_MONTHS", "a 28-day recall on a sentence under 12 months"
        )
    if ftr_14 and not short_ftr_14:
        raise Refused(
            "FTR_TYPE_14_DAYS_SENTENCE_GE_12_MONTHS", "a 14-day recall on a sentence of 12 months or more"
        )


def _twelve_months_or_more(sentence: Sentence) -> bool:
    days = aggregate_days(sentence.terms, sentence.sentenced_at)
    return not is_shorter_than_months(days, sentence.sentenced_at, 12)


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
