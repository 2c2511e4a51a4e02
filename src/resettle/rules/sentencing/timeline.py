"""Which adjustments apply to which sentences: a simplified version of CRDS's booking timeline
(`service/timeline/BookingTimelineService.kt`).

Sentences passed while he is still in custody on an earlier one join its custodial group; he leaves the
group on the working day before its latest release. Remand and tagged bail apply to every sentence in the
group they were recorded against, including those that join it later. Added days apply to the group in
custody when they were awarded; awarded between custodial periods, they are prospective and apply to the
next. A sentence joining the group while he is serving added days does not serve again those already
served. Time at large counts against each sentence he was serving at the time."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from ..calendar import WorkingDays
from . import movements
from .adjustments import DEDUCTION_TYPES, RECALL_DEDUCTION_TYPES, Applied, gets_remand, gets_tagged_bail
from .aggregation import Unit
from .model import Adjustment, AdjustmentType, Booking
from .sentence_dates import UnitDates
from .tracks import TERM_TRACKS

Evaluate = Callable[[Unit, Applied], UnitDates]
ADA_TYPES = (AdjustmentType.ADDITIONAL_DAYS_AWARDED, AdjustmentType.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED)
MAX_PASSES = 6


@dataclass
class Group:
    members: list[int] = field(default_factory=list)
    start: date | None = None
    released: date | None = None


def _is_recall(unit: Unit) -> bool:
    return any(p.is_recall for p in unit.parts)


def _takes_adas(unit: Unit) -> bool:
    return not _is_recall(unit) and not all(p.track in TERM_TRACKS for p in unit.parts)


def allocate(
    booking: Booking, units: list[Unit], evaluate: Evaluate, working_days: WorkingDays
) -> list[Applied]:
    """The adjustments applying to each unit, in the same order as `units`."""
    return allocate_grouped(booking, units, evaluate, working_days)[0]


def allocate_grouped(
    booking: Booking, units: list[Unit], evaluate: Evaluate, working_days: WorkingDays
) -> tuple[list[Applied], list[Group]]:
    """The adjustments applying to each unit, and the custodial groups they were served in (members are
    indexes into `units`; recalls are in none)."""
    deductions = booking.adjustments_of(*DEDUCTION_TYPES)
    ual = booking.adjustments_of(AdjustmentType.UNLAWFULLY_AT_LARGE)
    adas = sorted(booking.adjustments_of(*ADA_TYPES), key=lambda a: a.on or date.min)
    # Recalled sentences are served from the return to custody, apart from the new sentences' groups.
    order = sorted(
        (i for i, unit in enumerate(units) if not _is_recall(unit)), key=lambda i: units[i].sentenced_at
    )
    applied = [Applied() for _ in units]
    for index, unit in enumerate(units):
        if _is_recall(unit):
            base = _base(unit, booking, [], [])
            release = evaluate(unit, base).release
            applied[index] = _with_ual(unit, base, ual, release, _return_to_custody(booking, unit))
    groups: list[Group] = []
    for _ in range(MAX_PASSES):
        previous = [list(g.members) for g in groups]
        groups = _group(units, order, applied, evaluate, working_days, booking)

        def released_with(group: Group, awarded: list[Adjustment]) -> date:
            with_awards = list(applied)
            for m in group.members:
                with_awards[m] = replace(
                    applied[m],
                    ada=_days(awarded, AdjustmentType.ADDITIONAL_DAYS_AWARDED)
                    if _takes_adas(units[m])
                    else 0,
                    rada=_days(awarded, AdjustmentType.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED)
                    if _takes_adas(units[m])
                    else 0,
                )
            return _released(group, units, with_awards, evaluate, working_days, booking)

        ada_by_group = _assign_by_date(groups, adas, released_with)
        remand_by_group = _assign_remand(groups, deductions)
        for index, group in enumerate(groups):
            for member in group.members:
                unit = units[member]
                base = _base(unit, booking, remand_by_group[index], ada_by_group[index])
                served = _served_ada(group, member, units, applied, evaluate, ada_by_group[index])
                base = replace(base, served_ada=min(served, base.net_ada))
                release = evaluate(unit, base).release
                applied[member] = _with_ual(unit, base, ual, release, _return_to_custody(booking, unit))
        if [g.members for g in groups] == previous:
            break
    return applied, groups


def _served_ada(group: Group, member: int, units, applied, evaluate: Evaluate, adas) -> int:
    """A sentence passed while he is serving added days on the group's earlier sentences: the added days
    served before it was passed are not served again (CRDS "served ADAs")."""
    sentenced_at = units[member].sentenced_at
    earlier = [m for m in group.members if units[m].sentenced_at < sentenced_at]
    awarded = [a for a in adas if a.on is None or a.on <= sentenced_at]
    net = _days(awarded, AdjustmentType.ADDITIONAL_DAYS_AWARDED) - _days(
        awarded, AdjustmentType.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED
    )
    if not earlier or net <= 0:
        return 0
    without_ada = max(
        evaluate(units[m], replace(applied[m], ada=0, rada=0, served_ada=0)).release for m in earlier
    )
    # Due out on `without_ada` but for the added days, which he serves from the next day.
    return max(0, min(net, (sentenced_at - without_ada).days - 1))


def _return_to_custody(booking: Booking, unit: Unit) -> date | None:
    return booking.returned_to_custody(unit.parts[0].sentence)


def _days(adjustments, kind: AdjustmentType) -> int:
    return sum(a.number_of_days for a in adjustments if a.type is kind)


def _base(unit: Unit, booking: Booking, remand: list[Adjustment], adas: list[Adjustment]) -> Applied:
    """Time served and added days; time at large is placed once the release is known."""
    # A single term of DTOs is deducted from under the rules of its latest order.
    part = unit.parts[-1] if unit.single_term else unit.parts[0]
    if _is_recall(unit):
        # Recall remand counts towards the recalled sentences it was recorded against, not later ones.
        latest_sentence = max(s.sentenced_at for s in booking.sentences)
        recall_deductions = [
            a
            for a in booking.adjustments_of(*RECALL_DEDUCTION_TYPES)
            if a.applies_to_sentences_from is None or a.applies_to_sentences_from <= latest_sentence
        ]
        remand_days = _days(recall_deductions, AdjustmentType.RECALL_REMAND)
        tagged_days = _days(recall_deductions, AdjustmentType.RECALL_TAGGED_BAIL)
    else:
        remand_days = _days(remand, AdjustmentType.REMAND) if gets_remand(part) else 0
        tagged_days = _days(remand, AdjustmentType.TAGGED_BAIL) if gets_tagged_bail(part) else 0
    if _is_recall(unit):
        # After a return to custody on recall, added days delay the post-recall release.
        returned = _return_to_custody(booking, unit)
        adas = [a for a in booking.adjustments_of(*ADA_TYPES) if returned and a.on and a.on >= returned]
    elif not _takes_adas(unit):
        adas = []
    return Applied(
        remand=remand_days,
        tagged_bail=tagged_days,
        ada=_days(adas, AdjustmentType.ADDITIONAL_DAYS_AWARDED),
        rada=_days(adas, AdjustmentType.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED),
    )


def _with_ual(unit: Unit, base: Applied, ual, release: date, return_to_custody: date | None) -> Applied:
    """Time at large before release counts against the sentence; after release it matters only on recall
    (it extends the licence, and after the return to custody it delays a fixed-term release)."""
    in_custody = after_release = after_return = 0
    until = None
    for adjustment in ual:
        day = adjustment.on
        if day is None or day < unit.sentenced_at:
            continue
        if adjustment.to_date and (day <= release or _is_recall(unit)):
            until = max(until or adjustment.to_date, adjustment.to_date)
        if day <= release:
            in_custody += adjustment.number_of_days
        elif _is_recall(unit):
            after_release += adjustment.number_of_days
            if return_to_custody and day >= return_to_custody:
                after_return += adjustment.number_of_days
    return replace(
        base,
        ual_in_custody=in_custody,
        ual_after_release=after_release,
        ual_after_return=after_return,
        ual_until=until,
    )


def _group(units, order, applied, evaluate: Evaluate, working_days, booking: Booking) -> list[Group]:
    groups: list[Group] = []
    for index in order:
        unit = units[index]
        if not groups or unit.sentenced_at > groups[-1].released:
            groups.append(Group(start=unit.sentenced_at))
        group = groups[-1]
        group.members.append(index)
        group.released = _released(group, units, applied, evaluate, working_days, booking)
    return groups


def _released(
    group: Group, units, applied, evaluate: Evaluate, working_days: WorkingDays, booking: Booking
) -> date:
    """He leaves the group on the working day before its latest release, or earlier if a movement out of
    prison (e.g. on HDC or end of custody licence) says so."""
    latest = max(evaluate(units[m], applied[m]).release for m in group.members)
    released = max(group.start, working_days.previous_working_day(latest))
    left = movements.first_release_after(booking, group.start)
    return min(released, left) if left else released


def _assign_remand(groups: list[Group], adjustments) -> list[list[Adjustment]]:
    """Remand belongs to the group holding the sentence it was recorded against; recorded against a day
    when he was serving no sentence, it applies to none."""
    by_group: list[list[Adjustment]] = [[] for _ in groups]
    for adjustment in adjustments:
        target = 0
        day = adjustment.applies_to_sentences_from
        if day:
            serving = [i for i, group in enumerate(groups) if group.start <= day <= group.released]
            if not serving:
                continue
            target = serving[-1]
        by_group[target].append(adjustment)
    return by_group


def _assign_by_date(groups: list[Group], adjustments, released_with) -> list[list[Adjustment]]:
    """Added days go to the group in custody on the day; between groups, prospectively to the next.
    Days awarded after the last release belong to no sentence (a recall uses them for its own release)."""
    by_group: list[list[Adjustment]] = [[] for _ in groups]
    # Taken in date order: each award keeps him in longer, so a later award may still find him inside.
    for adjustment in adjustments:
        day = adjustment.on
        for index, group in enumerate(groups):
            if day is None or day <= released_with(group, by_group[index]):
                by_group[index].append(adjustment)
                break
    return by_group
