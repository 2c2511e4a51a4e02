"""The same transfer problem as a mixed-integer programme, solved by HiGHS (through SciPy).

This is the plain week-by-week statement of the problem, with none of the network's tricks: a variable for
each man, destination and arrival week, one for leaving him unplaced, and for each prison and week the
constraint that the men arriving up to that week fit its free places. Tests check the flow's optimum
against it on random instances; the benchmark times it on the month's national cohort.
"""

import time
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from .transfers import Problem, placement_cost, unplaced_cost


@dataclass(frozen=True)
class ReferenceSolution:
    objective: int | None  # None when HiGHS found no solution (within its time limit)
    placed: int
    seconds: float  # building the programme and solving it
    optimal: bool = True  # False when it stopped at its time limit, or found no solution
    solver_seconds: float = 0.0  # of which in HiGHS itself
    message: str = ""


def solve_with_highs(problem: Problem, *, time_limit: float | None = None) -> ReferenceSolution:
    started = time.perf_counter()
    weeks = problem.horizon.weeks
    big = unplaced_cost(problem.needs, weeks)
    prisons = sorted(problem.free_places)
    prison_row = {code: i for i, code in enumerate(prisons)}
    costs, rows_man, rows_cap, cols_cap = [], [], [], []
    refused = 0
    candidates = [need for need in problem.needs if need.refused is None]
    for m, need in enumerate(candidates):
        for destination in need.destinations:
            if destination.prison not in prison_row:
                continue
            for week in range(min(need.latest_week, weeks - 1) + 1):
                column = len(costs)
                costs.append(placement_cost(destination, week))
                rows_man.append(m)
                # He takes a place at that prison in every week from his arrival to the end of the plan.
                for later in range(week, weeks):
                    rows_cap.append(prison_row[destination.prison] * weeks + later)
                    cols_cap.append(column)
    refused = len(problem.needs) - len(candidates)
    n_moves = len(costs)
    costs += [big] * len(candidates)  # one "unplaced" variable per man
    n = len(costs)
    assign = coo_array(
        (np.ones(n_moves + len(candidates)), (rows_man + list(range(len(candidates))), list(range(n)))),
        shape=(len(candidates), n),
    )
    capacity = coo_array((np.ones(len(rows_cap)), (rows_cap, cols_cap)), shape=(len(prisons) * weeks, n))
    limits = np.array([problem.free_places[code][week] for code in prisons for week in range(weeks)], float)
    constraints = [
        LinearConstraint(assign.tocsr(), 1, 1),
        LinearConstraint(capacity.tocsr(), -np.inf, np.maximum(limits, 0)),
    ]
    options = {"mip_rel_gap": 0}
    if time_limit is not None:
        options["time_limit"] = time_limit
    if n == 0:
        return ReferenceSolution(big * refused, 0, time.perf_counter() - started)
    solving = time.perf_counter()
    result = milp(
        np.array(costs, float),
        constraints=constraints,
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        options=options,
    )
    solver_seconds = time.perf_counter() - solving
    if result.x is None:
        message = f"HiGHS found no solution: {result.message}"
        return ReferenceSolution(None, 0, time.perf_counter() - started, False, solver_seconds, message)
    x = np.rint(result.x).astype(np.int64)
    objective = int(np.dot(x, np.array(costs, dtype=np.int64))) + big * refused
    seconds = time.perf_counter() - started
    placed = int(x[:n_moves].sum())
    return ReferenceSolution(objective, placed, seconds, result.status == 0, solver_seconds, result.message)
