"""Recalls (CJA 2003 s.254-s.256A; PSI 03/2015 ch.9): the post-recall release date (PRRD).

A standard recall is served to the licence expiry. A fixed-term recall returns him to custody for 14, 28
or (from 2026, by tranche) 56 days from the return to custody, never beyond the licence expiry; days
unlawfully at large after the return, and days awarded after release, push it back."""

from dataclasses import dataclass
from datetime import date, timedelta

from .durations import long_date
from .legislation import Tranche
from .model import RecallType

FIXED_TERM_DAYS = {RecallType.FTR_14: 14, RecallType.FTR_28: 28, RecallType.FTR_56: 56}


@dataclass(frozen=True)
class PostRecallRelease:
    on: date
    because: tuple[str, ...]


def post_recall_release(
    recall_type: RecallType,
    *,
    licence_expiry: date,
    return_to_custody: date | None,
    ual_after_return: int,
    ada_after_release: int,
    ftr56_tranche: Tranche | None,
) -> PostRecallRelease:
    days = FIXED_TERM_DAYS.get(recall_type)
    if recall_type is RecallType.FTR_56 and ftr56_tranche is None:
        days = None  # not yet in an FTR56 tranche: served as a standard recall
    if days is None or return_to_custody is None:
        return PostRecallRelease(licence_expiry, ("Standard recall: released at the licence expiry",))
    release = return_to_custody + timedelta(days=days - 1 + ual_after_return + ada_after_release)
    because = [f"Fixed-term recall of {days} days from return to custody on {long_date(return_to_custody)}"]
    if ual_after_return:
        because.append(f"Plus {ual_after_return:,} days unlawfully at large after return")
    if ada_after_release:
        because.append(f"Plus {ada_after_release:,} additional days awarded")
    if ftr56_tranche and days == 56 and release - timedelta(days=ada_after_release) <= ftr56_tranche.date:
        # Compared with the tranche date before added days, which still count after it.
        release = ftr56_tranche.date + timedelta(days=ada_after_release)
        because.append(f"Not before the FTR56 commencement for his tranche, {long_date(ftr56_tranche.date)}")
    if release > licence_expiry:
        return PostRecallRelease(licence_expiry, (*because, "Capped at the licence expiry"))
    return PostRecallRelease(release, tuple(because))
