"""Bookings the engine refuses rather than guesses (CRDS `validation/ValidationCode.kt`): they go to a
person for a manual calculation."""

from datetime import date, timedelta

from ..explained import long_date
from . import fixed_term_recall, movements
from .aggregation import Unit
from .durations import aggregate_days, is_shorter_than_months
from .early_release import PROGRESSION_MODEL_SCHEDULE
from .legislation import Profile, Toggles, Tranche
from .model import MANUAL_ADJUSTMENTS, AdjustmentType, Booking, RecallType, Sentence, SentenceKind
from .result import Refused
from .sentence_dates import UnitDates
from .timeline import CustodialPeriod
from .tracks import TERM_TRACKS, DateType, Track

# Refusals CRDS classes as invalid data (validation order 2, INVALID): it runs every unsupported check
# (order 1) first, so a booking both unsupported and invalid is refused as unsupported (hard cases §8.1).
INVALID_DATA = frozenset(
    {
        "NO_VALID_RETURN_TO_CUSTODY_DATE",
        "REMAND_OVERLAPS_WITH_SENTENCE",
        "FTR_SENTENCES_CONFLICT_WITH_EACH_OTHER",
        "RECALL_MISSING_REVOCATION_DATE",
        "FTR_RTC_DATE_BEFORE_REVOCATION_DATE",
        "ADJUSTMENT_AFTER_RELEASE_ADA",
        "ADJUSTMENT_AFTER_RELEASE_RADA",
        "RELEASE_DATE_BEFORE_SENTENCE_DATE",
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
    _check_ftr56_after_hdc(booking)
    _check_fixed_term_recalls(booking)


def _check_ftr56_after_hdc(booking: Booking) -> None:
    """A 56-day recall of a man last released on HDC or end of custody licence before he came back is
    calculated by hand (FTR_TYPE_56_UNSUPPORTED_RECALL, hard cases §7.5)."""
    if not any(s.recall and s.recall.recall_type is RecallType.FTR_56 for s in booking.sentences):
        return
    if movements.last_release_before_last_admission(booking) in ("HDC", "ECSL"):
        raise Refused(
            "FTR_TYPE_56_UNSUPPORTED_RECALL",
            "a 56-day recall after release on home detention curfew or end of custody licence",
        )


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
    # One recall, one length: 14-, 28- and 56-day recalls on one booking contradict each other
    # (FixedTermRecallValidator, hard cases §2.5, §8.2).
    if len({s.recall.recall_type for s in fixed_term}) > 1:
        raise Refused(
            "FTR_SENTENCES_CONFLICT_WITH_EACH_OTHER", "fixed-term recalls of different lengths on one booking"
        )
    # The 56-day recall's tranche is chosen by the revocation date, so it must be known and no later than
    # the return to custody (RevocationDateValidator, hard cases §2.5, §8.2).
    for s in fixed_term:
        if s.recall.recall_type is not RecallType.FTR_56:
            continue
        revoked, returned = s.recall.revocation_date, booking.returned_to_custody(s)
        if revoked is None:
            raise Refused("RECALL_MISSING_REVOCATION_DATE", "a 56-day recall needs its revocation date")
        if returned and revoked > returned:
            raise Refused(
                "FTR_RTC_DATE_BEFORE_REVOCATION_DATE",
                "the return to custody is before the licence was revoked",
            )


def _check_remand_against_periods(booking: Booking, periods: list[CustodialPeriod]) -> None:
    """REMAND_OVERLAPS_WITH_SENTENCE (RemandOverlappingSentenceValidator, hard cases §4.3): a remand period
    [from, to] that shares a day with a custodial period he was serving, or touches it, from its first
    sentence date to the day he left it. Only remand with both dates (not tagged bail or recall remand) is
    checked; periods holding a recalled sentence, and periods he left on the day they began (an immediate
    release: the range from == to is empty), are not. Where the remand is recorded against which sentence
    does not matter here."""
    checked = [p for p in periods if not p.holds_recall and p.start < p.released]
    for adjustment in booking.adjustments_of(AdjustmentType.REMAND):
        start, end = adjustment.from_date, adjustment.to_date
        if start is None or end is None or start > end:
            continue
        for period in checked:
            if start <= period.released and period.start <= end:
                raise Refused(
                    "REMAND_OVERLAPS_WITH_SENTENCE",
                    f"remand from {long_date(start)} to {long_date(end)} overlaps the sentence served from "
                    f"{long_date(period.start)} to {long_date(period.released)}",
                )


def check_results(booking: Booking, results: list[UnitDates], periods: list[CustodialPeriod]) -> None:
    """Checks that need the calculated dates and the custodial periods they make."""
    _check_remand_against_periods(booking, periods)
    _check_ada_after_release(booking, results)
    _check_release_before_sentence(results, periods)
    recalls = [r for r in results if DateType.PRRD in r.types]
    if recalls:
        fixed_term_recall.check(recalls, booking)


def _check_ada_after_release(booking: Booking, results: list[UnitDates]) -> None:
    """ADJUSTMENT_AFTER_RELEASE_ADA / _RADA (AdjustmentsAfterReleaseDateValidator, hard cases §3.7): days
    awarded or restored after the latest release of the sentences that can take them (not Terms: fines,
    DTOs, BOTUS), his post-recall release for a recall, belong to no sentence."""
    releases = [r.get(DateType.PRRD) or r.release for r in results if not (r.unit.tracks <= TERM_TRACKS)]
    if not releases:
        return
    last_release = max(releases)
    for kind, code, what in (
        (AdjustmentType.ADDITIONAL_DAYS_AWARDED, "ADJUSTMENT_AFTER_RELEASE_ADA", "awarded"),
        (AdjustmentType.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED, "ADJUSTMENT_AFTER_RELEASE_RADA", "restored"),
    ):
        for adjustment in booking.adjustments_of(kind):
            if adjustment.on and adjustment.on > last_release:
                raise Refused(
                    code,
                    f"additional days were {what} on {long_date(adjustment.on)}, after his last release "
                    f"on {long_date(last_release)}",
                )


def _check_release_before_sentence(results: list[UnitDates], periods: list[CustodialPeriod]) -> None:
    """RELEASE_DATE_BEFORE_SENTENCE_DATE (ExtinguishedSentenceGroupChecker, hard cases §4.4), per custodial
    period: the latest release of its sentences, before the floor at the sentence date (unadjusted CRD +
    time at large − remand and tagged bail + net added days), falls more than a day before the period's
    first sentence date, and that sentence has remand or tagged bail. Deductions equal to the custodial
    period are an immediate release and are calculated."""

    def uncapped(result: UnitDates) -> date:
        if result.release > result.unit.sentenced_at:
            return result.release  # released after sentence (a tranche date may have kept him in)
        return result.unadjusted_release + timedelta(days=result.applied.release_shift())

    for period in periods:
        if not period.members:
            continue
        latest = max((results[m] for m in period.members), key=uncapped)
        if period.start - timedelta(days=1) > uncapped(latest) and latest.applied.deductions:
            raise Refused(
                "RELEASE_DATE_BEFORE_SENTENCE_DATE",
                "the time spent on remand or tagged bail would have released him before the date he was "
                f"sentenced, {long_date(period.start)}",
            )
