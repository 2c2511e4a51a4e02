"""The national transfer plan as a minimum-cost flow (OR-Tools SimpleMinCostFlow); issue 10.

The problem: choose for each man in need a destination and an arrival week no later than his latest week,
so that at each prison the men arriving up to any week fit the free places of every week from then on, and
so that as many men as possible are placed, then each at the best rank, then as early, then as near home as
the places allow. Costs are integers ordered so that these preferences are lexicographic:

    unplaced  >  (max cost of any placement) × (number of men)      a placement always beats a better rank
    rank      steps of RANK_STEP, above any week and distance cost   his area > his region > nearest
    week      WEEK_COST per week of waiting                          earlier > later
    distance  KM_COST per km from his release area                   nearer > further

The network. Free places become available at prison p in week w (the rise of `usable_places`); a place
that becomes available in week w can be taken by any man whose latest week is w or later, and he arrives in
week w. So: source → (p, w) for each week, capacity the places that appear then and cost WEEK_COST·w; a
chain (p, w) → (p, w + 1) lets a place wait for men with later deadlines; (p, latest week of m) → m with
his rank and distance cost; m → sink. An "unplaced" pool feeds every man at the unplaced cost, so a
shortfall is a counted outcome, never an infeasible problem. Its optimum equals that of the week-by-week
assignment (reference.py solves that with HiGHS; tests check they agree).
"""

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate

from ortools.graph.python import min_cost_flow

from ..explained import long_date
from .needs import RANK_WORDS, Destination, Horizon, Need, UnplacedReason
from .places import usable_places

RANK_STEP = 1_000_000
WEEK_COST = 1_000
KM_COST = 1
MAX_KM_COST = WEEK_COST - 1  # distance only breaks ties between the same rank and week


def placement_cost(destination: Destination, week: int) -> int:
    km = 0 if destination.distance_km is None else round(destination.distance_km * KM_COST)
    return int(destination.rank - 1) * RANK_STEP + week * WEEK_COST + min(km, MAX_KM_COST)


def unplaced_cost(needs: tuple[Need, ...], weeks: int) -> int:
    worst = 3 * RANK_STEP + weeks * WEEK_COST
    return worst * max(1, len(needs)) + 1


@dataclass(frozen=True)
class Problem:
    horizon: Horizon
    needs: tuple[Need, ...]
    # Free places per prison for weeks 0..horizon.weeks - 1 (places.weekly_free_places).
    free_places: dict[str, tuple[int, ...]]
    names: dict[str, str] = field(default_factory=dict)  # prison code → name, for the explanations


@dataclass(frozen=True)
class Placement:
    prison_number: str
    from_prison: str
    to_prison: str
    week: int
    arrives_on: date
    destination: Destination
    because: tuple[str, ...]


@dataclass(frozen=True)
class Unplaced:
    prison_number: str
    from_prison: str
    reason: UnplacedReason
    because: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    horizon: Horizon
    placements: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]
    objective: int  # total cost, unplaced men included
    arrivals: dict[str, tuple[int, ...]]  # prison → men the plan brings in, by arrival week
    solve_seconds: float

    def unplaced_by_reason(self) -> dict[str, int]:
        return dict(Counter(man.reason for man in self.unplaced))


class SolverFailed(RuntimeError):
    """The solver did not reach an optimum: a defect in the model, never a normal outcome."""


def plan_transfers(problem: Problem) -> Plan:
    started = time.perf_counter()
    weeks = problem.horizon.weeks
    candidates = [need for need in problem.needs if need.refused is None]
    usable = {code: usable_places(free[:weeks]) for code, free in problem.free_places.items()}
    big = unplaced_cost(problem.needs, weeks)

    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink, pool = 0, 1, 2
    nodes = iter(range(3, 1 << 62))
    chain: dict[tuple[str, int], int] = {}
    men = {need.prison_number: next(nodes) for need in candidates}
    for code, places in usable.items():
        previous, node_before = 0, None
        for week in range(weeks):
            node = chain[code, week] = next(nodes)
            if places[week] > previous:
                flow.add_arc_with_capacity_and_unit_cost(
                    source, node, places[week] - previous, week * WEEK_COST
                )
            if node_before is not None:
                flow.add_arc_with_capacity_and_unit_cost(node_before, node, len(candidates), 0)
            previous, node_before = places[week], node
    man_arcs: dict[int, tuple[Need, Destination]] = {}
    for need in candidates:
        latest = min(need.latest_week, weeks - 1)
        for destination in need.destinations:
            if destination.prison not in usable:
                continue
            cost = placement_cost(destination, 0)  # the week's cost is paid on the source arc
            arc = flow.add_arc_with_capacity_and_unit_cost(
                chain[destination.prison, latest], men[need.prison_number], 1, cost
            )
            man_arcs[arc] = (need, destination)
        flow.add_arc_with_capacity_and_unit_cost(pool, men[need.prison_number], 1, big)
        flow.add_arc_with_capacity_and_unit_cost(men[need.prison_number], sink, 1, 0)
    flow.add_arc_with_capacity_and_unit_cost(source, pool, len(candidates), 0)
    flow.set_node_supply(source, len(candidates))
    flow.set_node_supply(sink, -len(candidates))
    if candidates and flow.solve() != flow.OPTIMAL:
        raise SolverFailed("The minimum-cost flow found no optimum for the transfer plan.")

    chosen = defaultdict(list)  # prison → needs placed there
    placed = {}
    for arc, (need, destination) in man_arcs.items():
        if flow.flow(arc):
            chosen[destination.prison].append(need)
            placed[need.prison_number] = destination
    weeks_given = _arrival_weeks(chosen, usable, weeks)
    objective = flow.optimal_cost() if candidates else 0
    objective += big * sum(1 for need in problem.needs if need.refused is not None)
    elapsed = time.perf_counter() - started
    return _explained(problem, placed, weeks_given, usable, objective, elapsed)


