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
from .model import Adjustment, AdjustmentType, Booking
from .result import Refused
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
    # A consecutive chain is a recall or not as its first part is (hard cases §1.4, ConsecutiveSentence).
    return unit.parts[0].is_recall


def check_units(units: list[Unit]) -> None:
    """A recalled sentence consecutive to one not recalled: CRDS treats the chain as not a recall
    (hard cases §1.4) and the hard cases do not say how its recall is then released, so it is not
    guessed."""
    for unit in units:
        if not unit.parts[0].is_recall and any(p.is_recall for p in unit.parts[1:]):
            raise Refused(
                "RECALL_CONSECUTIVE_TO_NON_RECALL",
                f"{unit.parts[0].sentence.identifier}: a recalled sentence consecutive to one not recalled "
                "needs a manual calculation",
            )


def _takes_adas(unit: Unit) -> bool:
    return not _is_recall(unit) and not all(p.track in TERM_TRACKS for p in unit.parts)


def allocate(
    booking: Booking, units: list[Unit], evaluate: Evaluate, working_days: WorkingDays
) -> list[Applied]:
    """The adjustments applying to each unit, in the same order as `units`."""
    deductions = booking.adjustments_of(*DEDUCTION_TYPES, *RECALL_DEDUCTION_TYPES)
    ual = booking.adjustments_of(AdjustmentType.UNLAWFULLY_AT_LARGE)
    adas = sorted(booking.adjustments_of(*ADA_TYPES), key=lambda a: a.on or date.min)
    # A recalled sentence is on the timeline from its original sentence date, and counts in its group by
    # its original release (hard cases §1.2, §2.2).
    order = sorted(range(len(units)), key=lambda i: units[i].sentenced_at)
    applied = [Applied() for _ in units]
    for index, unit in enumerate(units):
        if _is_recall(unit):
            base = _base(unit, booking, [], [])
            found = evaluate(unit, base)
            applied[index] = _with_ual(
                unit, base, ual, found.release, _return_to_custody(booking, unit), None, found
            )
    groups: list[Group] = []
    # The remand and added days each unit was given by the last pass, to see where it stood on a day.
    given: dict[int, tuple[list[Adjustment], list[Adjustment]]] = {}
    for _ in range(MAX_PASSES):
        previous = [list(g.members) for g in groups]

        def as_of(member: int, day: date) -> Applied:
            return _as_of(units[member], booking, applied[member], given.get(member), day)

        groups = _group(units, order, as_of, evaluate, working_days, booking)

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
        remand_by_group = _assign_remand(groups, units, deductions)
        for index, group in enumerate(groups):

            def open_on(day: date, group=group) -> bool:
                """Whether the group still held him when time at large began on `day`: its release point
                then, with only the time at large before that day (hard cases §1.1, §1.2)."""
                standing = list(applied)
                for m in group.members:
                    bare = replace(applied[m], ual_in_custody=0, ual_after_release=0, ual_after_return=0)
                    earlier = [u for u in ual if _ual_day(u) and _ual_day(u) < day]
                    release = evaluate(units[m], bare).release
                    standing[m] = _with_ual(units[m], bare, earlier, release, None)
                return day <= _released(group, units, standing, evaluate, working_days, booking)

            for member in group.members:
                unit = units[member]
                given[member] = (remand_by_group[index], ada_by_group[index])
                base = _base(unit, booking, remand_by_group[index], ada_by_group[index])
                served = _served_ada(group, member, units, applied, evaluate, ada_by_group[index])
                base = replace(base, served_ada=min(served, base.net_ada))
                found = evaluate(unit, base)
                applied[member] = _with_ual(
                    unit, base, ual, found.release, _return_to_custody(booking, unit), open_on, found
                )
        if [g.members for g in groups] == previous:
            break
    else:
        # The walk of hard cases §1.2-1.3 decides each group once; a grouping that still moves is a shape
        # of case this simplification does not cover, so it is not guessed.
        raise Refused(
            "TIMELINE_UNSETTLED",
            "which sentences were served together could not be settled; calculate by hand",
        )
    return applied


