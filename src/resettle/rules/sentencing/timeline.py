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
from datetime import date, timedelta

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
    deductions = booking.adjustments_of(*DEDUCTION_TYPES, *RECALL_DEDUCTION_TYPES)
    ual = booking.adjustments_of(AdjustmentType.UNLAWFULLY_AT_LARGE)
    adas = sorted(booking.adjustments_of(*ADA_TYPES), key=lambda a: a.on or date.min)
    # A recalled sentence sits on the timeline at its original sentence date, in the custodial group of
    # the sentences passed with it, and counts by its original release (hard cases §1.2, §2.2).
    order = sorted(range(len(units)), key=lambda i: units[i].sentenced_at)
    applied = [Applied() for _ in units]
    groups: list[Group] = []
    for _ in range(MAX_PASSES):
        previous = [list(g.members) for g in groups]
        groups = _group(units, order, applied, evaluate, working_days, booking, deductions)

        def released_with(group: Group, awarded: list[Adjustment]) -> tuple[date, date | None]:
            """The day he leaves the group, and the latest release of its members that take added days; with
            a recalled sentence in the group there is no such limit, as its PRRD is after its original
            custody (hard cases §3.2 row 1)."""
            with_awards = list(applied)
            for m in group.members:
                if _is_recall(units[m]):
                    continue  # it serves the group's added days, but they do not reach its PRRD (§3.3)
                takes = _takes_adas(units[m])
                with_awards[m] = replace(
                    applied[m],
                    ada=_days(awarded, AdjustmentType.ADDITIONAL_DAYS_AWARDED) if takes else 0,
                    rada=_days(awarded, AdjustmentType.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED)
                    if takes
                    else 0,
                )
            taking = [
                evaluate(units[m], with_awards[m]).release for m in group.members if _takes_adas(units[m])
            ]
            if any(_is_recall(units[m]) for m in group.members):
                taking.append(date.max)
            released = _released(group, units, with_awards, evaluate, working_days, booking)
            return released, max(taking, default=None)

        recalls = [
            _recalled(index, member, units[member], evaluate(units[member], applied[member]), booking)
            for index, group in enumerate(groups)
            for member in group.members
            if _is_recall(units[member])
        ]
        ada_by_group, to_recalls = _assign_by_date(groups, adas, released_with, recalls)
        remand_by_group = _assign_remand(groups, deductions, units)
        for index, group in enumerate(groups):
            for member in group.members:
                unit = units[member]
                if _is_recall(unit):
                    # A recalled sentence takes only the added days routed to its post-recall release.
                    base = _base(unit, remand_by_group[index], to_recalls.get(member, []))
                else:
                    base = _base(unit, remand_by_group[index], ada_by_group[index])
                    served = _served_ada(group, member, units, applied, evaluate, ada_by_group[index])
                    base = replace(base, served_ada=min(served, base.net_ada))
                release = evaluate(unit, base).release
                applied[member] = _with_ual(
                    unit, base, ual, release, _return_to_custody(booking, unit), group.released, evaluate
                )
        if [g.members for g in groups] == previous:
            break
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


def _deductions(unit: Unit, remand: list[Adjustment]) -> tuple[int, int]:
    """The remand and tagged-bail days of `remand` that count towards this unit."""
    # A single term of DTOs is deducted from under the rules of its latest order.
    part = unit.parts[-1] if unit.single_term else unit.parts[0]
    if _is_recall(unit):
        # Recall remand, like remand, counts towards the custodial group it was recorded against; a
        # recalled sentence takes only recall remand and recall tagged bail (hard cases §1.3-§1.4, §4.2).
        return _days(remand, AdjustmentType.RECALL_REMAND), _days(remand, AdjustmentType.RECALL_TAGGED_BAIL)
    remand_days = _days(remand, AdjustmentType.REMAND) if gets_remand(part) else 0
    tagged_days = _days(remand, AdjustmentType.TAGGED_BAIL) if gets_tagged_bail(part) else 0
    return remand_days, tagged_days


