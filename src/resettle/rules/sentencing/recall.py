"""Recalls (CJA 2003 s.254-s.256A; PSI 03/2015 ch.9): the post-recall release date (PRRD).

A standard recall is served to the licence expiry. A fixed-term recall returns him to custody for 14, 28
or (from 2026, by tranche) 56 days from the return to custody, never beyond the licence expiry; days
unlawfully at large after the return, and days awarded after release, push it back."""

from dataclasses import dataclass
from datetime import date, timedelta

from ..explained import long_date
from .legislation import Tranche
from .model import Booking, RecallType
from .tracks import Identified, Track

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
    ftr56_in_force: bool = True,
) -> PostRecallRelease:
    """`ftr56_in_force`: whether the sentence was switched to the 56-day rules at an FTR56 tranche event,
    `ftr56_tranche`: the tranche allocated to the booking (None: the 56 days apply with no tranche floor)."""
    days = FIXED_TERM_DAYS.get(recall_type)
    if recall_type is RecallType.FTR_56 and not ftr56_in_force:
        days = None  # his licence ended before the FTR56 commencement: served as a standard recall
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


def ftr56_switched(licence_expiry: date | None, tranches: tuple[Tranche, ...]) -> bool:
    """At each FTR56 tranche event a recalled sentence whose release (still its licence expiry under the
    standard rules) is after the event moves to the 56-day rules; one whose licence ends on or before the
    first event stays a standard recall (hard cases §2.5)."""
    return bool(tranches) and licence_expiry is not None and licence_expiry > tranches[0].date


def ftr56_length(parts: tuple[Identified, ...], first_tranche: date) -> int:
    """A sentence's length for FTR56 tranche selection: its parts other than DTO, BOTUS and fine default
    terms, passed before the first tranche date, served end to end from the earliest (hard cases §2.5)."""
    counted = [
        p
        for p in parts
        if p.track not in (Track.DTO, Track.BOTUS, Track.A_FINE) and p.sentence.sentenced_at < first_tranche
    ]
    if not counted:
        return 0
    start = end = min(p.sentence.sentenced_at for p in counted)
    for part in counted:
        for term in part.sentence.terms:
            end = term.end_date(end) + timedelta(days=1)
    return (end - start).days


def allocate_ftr56_tranche(
    candidates: list[tuple[int, date | None, date | None]], booking: Booking, tranches: tuple[Tranche, ...]
) -> Tranche | None:
    """The booking's FTR56 tranche, allocated once at the first tranche event (CRDS
    `FTR56TrancheSelectionStrategy`, hard cases §2.5). `candidates` are the FTR56 sentences on the
    booking: (length in days, adjusted expiry, return to custody).

    The revocation date is the latest on any recall of the booking. No tranche is allocated when no
    recall has a revocation date, when the revocation is on the first tranche date itself, or when no
    FTR56 sentence both expires after the revocation and was returned to custody by the first tranche
    date: the 56 days then run with no tranche floor. Otherwise it is the first tranche whose length
    limit no such sentence exceeds."""
    if not tranches:
        return None
    first = tranches[0].date
    revocations = [
        s.recall.revocation_date for s in booking.sentences if s.recall and s.recall.revocation_date
    ]
    if not revocations or max(revocations) == first:
        return None
    revoked = max(revocations)
    lengths = [
        days
        for days, expiry, returned in candidates
        if expiry and expiry > revoked and returned and returned <= first
    ]
    if not lengths:
        return None
    for tranche in tranches:
        if tranche.is_final or (tranche.max_days is not None and all(n <= tranche.max_days for n in lengths)):
            return tranche
    return None