def split_released_chains(
    booking: Booking, units: list[Unit], applied: list[Applied], evaluate: Evaluate, working_days
) -> list[Unit]:
    """Hard cases §1.3 step 3: a part consecutive to a sentence no longer in the current custodial group
    (already released) is a stand-alone sentence from its own date. The units, with each such chain cut
    before that part (the same list if none is)."""
    alive: list[Unit] = []  # the evaluate cache is keyed by identity: keep the pieces alive

    def until(unit: Unit, adjustments: Applied) -> date:
        alive.append(unit)
        release = evaluate(unit, adjustments).release
        return max(unit.sentenced_at, working_days.previous_working_day(release))

    for index, unit in enumerate(units):
        if not unit.is_chain or unit.single_term or _is_recall(unit):
            continue
        for k in range(1, len(unit.parts)):
            day = unit.parts[k].sentence.sentenced_at
            if day <= unit.parts[k - 1].sentence.sentenced_at:
                continue
            # What he was serving when this part was passed: every sentence passed before it, chains only
            # as far as their parts passed before it.
            spans = []
            for other, adjustments in zip(units, applied, strict=True):
                before = tuple(p for p in other.parts if p.sentence.sentenced_at < day)
                if before and not _is_recall(other) and not other.single_term:
                    piece = other if len(before) == len(other.parts) else Unit(before)
                    spans.append(
                        (piece.sentenced_at, until(piece, adjustments), piece.parts[0] is unit.parts[0])
                    )
            start = end = None
            held = False
            for begins, ends, ours in sorted(spans, key=lambda span: span[0]):
                if end is None or begins > end:
                    if held:
                        break
                    start, end = begins, ends
                end = max(end, ends)
                held = held or ours
            left = movements.first_release_after(booking, start) if start else None
            if held and end is not None and day > min(end, left or end):
                whole = [u for i, u in enumerate(units) if i != index]
                pieces = [Unit(unit.parts[:k]), Unit(unit.parts[k:])]
                # A prefix shared with another branch is calculated once.
                return whole + [p for p in pieces if all(p.parts != u.parts for u in whole)]
    return units


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
        # A recall takes only recall remand and recall tagged bail, a sentence not recalled only the
        # others (hard cases §1.4), each from its custodial group.
        remand_days = _days(remand, AdjustmentType.RECALL_REMAND)
        tagged_days = _days(remand, AdjustmentType.RECALL_TAGGED_BAIL)
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


def _ual_day(adjustment: Adjustment) -> date | None:
    """The day time at large is handled on the timeline: its appliesToSentencesFrom (hard cases §1.1,
    order 90), else its start."""
    return adjustment.applies_to_sentences_from or adjustment.on


def _licence_expiry(found: UnitDates, ual_in_custody: int, ual_after_release: int) -> date:
    """The licence expiry the timeline tracks his licence by (hard cases §1.2, §4.4): less time served,
    plus time at large so far (inferred: CRDS recalculates the expiry after each event, so time at large
    already on licence extends it); if time served exceeds the custodial period, extended by the excess."""
    deductions = found.applied.deductions
    expiry = found.unadjusted_expiry + timedelta(days=ual_in_custody + ual_after_release - deductions)
    excess = deductions - ual_in_custody - found.release_days
    return expiry + timedelta(days=max(0, excess))


