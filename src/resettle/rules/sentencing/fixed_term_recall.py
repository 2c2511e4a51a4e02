"""Whether a fixed-term recall is of the right length (CJA 2003 s.255B, as amended in 2020): 14 days when
every sentence still running on return to custody is under 12 months, else 28 days. CRDS routes a mismatch
to manual calculation (`FixedTermRecallsService`: FTR_TYPE_14/28_DAYS_* validation codes)."""

from datetime import date

from .aggregation import Unit
from .durations import is_shorter_than_months
from .model import Booking, RecallType
from .result import Refused
from .sentence_dates import UnitDates
from .tracks import DateType

MIN_GAP_DAYS = 14


def is_twelve_months_or_more(unit: Unit) -> bool:
    return not is_shorter_than_months(unit.total_days(), unit.sentenced_at, 12)


def length(recall_type: RecallType, unit: Unit, any_twelve_months_or_more: bool) -> RecallType:
    """On a 28-day recall that also covers sentences of 12 months or more, a sentence (or aggregate) under
    12 months is recalled for 14 days (s.255B; CRDS `FixedTermRecallsService`)."""
    if recall_type is RecallType.FTR_28 and any_twelve_months_or_more and not is_twelve_months_or_more(unit):
        return RecallType.FTR_14
    return recall_type


def check(recalls: list[UnitDates], booking: Booking) -> None:
    recalled = recalls[0].unit.parts[0].sentence
    recall = recalled.recall
    if recall.recall_type not in (RecallType.FTR_14, RecallType.FTR_28):
        return
    return_to_custody = booking.returned_to_custody(recalled)
    last = max(recalls, key=_expiry)
    long_ones = [r for r in recalls if is_twelve_months_or_more(r.unit)]
    running_after_return = [r for r in long_ones if _gap(r, return_to_custody) >= MIN_GAP_DAYS]
    what = "aggregate" if last.unit.is_chain else "sentence"
    if recall.recall_type is RecallType.FTR_14:
        if is_twelve_months_or_more(last.unit):
            code = "AGGREGATE_GE_12_MONTHS" if last.unit.is_chain else "SENTENCE_GT_12_MONTHS"
            raise Refused(f"FTR_TYPE_14_DAYS_{code}", f"a 14-day recall on a {what} of 12 months or more")
        if running_after_return:
            raise Refused(
                "FTR_TYPE_14_DAYS_SENTENCE_GAP_GT_14_DAYS", "a sentence of 12 months or more is still running"
            )
        return
    if not long_ones and last.unit.is_chain:
        raise Refused(
            "FTR_TYPE_28_DAYS_AGGREGATE_LT_12_MONTHS", "a 28-day recall on an aggregate under 12 months"
        )
    # At exactly 14 days CRDS refuses both lengths (the 14- and 28-day checks overlap on that day).
    ending_within_gap = [r for r in long_ones if _gap(r, return_to_custody) <= MIN_GAP_DAYS]
    if long_ones and not is_twelve_months_or_more(last.unit) and len(ending_within_gap) == len(long_ones):
        raise Refused(
            "FTR_TYPE_28_DAYS_SENTENCE_GAP_LT_14_DAYS", "sentences of 12 months or more end within 14 days"
        )


def _gap(result: UnitDates, return_to_custody: date | None) -> int:
    if return_to_custody is None:
        return MIN_GAP_DAYS
    return (_expiry(result) - return_to_custody).days


def _expiry(result: UnitDates) -> date:
    return result.get(DateType.SLED) or result.get(DateType.SED)
