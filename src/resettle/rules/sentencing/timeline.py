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
from .result import Refused
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
    # A consecutive chain is a recall or not as its first part is (hard cases §1.4, ConsecutiveSentence).
    return unit.parts[0].is_recall


def check_units(units: list[Unit]) -> None:
    """A recalled sentence consecutive to one not recalled: CRDS treats the chain as not a recall (hard
    cases §1.4) and the hard cases do not say how its recall is then released, so it is not guessed."""
    for unit in units:
        recalled = [p.is_recall for p in unit.parts]
        if False in recalled and any(recalled[recalled.index(False) :]):
            raise Refused(
                "UNSUPPORTED_RECALL_CHAIN",
                f"{unit.parts[0].sentence.identifier}: a recalled sentence consecutive to a sentence that "
                "was not recalled needs a manual calculation",
            )


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
    indexes into `units`; a recalled sentence is in the group of its original custody)."""
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
                if _is_recall(unit):
                    # A recalled sentence takes only the added days routed to its post-recall release.
                    base = _base(unit, remand_by_group[index], to_recalls.get(member, []))
                else:
                    base = _base(unit, remand_by_group[index], ada_by_group[index])
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
    return applied, groups


def split_released_chains(
    booking: Booking, units: list[Unit], applied: list[Applied], evaluate: Evaluate, working_days
) -> list[Unit]:
    """Hard cases §1.3 step 3, §2.6: a part consecutive to a sentence no longer in the current custodial
    group (already released) is a stand-alone sentence from its own date. The units, with each such chain
    cut before that part (the same list if none is).

    A recall chain (§1.4: its first part is recalled) is judged where its first new sentence joins it: cut
    there if the recalled sentences had been released; a new sentence passed later than the recall's own
    date but while it still held him is a shape the recall rules do not cover and is refused."""
    alive: list[Unit] = []  # the evaluate cache is keyed by identity: keep the pieces alive

    def until(unit: Unit, adjustments: Applied) -> date:
        alive.append(unit)
        release = evaluate(unit, _original(unit, adjustments)).release
        return max(unit.sentenced_at, working_days.previous_working_day(release))

    for index, unit in enumerate(units):
        if not unit.is_chain or unit.single_term:
            continue
        recall = _is_recall(unit)
        for k in range(1, len(unit.parts)):
            if recall and (unit.parts[k].is_recall or not unit.parts[k - 1].is_recall):
                continue  # within a recall chain only the first new sentence is judged
            day = unit.parts[k].sentence.sentenced_at
            if day <= unit.parts[k - 1].sentence.sentenced_at:
                continue
            # What he was serving when this part was passed: every sentence passed before it, chains only
            # as far as their parts passed before it; a recall by its original release (§2.2).
            spans = []
            for other, adjustments in zip(units, applied, strict=True):
                before = tuple(p for p in other.parts if p.sentence.sentenced_at < day)
                if before and not other.single_term:
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
            if recall:
                raise Refused(
                    "UNSUPPORTED_RECALL_CHAIN",
                    "a new sentence consecutive to a recalled sentence, passed while he was still held "
                    "in its custodial group, needs a manual calculation",
                )
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


def _original(unit: Unit, applied: Applied) -> Applied:
    """A recall counts in its group by its original release, CRD0 (hard cases §2.2): the added days it
    carries are those after the return to custody, which move only the post-recall release."""
    return replace(applied, ada=0, rada=0, served_ada=0, awards=()) if _is_recall(unit) else applied


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
