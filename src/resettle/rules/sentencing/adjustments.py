"""Adjustments to a sentence's dates (CRDS `model/SentenceAdjustments.kt`; PSI 03/2015 ch.2-4).

Remand and tagged bail are time already served, so they come off release and expiry alike (CJA 2003
s.240ZA/s.240A). Unlawfully-at-large days do not count as time served, so they are added. Additional days
awarded for offences in custody (Prison Rules r.55) move release but never expiry; restored days (RADA)
reduce them."""

from dataclasses import dataclass
from datetime import date, timedelta

from ..explained import long_date
from .fines import is_civil
from .legislation import PCSC_COMMENCEMENT_DATE
from .model import AdjustmentType
from .tracks import Identified, Track

DEDUCTION_TYPES = (AdjustmentType.REMAND, AdjustmentType.TAGGED_BAIL)
RECALL_DEDUCTION_TYPES = (AdjustmentType.RECALL_REMAND, AdjustmentType.RECALL_TAGGED_BAIL)


@dataclass(frozen=True)
class Applied:
    """The adjustments that apply to one sentence or chain, in days."""

    remand: int = 0
    tagged_bail: int = 0
    ual_in_custody: int = 0
    ual_after_release: int = 0
    ual_after_return: int = 0  # part of ual_after_release: at large after returning on a fixed-term recall
    ual_until: date | None = None  # last day unlawfully at large: the sentence cannot expire before the next
    ada: int = 0
    rada: int = 0
    served_ada: int = 0  # added days already served before this sentence joined the custodial period
    awards: tuple = ()  # the ADA/RADA adjustments counted in `ada` and `rada`, for when they were made

    @property
    def deductions(self) -> int:
        return self.remand + self.tagged_bail

    @property
    def net_ada(self) -> int:
        return self.ada - self.rada - self.served_ada

    def release_shift(self) -> int:
        return self.ual_in_custody - self.deductions + self.net_ada

    def expiry_shift(self) -> int:
        return self.ual_in_custody + self.ual_after_release - self.deductions

    def steps(self, start: date, *, release: bool) -> list[str]:
        """Each adjustment in plain English with the date it leads to, from `start`: for a release date
        (time at large in custody, added days) or an expiry date (all time at large, no added days)."""
        ual = self.ual_in_custody if release else self.ual_in_custody + self.ual_after_release
        moves = [
            (-self.remand, "on remand"),
            (-self.tagged_bail, "on tagged bail"),
            (ual, "unlawfully at large"),
        ]
        if release:
            moves += [
                (self.ada, "added for offences in custody"),
                (-self.rada, "of added days restored"),
                (-self.served_ada, "of added days already served before this sentence"),
            ]
        lines, day = [], start
        for days, what in moves:
            if days:
                day += timedelta(days=days)
                lines.append(f"{'Plus' if days > 0 else 'Less'} {abs(days):,} days {what}: {long_date(day)}")
        return lines


def gets_remand(part: Identified) -> bool:
    """BOTUS, civil fine defaults and recalls get no remand; nor did a DTO before the PCSC Act."""
    if part.track is Track.BOTUS or part.is_recall:
        return False
    if part.track is Track.A_FINE and is_civil(part.sentence):
        return False
    return not (part.track is Track.DTO and part.sentence.sentenced_at < PCSC_COMMENCEMENT_DATE)


def gets_tagged_bail(part: Identified) -> bool:
    if part.track is Track.BOTUS or part.is_recall:
        return False
    return not (part.track is Track.A_FINE and is_civil(part.sentence))
