"""The transfer problem assembled from facts about the estate and the men in it (issue 10).

Selectors read the facts from the database; this puts them together: each man's need (needs.py) and each
prison's free places week by week (places.py), counting the transfers already agreed.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .estate import ManFacts, PrisonFacts
from .needs import Horizon, transfer_need
from .places import weekly_free_places
from .transfers import Problem


@dataclass(frozen=True)
class InCustody:
    """A man held now whose planning release date falls within the horizon."""

    man: ManFacts
    release_on: date
    # Whether his release frees his place on that date for certain: an automatic release (CRD, ARD, PRRD)
    # still ahead. A parole eligibility or tariff date is the earliest he may go, not when he will.
    release_is_certain: bool = True


@dataclass(frozen=True)
class AgreedTransfer:
    """A transfer accepted or booked but not yet made."""

    prison_number: str
    from_prison: str
    to_prison: str
    arrives_on: date


def build_problem(
    *,
    horizon: Horizon,
    prisons: dict[str, PrisonFacts],
    population: dict[str, int],
    releasing: Iterable[InCustody],
    agreed: Iterable[AgreedTransfer] = (),
    holds: dict[str, str] | None = None,
    rejected: dict[str, frozenset[str]] | None = None,
) -> tuple[Problem, list[str]]:
    """The problem, and warnings about the data it could not use (a prison with no capacity recorded)."""
    holds, rejected = holds or {}, rejected or {}
    agreed = list(agreed)
    moving = {transfer.prison_number for transfer in agreed}
    releases, outs, ins = defaultdict(list), defaultdict(list), defaultdict(list)
    needs = []
    for held in releasing:
        if held.man.prison_number in moving:
            continue  # his place is freed by his agreed move (below); his release from there is not counted
        if held.release_is_certain and held.release_on >= horizon.as_of:
            releases[held.man.current_prison].append(horizon.week_of(held.release_on))
        need = transfer_need(
            held.man,
            release_on=held.release_on,
            prisons=prisons,
            horizon=horizon,
            excluded_because=holds.get(held.man.prison_number, ""),
            rejected=rejected.get(held.man.prison_number, frozenset()),
        )
        if need is not None:
            needs.append(need)
    for transfer in agreed:
        week = horizon.week_of(transfer.arrives_on)
        outs[transfer.from_prison].append(week)
        ins[transfer.to_prison].append(week)
    free, warnings = {}, []
    for code, prison in sorted(prisons.items()):
        if prison.operational_capacity is None:
            warnings.append(f"{prison.name} has no operational capacity recorded: no place offered there.")
            continue
        free[code] = weekly_free_places(
            capacity=prison.operational_capacity,
            population=population.get(code, 0),
            release_weeks=releases[code],
            out_weeks=outs[code],
            in_weeks=ins[code],
            weeks=horizon.weeks,
        )
    names = {code: prison.name for code, prison in prisons.items()}
    needs.sort(key=lambda need: (need.latest_arrival, need.prison_number))
    return Problem(horizon=horizon, needs=tuple(needs), free_places=free, names=names), warnings