def _base(unit: Unit, remand: list[Adjustment], adas: list[Adjustment]) -> Applied:
    """Time served and added days; time at large is placed once the release is known. For a recalled
    sentence `adas` are those that delay its post-recall release (hard cases §3.2)."""
    remand_days, tagged_days = _deductions(unit, remand)
    if not _is_recall(unit) and not _takes_adas(unit):
        adas = []
    return Applied(
        remand=remand_days,
        tagged_bail=tagged_days,
        ada=_days(adas, AdjustmentType.ADDITIONAL_DAYS_AWARDED),
        rada=_days(adas, AdjustmentType.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED),
        awards=tuple(adas),
    )


def _with_ual(
    unit: Unit,
    base: Applied,
    ual,
    release: date,
    return_to_custody: date | None,
    group_released: date | None = None,
    evaluate: Evaluate | None = None,
) -> Applied:
    """Time at large before release counts against the sentence; after release it matters only on recall
    (it extends the licence, and after the return to custody it delays a fixed-term release)."""
    in_custody = after_release = after_return = 0
    until = None
    custody = [a for a in ual if a.on and unit.sentenced_at <= a.on <= release]
    for adjustment in custody:
        in_custody += adjustment.number_of_days
        if adjustment.to_date:
            until = max(until or adjustment.to_date, adjustment.to_date)
    if _is_recall(unit):
        licence_ends = _licence_expiry_at_release(unit, replace(base, ual_in_custody=in_custody), evaluate)
        on_licence = sorted((a for a in ual if a.on and a.on > release), key=lambda a: a.on)
        for adjustment in on_licence:
            day = adjustment.on
            # Out of his custodial group, a recalled sentence gathers time at large only while it is on
            # the licence list: once its licence expiry (as extended by the time at large so far) is
            # before the day, it has expired (hard cases §1.2, §2.3, §4.4).
            if group_released and day > group_released and licence_ends and day > licence_ends:
                continue
            after_release += adjustment.number_of_days
            if licence_ends:
                licence_ends += timedelta(days=adjustment.number_of_days)
            if adjustment.to_date:
                until = max(until or adjustment.to_date, adjustment.to_date)
                if licence_ends and licence_ends <= until:
                    licence_ends = until + timedelta(days=1)  # cannot expire while he is at large
            if return_to_custody and day >= return_to_custody:
                after_return += adjustment.number_of_days
    return replace(
        base,
        ual_in_custody=in_custody,
        ual_after_release=after_release,
        ual_after_return=after_return,
        ual_until=until,
    )


def _licence_expiry_at_release(unit: Unit, applied: Applied, evaluate: Evaluate | None) -> date | None:
    """The licence expiry as it stood when he was first released, before any time at large on licence;
    time served beyond the custodial period extends it by the excess (hard cases §4.4)."""
    if evaluate is None:
        return None
    at_release = evaluate(unit, replace(applied, ual_after_release=0, ual_after_return=0, ual_until=None))
    expiry = at_release.get(DateType.LED) or at_release.get(DateType.SLED) or at_release.get(DateType.SED)
    if expiry is None:
        return None
    net = applied.ual_in_custody - applied.deductions
    excess = -net - at_release.release_days
    return expiry + timedelta(days=excess) if excess > 0 else expiry


def _group(
    units, order, applied, evaluate: Evaluate, working_days, booking: Booking, deductions
) -> list[Group]:
    """A sentence joins the group if passed on or before the day he leaves it, as known on the day it is
    passed (hard cases §1.1: the release check runs before that day's events)."""
    groups: list[Group] = []
    for index in order:
        unit = units[index]
        if not groups or unit.sentenced_at > _released_before(
            groups[-1], unit.sentenced_at, units, applied, evaluate, working_days, booking, deductions
        ):
            groups.append(Group(start=unit.sentenced_at))
        group = groups[-1]
        group.members.append(index)
        group.released = _released(group, units, applied, evaluate, working_days, booking)
    return groups