def _arrival_weeks(chosen, usable, weeks) -> dict[str, int]:
    """The week each placed man arrives in: places in the order they appear, to the men whose latest week is
    soonest (earliest deadline first), which the flow guarantees fits."""
    given = {}
    for code, needs in chosen.items():
        places = usable[code]
        opening = [
            week for week in range(weeks) for _ in range(places[week] - (places[week - 1] if week else 0))
        ]
        for need, week in zip(
            sorted(needs, key=lambda n: (n.latest_week, n.prison_number)), opening, strict=False
        ):
            if week > need.latest_week:
                raise SolverFailed(f"{need.prison_number} would arrive after his latest week.")
            given[need.prison_number] = week
    return given


def _explained(problem, placed, weeks_given, usable, objective, elapsed) -> Plan:
    horizon = problem.horizon
    names = problem.names
    arrivals = {code: [0] * horizon.weeks for code in usable}
    for prison_number, destination in placed.items():
        arrivals[destination.prison][weeks_given[prison_number]] += 1
    taken = {code: list(accumulate(counts)) for code, counts in arrivals.items()}
    placements, unplaced = [], []
    for need in problem.needs:
        if need.refused is not None:
            unplaced.append(
                Unplaced(need.prison_number, need.current_prison, need.refused, (need.refused_because,))
            )
            continue
        destination = placed.get(need.prison_number)
        if destination is None:
            unplaced.append(
                Unplaced(
                    need.prison_number,
                    need.current_prison,
                    UnplacedReason.ALL_FULL,
                    _all_full_words(need, usable, taken, names, horizon),
                )
            )
            continue
        week = weeks_given[need.prison_number]
        placements.append(
            Placement(
                prison_number=need.prison_number,
                from_prison=need.current_prison,
                to_prison=destination.prison,
                week=week,
                arrives_on=horizon.week_starts(week),
                destination=destination,
                because=_placement_words(need, destination, week, usable, taken, names, horizon),
            )
        )
    return Plan(
        horizon=horizon,
        placements=tuple(placements),
        unplaced=tuple(unplaced),
        objective=objective,
        arrivals={code: tuple(counts) for code, counts in arrivals.items()},
        solve_seconds=elapsed,
    )


def _where(destination: Destination, names) -> str:
    km = (
        "" if destination.distance_km is None else f", {destination.distance_km:.0f} km from his release area"
    )
    return f"{names.get(destination.prison, destination.prison)} ({RANK_WORDS[destination.rank]}{km})"


def _full_by(code, week, usable, taken) -> str:
    places = usable[code][week]
    if places == 0:
        return "had no free place by then"
    return f"had {places} free place{'s' if places != 1 else ''} by then, all {taken[code][week]} taken by this plan"


def _placement_words(need, destination, week, usable, taken, names, horizon) -> tuple[str, ...]:
    words = [
        f"{_where(destination, names)}, arriving in the week of {long_date(horizon.week_starts(week))} "
        f"(plan week {week}); he must arrive by {long_date(need.latest_arrival)}."
    ]
    latest = min(need.latest_week, horizon.weeks - 1)
    better = [
        d
        for d in need.destinations
        if d.prison in usable and placement_cost(d, 0) < placement_cost(destination, 0)
    ]
    if better:
        best = better[0]
        words.append(
            f"Best alternative: {_where(best, names)}, which {_full_by(best.prison, latest, usable, taken)}."
        )
    elif week > 0:
        words.append(
            f"No place there sooner: {names.get(destination.prison, destination.prison)} fills before week {week}."
        )
    return tuple(words)


def _all_full_words(need, usable, taken, names, horizon) -> tuple[str, ...]:
    latest = min(need.latest_week, horizon.weeks - 1)
    words = [
        f"Every suitable prison was full by his latest arrival, the week of {long_date(horizon.week_starts(latest))}:"
    ]
    words += [f"{_where(d, names)} {_full_by(d.prison, latest, usable, taken)}." for d in need.destinations]
    return tuple(words)