def _with_ual(
    unit: Unit,
    base: Applied,
    ual,
    release: date,
    return_to_custody: date | None,
    open_on: Callable[[date], bool] | None = None,
    found: UnitDates | None = None,
) -> Applied:
    """Time at large before release counts against the sentence; after release it matters only on recall
    (it extends the licence, and after the return to custody it delays a fixed-term release)."""
    in_custody = after_release = after_return = 0
    until = None
    for adjustment in sorted(ual, key=lambda a: _ual_day(a) or date.min):
        day = _ual_day(adjustment)
        if day is None or day < unit.sentenced_at:
            continue
        if (
            _is_recall(unit)
            and found
            and day > release
            and day > _licence_expiry(found, in_custody, after_release)
        ):
            continue  # his licence had already expired: the sentence is done with (hard cases §1.2)
        if adjustment.to_date and (day <= release or _is_recall(unit)):
            until = max(until or adjustment.to_date, adjustment.to_date)
        # A recall whose group has closed is on licence: time at large then extends only the licence
        # (hard cases §2.3); a sentence not recalled counts it up to its release either way.
        closed = _is_recall(unit) and open_on is not None and day <= release and not open_on(day)
        if day <= release and not closed:
            in_custody += adjustment.number_of_days
        elif _is_recall(unit):
            after_release += adjustment.number_of_days
            if return_to_custody and adjustment.on >= return_to_custody:
                after_return += adjustment.number_of_days
    return replace(
        base,
        ual_in_custody=in_custody,
        ual_after_release=after_release,
        ual_after_return=after_return,
        ual_until=until,
    )


def _before(day: date | None, limit: date) -> bool:
    return day is None or day < limit


def _as_of(unit: Unit, booking: Booking, applied: Applied, given, day: date) -> Applied:
    """A unit's adjustments as they stood when a sentence arrived on `day` (hard cases §1.1, §1.3): the
    sentence is handled first on its day (order 50), and remand recorded against that day, and added days
    awarded on it (order 70), are added after it has joined the group."""
    if given is None:
        return applied
    remand, adas = given
    base = _base(
        unit,
        booking,
        [a for a in remand if _before(a.applies_to_sentences_from, day)],
        [a for a in adas if _before(a.on, day)],
    )
    return replace(
        applied,
        remand=base.remand,
        tagged_bail=base.tagged_bail,
        ada=base.ada,
        rada=base.rada,
        served_ada=min(applied.served_ada, max(0, base.ada - base.rada)),
    )


def _group(units, order, as_of, evaluate: Evaluate, working_days, booking: Booking) -> list[Group]:
    """The custodial groups, walking the sentence dates in order (hard cases §1.2-1.3): a sentence joins
    the current group if it is passed on or before the group's release point as it stood that day."""
    groups: list[Group] = []
    for index in order:
        unit = units[index]
        day = unit.sentenced_at
        if groups:
            group = groups[-1]
            standing = [as_of(m, day) if m in group.members else None for m in range(len(units))]
            released = _released(group, units, standing, evaluate, working_days, booking)
        if not groups or day > released:
            groups.append(Group(start=day))
        group = groups[-1]
        group.members.append(index)
        group.released = _released(
            group, units, [as_of(m, date.max) for m in range(len(units))], evaluate, working_days, booking
        )
    return groups


def _original(unit: Unit, applied: Applied) -> Applied:
    """A recall counts in its group by its original release, CRD0 (hard cases §2.2): the added days it
    carries are those after the return to custody, which move only the post-recall release."""
    return replace(applied, ada=0, rada=0, served_ada=0) if _is_recall(unit) else applied


def _released(
    group: Group, units, applied, evaluate: Evaluate, working_days: WorkingDays, booking: Booking
) -> date:
    """He leaves the group on the working day before its latest release, or earlier if a movement out of
    prison (e.g. on HDC or end of custody licence) says so."""
    # Hard cases §1.2: the first member (in group order) with the latest release (a sentence moved to an
    # early-release scheme is already held to its tranche date); the group holds him until the working
    # day before, but not before that member's own sentence date.
    releases = [(evaluate(units[m], _original(units[m], applied[m])).release, m) for m in group.members]
    latest = max(day for day, _ in releases)
    member = next(m for day, m in releases if day == latest)
    released = max(units[member].sentenced_at, working_days.previous_working_day(latest))
    left = movements.first_release_after(booking, group.start)
    return min(released, left) if left else released


def _assign_remand(groups: list[Group], units: list[Unit], adjustments) -> list[list[Adjustment]]:
    """Remand belongs to the group holding the sentence it was recorded against: it is added when a
    sentence passed on its `appliesToSentencesFrom` joins (hard cases §1.3 step 7), so recorded against a
    day on which no sentence was passed, it applies to none."""
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
