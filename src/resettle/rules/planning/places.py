"""Free places in a prison, week by week, before the plan moves anyone (issue 10, "the optimiser").

free[w] = operational capacity − population now
          + men released before week w + transfers out already planned before week w
          − transfers in already planned by week w.

A release or move out in week u frees the place from week u + 1, and a move in takes it from its own week:
the plan never counts a bed twice within a week. Places freed by the plan's own moves (or by the later
release of a man it moves in) are not counted until the next run, so the plan is cautious, never over full.
"""

from collections.abc import Iterable

import numpy as np


def weekly_free_places(
    *,
    capacity: int,
    population: int,
    release_weeks: Iterable[int],
    out_weeks: Iterable[int] = (),
    in_weeks: Iterable[int] = (),
    weeks: int,
) -> tuple[int, ...]:
    """Free places for weeks 0..weeks-1. Week numbers before 0 count as week 0 (a man shown as due for
    release already but still held frees his place next week at the earliest)."""
    freed = np.zeros(weeks + 1, dtype=np.int64)
    for week in (*release_weeks, *out_weeks):
        if week < weeks:
            freed[max(week, 0) + 1] += 1
    taken = np.zeros(weeks, dtype=np.int64)
    for week in in_weeks:
        if week < weeks:
            taken[max(week, 0)] += 1
    free = capacity - population + np.cumsum(freed[:weeks]) - np.cumsum(taken)
    return tuple(int(places) for places in free)


def usable_places(free: tuple[int, ...]) -> tuple[int, ...]:
    """Places that may be filled by arrivals up to each week, so that no later week is overfilled.

    Arrivals up to week w must fit every week from w on, so the limit at w is the least free figure of any
    week from w to the end (never below zero). The result never falls from one week to the next.
    """
    usable = np.minimum.accumulate(np.asarray(free[::-1], dtype=np.int64))[::-1]
    return tuple(int(places) for places in np.maximum(usable, 0))
