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
from .model import Adjustment, AdjustmentType, Booking, RecallType
from .sentence_dates import UnitDates
from .tracks import TERM_TRACKS, DateType

Evaluate = Callable[[Unit, Applied], UnitDates]
ADA_TYPES = (AdjustmentType.ADDITIONAL_DAYS_AWARDED, AdjustmentType.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED)
MAX_PASSES = 6
FIXED_TERM_RECALLS = (RecallType.FTR_14, RecallType.FTR_28, RecallType.FTR_56)


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
    deductions = booking.adjustments_of(*DEDUCTION_TYPES)
    ual = booking.adjustments_of(AdjustmentType.UNLAWFULLY_AT_LARGE)
    adas = sorted(booking.adjustments_of(*ADA_TYPES), key=lambda a: a.on or date.min)
    # Recalled sentences are served from the return to custody, apart from the new sentences' groups.
    order = sorted(
        (i for i, unit in enumerate(units) if not _is_recall(unit)), key=lambda i: units[i].sentenced_at
    )
    applied = [Applied() for _ in units]
    recalls: list[_Recalled] = []
    for index, unit in enumerate(units):
        if _is_recall(unit):
            base = _base(unit, booking, [], [])
            original = evaluate(unit, base)
            applied[index] = _with_ual(unit, base, ual, original.release, _return_to_custody(booking, unit))
            recalls.append(
                _Recalled(
                    index,
                    unit.sentenced_at,
                    max(unit.sentenced_at, working_days.previous_working_day(original.release)),
                    original.get(DateType.SLED) or original.get(DateType.SED) or original.release,
                    unit.parts[0].sentence.recall.recall_type in FIXED_TERM_RECALLS,
                    _return_to_custody(booking, unit),
                )
            )
    groups: list[Group] = []
    to_recalls: dict[int, list[Adjustment]] = {}
    for _ in range(MAX_PASSES):
        previous = [list(g.members) for g in groups]
        groups = _group(units, order, applied, evaluate, working_days, booking)

        def released_with(group: Group, awarded: list[Adjustment]) -> tuple[date, date | None]:
            """The day he leaves the group, and the latest release of its members that take added days."""
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
            taking = [
                evaluate(units[m], with_awards[m]).release for m in group.members if _takes_adas(units[m])
            ]
            released = _released(group, units, with_awards, evaluate, working_days, booking)
            return released, max(taking, default=None)

        ada_by_group, to_recalls = _assign_by_date(groups, adas, released_with, recalls)
        remand_by_group = _assign_remand(groups, deductions, {s.sentenced_at for s in booking.sentences})
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
    for recalled in recalls:
        unit = units[recalled.index]
        base = _base(unit, booking, [], to_recalls.get(recalled.index, []))
        release = evaluate(unit, base).release
        applied[recalled.index] = _with_ual(unit, base, ual, release, recalled.returned)
    return applied


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
    # The release he is held to is set by the member due out last (the first, on a tie); without its
    # added days, and not floored at its sentence date, he was due out on `without_ada` (hard cases §3.4)
    # and serves the added days from the next day.
    leader = max(earlier, key=lambda m: evaluate(units[m], applied[m]).release)
    without_ada = evaluate(
        units[leader], replace(applied[leader], ada=0, rada=0, served_ada=0)
    ).release_without_ada
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
    if not _is_recall(unit) and not _takes_adas(unit):
        adas = []
    return Applied(
        remand=remand_days,
        tagged_bail=tagged_days,
        ada=_days(adas, AdjustmentType.ADDITIONAL_DAYS_AWARDED),
        rada=_days(adas, AdjustmentType.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED),
        awards=tuple(adas),
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
    """A sentence joins the group if passed on or before the day he leaves it, as known on the day it is
    passed: days awarded later cannot have kept him in for it (hard cases §1.1, the release check runs
    before that day's events)."""
    groups: list[Group] = []
    for index in order:
        unit = units[index]
        if groups:
            known = _awarded_before(groups[-1], unit.sentenced_at, applied)
            leaves = _released(groups[-1], units, known, evaluate, working_days, booking)
        if not groups or unit.sentenced_at > leaves:
            groups.append(Group(start=unit.sentenced_at))
        group = groups[-1]
        group.members.append(index)
        group.released = _released(group, units, applied, evaluate, working_days, booking)
    return groups


def _awarded_before(group: Group, day: date, applied: list[Applied]) -> list[Applied]:
    """The members' adjustments with only the days awarded or restored before `day`."""
    known = list(applied)
    for m in group.members:
        awards = applied[m].awards
        if awards:
            before = [a for a in awards if a.on is None or a.on < day]
            known[m] = replace(
                applied[m],
                ada=_days(before, AdjustmentType.ADDITIONAL_DAYS_AWARDED),
                rada=_days(before, AdjustmentType.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED),
                awards=tuple(before),
            )
    return known


def _released(
    group: Group, units, applied, evaluate: Evaluate, working_days: WorkingDays, booking: Booking
) -> date:
    """He leaves the group on the working day before its latest release, or earlier if a movement out of
    prison (e.g. on HDC or end of custody licence) says so."""
    latest = max(evaluate(units[m], applied[m]).release for m in group.members)
    released = max(group.start, working_days.previous_working_day(latest))
    left = movements.first_release_after(booking, group.start)
    return min(released, left) if left else released


def _assign_remand(groups: list[Group], adjustments, sentence_dates: set[date]) -> list[list[Adjustment]]:
    """Remand belongs to the group holding the sentence it was recorded against. It is applied when a
    sentence is passed on exactly the day it is recorded against (hard cases §4.1): recorded against any
    other day, it applies to none."""
    by_group: list[list[Adjustment]] = [[] for _ in groups]
    for adjustment in adjustments:
        target = 0
        day = adjustment.applies_to_sentences_from
        if day:
            if day not in sentence_dates:
                continue
            serving = [i for i, group in enumerate(groups) if group.start <= day <= group.released]
            if not serving:
                continue
            target = serving[-1]
        by_group[target].append(adjustment)
    return by_group


@dataclass(frozen=True)
class _Recalled:
    """A recalled sentence on the timeline: its original custody, its licence and its return."""

    index: int
    sentenced_at: date
    released: date  # the working day before its original release (hard cases §1.2)
    licence_expiry: date
    fixed_term: bool
    returned: date | None


def _assign_by_date(
    groups: list[Group], adjustments, released_with, recalls: list[_Recalled]
) -> tuple[list[list[Adjustment]], dict[int, list[Adjustment]]]:
    """Where each award goes (hard cases §3.2), in date order, since each award keeps him in longer and a
    later award may still find him inside:
    - in custody on the day: to that custodial group, if a sentence in it that takes added days (not a
      fine, DTO or BOTUS alone) is not yet released; else dropped;
    - out of custody, with a fixed-term recall on licence and the day on or after his return to custody:
      to the post-recall release of the fixed-term recalls on licence;
    - out of custody with a recall on licence otherwise (a standard recall, or before the return): ignored;
    - out of custody with no recall on licence: prospectively, to the next group (none: to no sentence).
    A recalled sentence's original custody counts as custody: the award is served in it and does not reach
    its post-recall release."""
    by_group: list[list[Adjustment]] = [[] for _ in groups]
    to_recalls: dict[int, list[Adjustment]] = {}
    for adjustment in adjustments:
        day = adjustment.on
        upcoming = latest_taking = None
        for index, group in enumerate(groups):
            released, latest_taking = released_with(group, by_group[index])
            if day is None or day <= released:
                upcoming = index
                break
        if upcoming is not None and (day is None or groups[upcoming].start <= day):
            if day is None or (latest_taking is not None and day <= latest_taking):
                by_group[upcoming].append(adjustment)
            # Otherwise only fines, DTOs or BOTUS still hold him: the award is dropped (§3.2 row 2).
            continue
        if day is None:
            continue  # undated, with no custodial group to serve it in
        if any(r.sentenced_at <= day <= r.released for r in recalls):
            continue  # served in a recalled sentence's original custody
        on_licence = [r for r in recalls if r.released < day <= r.licence_expiry]
        if on_licence:
            for recalled in on_licence:
                if recalled.fixed_term and recalled.returned and day >= recalled.returned:
                    to_recalls.setdefault(recalled.index, []).append(adjustment)
            continue
        if upcoming is not None:
            by_group[upcoming].append(adjustment)
    return by_group, to_recalls


@dataclass(frozen=True)
class CustodialPeriod:
    """One closed custodial group (hard cases §1.2): from its first sentence date to the day he left it."""

    start: date
    released: date
    holds_recall: bool  # a recalled sentence was served in it (its original custody)
    members: tuple[int, ...] = ()  # the non-recall results served in it, by index


def custodial_periods(
    booking: Booking, results: list[UnitDates], working_days: WorkingDays
) -> list[CustodialPeriod]:
    """The custodial groups of the final calculation, as the timeline formed them."""
    units = [r.unit for r in results]
    by_unit = {id(r.unit): r for r in results}
    order = sorted((i for i, u in enumerate(units) if not _is_recall(u)), key=lambda i: units[i].sentenced_at)

    def evaluate(unit: Unit, _applied: Applied) -> UnitDates:
        return by_unit[id(unit)]

    applied = [r.applied for r in results]
    groups = _group(units, order, applied, evaluate, working_days, booking)
    # A recalled sentence's original custody: from its sentence date to the working day before its
    # original release (hard cases §1.2: a recall is grouped by its CRD, not its PRRD).
    recalls = [
        (r.unit.sentenced_at, max(r.unit.sentenced_at, working_days.previous_working_day(r.release)))
        for r in results
        if _is_recall(r.unit)
    ]
    periods = [
        CustodialPeriod(
            g.start,
            g.released,
            any(start <= g.released and g.start <= end for start, end in recalls),
            tuple(g.members),
        )
        for g in groups
    ]
    periods += [CustodialPeriod(start, end, True) for start, end in recalls]
    return sorted(periods, key=lambda p: p.start)
