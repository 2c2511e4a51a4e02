"""What a change of release rules (another CRDS rule profile, e.g. SDS50) does to the coming releases, and
whether the men it releases earlier can still have their public-protection work done in time.

A man released earlier leaves less time for the work due before his release. For each man whose planned
release moves earlier and falls within the horizon, three deadlines are asked of the new date:
- MAPPA level set by release − 6 months (readiness `mappa-level-set`, settings R1.6), for MAPPA men;
- COM allocated by the handover, for men with a handover in custody: the handover moves with the release
  (it is a fixed lead before release under rules.handover, so the live handover date is moved by as many
  days as the release);
- approved-premises application by release − 6 months (National Standards, rules.approved_premises), for
  men referred to approved premises (high or very high RoSH, MAPPA 2 or 3).
A deadline is met if the work is done already, or if its date under the new rules is still ahead.

The same count read the other way (`swapped`) is the surge the live rules bring against the other profile:
sds-50 releases nobody earlier than the live progression model, but the progression model releases many
men earlier than sds-50 would, and those are the men whose deadlines came closer.
"""

from dataclasses import dataclass, replace
from datetime import date

from resettle.rules.approved_premises import national_standards_target
from resettle.rules.readiness.settings import DEFAULT_SETTINGS

from .cohort import Man, Mappa, Route


def planned_release(man: Man) -> date | None:
    """The day the plan works to: the first parole hearing for a parole case, else the automatic release."""
    if man.route in (Route.PAROLE, Route.INDETERMINATE):
        return man.hearing_on
    return man.released_by


@dataclass(frozen=True)
class Moved:
    """One man's planned release under the live rules and the what-if, with the work already done."""

    live: Man
    what_if: Man
    com_allocated: bool
    approved_premises_applied: bool


def swapped(moved: list[Moved]) -> list[Moved]:
    """The live rules as the what-if of the other profile: who the live rules release earlier."""
    return [replace(man, live=man.what_if, what_if=man.live) for man in moved]


@dataclass(frozen=True)
class Deadline:
    """Of the men released earlier within the horizon that a deadline applies to, how many still meet it."""

    applies: int = 0
    met: int = 0

    @property
    def missed(self) -> int:
        return self.applies - self.met

    def counting(self, met: bool) -> "Deadline":
        return Deadline(self.applies + 1, self.met + int(met))


@dataclass(frozen=True)
class Effect:
    earlier: int  # planned release moves earlier and falls within the horizon
    brought_in: int  # of the earlier: released within the horizon only under the what-if
    mappa_level_set: Deadline
    com_at_handover: Deadline
    approved_premises_application: Deadline

    def as_dict(self) -> dict:
        deadlines = ("mappa_level_set", "com_at_handover", "approved_premises_application")
        return {
            "earlier": self.earlier,
            "brought_in": self.brought_in,
            **{
                name: {"applies": d.applies, "met": d.met}
                for name in deadlines
                for d in [getattr(self, name)]
            },
        }


MAPPA_LEVELS = (Mappa.LEVEL_1, Mappa.LEVEL_2, Mappa.LEVEL_3)


def deadline_effect(moved: list[Moved], *, as_of: date, horizon_end: date) -> Effect:
    earlier = brought_in = 0
    mappa, com, approved_premises = Deadline(), Deadline(), Deadline()
    for man in moved:
        live, what_if = planned_release(man.live), planned_release(man.what_if)
        if live is None or what_if is None or what_if >= live or what_if >= horizon_end:
            continue
        earlier += 1
        brought_in += live >= horizon_end
        if man.what_if.mappa != Mappa.NOT_MAPPA:
            ahead = what_if - DEFAULT_SETTINGS.mappa_level_before_release >= as_of
            mappa = mappa.counting(man.what_if.mappa in MAPPA_LEVELS or ahead)
        if man.what_if.handover_on is not None and not man.what_if.com_from_start:
            com = com.counting(man.com_allocated or man.what_if.handover_on >= as_of)
        if man.what_if.approved_premises:
            ahead = national_standards_target(what_if, today=as_of) >= as_of
            approved_premises = approved_premises.counting(man.approved_premises_applied or ahead)
    return Effect(earlier, brought_in, mappa, com, approved_premises)