def _released_before(
    group: Group, day: date, units, applied, evaluate: Evaluate, working_days, booking, deductions
) -> date:
    """Where the group's release stood when a sentence passed on `day` arrived: the release check runs
    before that day's remand is added to the group (hard cases §1.2-§1.3, step 7), and days awarded on or
    after that day cannot have kept him in for it (§1.1, §3.2)."""
    dates = {p.sentence.sentenced_at for m in group.members for p in units[m].parts}
    earlier = [
        a for a in deductions if a.applies_to_sentences_from in dates and a.applies_to_sentences_from < day
    ]
    before = _awarded_before(group, day, applied)
    for m in group.members:
        remand, tagged = _deductions(units[m], earlier)
        before[m] = replace(before[m], remand=remand, tagged_bail=tagged)
    return _released(group, units, before, evaluate, working_days, booking)


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


def _assign_remand(groups: list[Group], adjustments, units) -> list[list[Adjustment]]:
    """Remand belongs to the group holding the sentence it was recorded against: it is applied at the
    sentence event on exactly its date, so recorded against a day when no sentence was passed, it
    applies to none (hard cases §4.1)."""
    by_group: list[list[Adjustment]] = [[] for _ in groups]
    for adjustment in adjustments:
        target = 0
        day = adjustment.applies_to_sentences_from
        if day:
            passed = [
                i
                for i, group in enumerate(groups)
                if any(p.sentence.sentenced_at == day for m in group.members for p in units[m].parts)
            ]
            if not passed:
                continue
            target = passed[-1]
        by_group[target].append(adjustment)
    return by_group


@dataclass(frozen=True)
class _Recalled:
    """A recalled sentence in its custodial group: after the group it is on licence until its expiry."""

    group: int
    index: int
    licence_expiry: date
    fixed_term: bool
    returned: date | None


def _recalled(group: int, index: int, unit: Unit, dates: UnitDates, booking: Booking) -> _Recalled:
    return _Recalled(
        group,
        index,
        dates.get(DateType.SLED) or dates.get(DateType.SED) or dates.release,
        unit.parts[0].sentence.recall.recall_type in FIXED_TERM_RECALLS,
        _return_to_custody(booking, unit),
    )


def _assign_by_date(
    groups: list[Group], adjustments, released_with, recalls: list[_Recalled]
) -> tuple[list[list[Adjustment]], dict[int, list[Adjustment]]]:
    """Where each award goes (hard cases §3.2), in date order, since each award keeps him in longer and a
    later award may still find him inside:
    - in custody on the day: to that custodial group, if a sentence in it that takes added days (not a
      fine, DTO or BOTUS alone) or a recalled sentence is not yet released; else dropped. A recalled
      sentence's original custody is custody in its group: the award is served there and does not reach
      its post-recall release;
    - out of custody, with a fixed-term recall on licence and the day on or after his return to custody:
      to the post-recall release of the fixed-term recalls on licence;
    - out of custody with a recall on licence otherwise (a standard recall, or before the return): ignored;
    - out of custody with no recall on licence: prospectively, to the next group (none: to no sentence)."""
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
        on_licence = [
            r
            for r in recalls
            if released_with(groups[r.group], by_group[r.group])[0] < day <= r.licence_expiry
        ]
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
    booking: Booking, results: list[UnitDates], working_days: WorkingDays, evaluate: Evaluate | None = None
) -> list[CustodialPeriod]:
    """The custodial groups of the final calculation, as the timeline formed them. With the calculation's
    `evaluate`, a sentence joins a group by the release as it stood on the day it was passed (§1.1)."""
    units = [r.unit for r in results]
    if evaluate is None:
        by_unit = {id(r.unit): r for r in results}

        def evaluate(unit: Unit, _applied: Applied) -> UnitDates:
            return by_unit[id(unit)]

    order = sorted(range(len(units)), key=lambda i: units[i].sentenced_at)
    applied = [r.applied for r in results]
    deductions = booking.adjustments_of(*DEDUCTION_TYPES, *RECALL_DEDUCTION_TYPES)
    groups = _group(units, order, applied, evaluate, working_days, booking, deductions)
    return [
        CustodialPeriod(
            g.start,
            g.released,
            any(_is_recall(units[m]) for m in g.members),
            tuple(m for m in g.members if not _is_recall(units[m])),
        )
        for g in groups
    ]
