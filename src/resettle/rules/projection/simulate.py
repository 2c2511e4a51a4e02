"""The Monte Carlo: every man's release day on each path, vectorised over men and a chunk of paths at a
time, and the monthly tallies each measure needs.

On each path a man leaves by his route (cohort.Route): HDC approved with `hdc_approval` at his HDCED plus
`hdc_delay_days`; parole directed at each hearing with the route's rate (so the number of hearings is
geometric), a review every `*_review_days` after a refusal, a pending hearing (PED or tariff passed)
sometime within one review period; the CRD, ARD or PRRD for the rest. Once out on licence he may be
recalled (`recall_within_year` gives the exponential time to recall; never after his licence ends) and
released again 28 days later (a fixed-term recall) or after an exponential stay (a standard recall); one
recall a man within the horizon.

Measures are per prison and month (the prison he is held in now): releases; releases by RoSH, MAPPA level
and sexual offence; approved-premises arrivals and beds occupied at each month's end; recalls and
re-releases; and at each month's end the POM caseload (sentenced men still held) and the COM caseload (men
held past handover, or COM-managed from the start, plus men on licence). Handovers and MAPPA level-setting
due are deterministic: they run from the planning date, not from the day he actually leaves.

Men whose release day cannot vary (an automatic release with no HDC in reach, a PRRD) are tallied once and
added to every path; only the others are drawn path by path.

Given the low and high scenarios' rates (`doubt`), each chunk of paths first draws its own rates between
them (rates.drawn_rates), so the spread of the paths holds the doubt about the rates as well as chance.
"""

from dataclasses import dataclass, field

import numpy as np

from .calendar import Calendar
from .cohort import NEVER, Cohort, Mappa, Route
from .rates import Rates, drawn_rates

FIXED_TERM_DAYS = 28
# MAPPA level to be set six months before the earliest release (rulebook R1.5/R1.6), in days.
MAPPA_LEVEL_SET_BEFORE_DAYS = 182
# Releases are counted jointly by RoSH (5), MAPPA (5) and sexual offence (2), then summed each way.
ROSH, MAPPA, SEXUAL = 5, 5, 2
GROUPS = ROSH * MAPPA * SEXUAL
PATHS_PER_CHUNK = 25


@dataclass
class Simulated:
    calendar: Calendar
    paths: int
    prisons: int
    # Per measure: (paths, prisons, months).
    series: dict[str, np.ndarray] = field(default_factory=dict)
    # Releases split by each risk dimension: (paths, prisons, categories, months).
    breakdowns: dict[str, np.ndarray] = field(default_factory=dict)


def planning_day(cohort: Cohort) -> np.ndarray:
    """Each man's earliest release as an offset: his first hearing where parole decides, else the
    automatic release (the same choice rules.release.earliest_release makes)."""
    by_hearing = (cohort.route == Route.PAROLE) | (cohort.route == Route.INDETERMINATE)
    return np.where(by_hearing & (cohort.hearing_on < NEVER), cohort.hearing_on, cohort.released_by)


def _count(rows: np.ndarray, bins: int, month: np.ndarray, months: int) -> np.ndarray:
    """Tally events into (rows-of-bins, months): `rows` is each event's bin (path, prison, group...), and
    a month of `months` (past the horizon) goes to an overflow column that is dropped."""
    flat = rows.astype(np.int64) * (months + 1) + month
    counted = np.bincount(flat.ravel(), minlength=bins * (months + 1)).astype(np.int32)
    return counted.reshape(bins, months + 1)[:, :months]


def planned_releases(cohort: Cohort, calendar: Calendar) -> np.ndarray:
    """One deterministic pass: every man released on his planning date. (prisons, months)."""
    return _count(cohort.prison, cohort.prisons, calendar.month_of(planning_day(cohort)), calendar.months)


def release_days(cohort: Cohort, rates: Rates, rng: np.random.Generator, paths: int) -> np.ndarray:
    """(paths, men): the day each man leaves on each path; NEVER where he does not."""
    day = np.broadcast_to(np.maximum(cohort.released_by, 0), (paths, len(cohort))).copy()
    hdc = np.flatnonzero(_hdc_in_reach(cohort))
    if hdc.size and rates.hdc_approval > 0:
        approved = rng.random((paths, hdc.size)) < rates.hdc_approval
        on_hdc = np.minimum(cohort.hdced[hdc] + rates.hdc_delay_days, cohort.released_by[hdc])
        day[:, hdc] = np.where(approved, on_hdc, day[:, hdc])
    for route, rate, review in (
        (Route.PAROLE, rates.parole_release_per_hearing, rates.parole_review_days),
        (Route.INDETERMINATE, rates.indeterminate_release_per_hearing, rates.indeterminate_review_days),
    ):
        men = np.flatnonzero((cohort.route == route) & (cohort.hearing_on < NEVER))
        if not men.size or rate == 0:
            continue
        ahead = cohort.hearing_on[men]
        pending = rng.integers(0, review, (paths, men.size), dtype=np.int32)
        first = np.where(ahead >= 0, ahead, pending)
        hearings = rng.geometric(rate, (paths, men.size)).astype(np.int64)
        directed = np.minimum(first + (hearings - 1) * review, NEVER)
        day[:, men] = np.minimum(directed, day[:, men])
    return day


def _hdc_in_reach(cohort: Cohort) -> np.ndarray:
    return (cohort.route == Route.AUTOMATIC) & (cohort.hdced >= 0) & (cohort.hdced < cohort.released_by)


def _varies(cohort: Cohort) -> np.ndarray:
    """The men whose release day is drawn on each path."""
    return _hdc_in_reach(cohort) | (cohort.route == Route.PAROLE) | (cohort.route == Route.INDETERMINATE)


def simulate(
    cohort: Cohort,
    rates: Rates,
    calendar: Calendar,
    *,
    paths: int,
    seed: int,
    doubt: tuple[Rates, Rates] | None = None,
) -> Simulated:
    """The whole projection for the cohort. The same cohort, rates, calendar, paths, seed and doubt give
    the same figures: each chunk of paths draws from its own stream spawned from the seed."""
    if paths < 1:
        raise ValueError(f"paths: at least 1, not {paths}")
    prisons, months = cohort.prisons, calendar.months
    varies = _varies(cohort)
    drawn, fixed = cohort.subset(varies), cohort.subset(~varies)
    fixed_day = np.maximum(fixed.released_by, 0)[None, :]
    once = _tally(fixed, rates, calendar, fixed_day)
    chunks = [min(PATHS_PER_CHUNK, paths - first) for first in range(0, paths, PATHS_PER_CHUNK)]
    streams = np.random.SeedSequence(seed).spawn(len(chunks))
    parts: dict[str, list[np.ndarray]] = {}
    for size, stream in zip(chunks, streams, strict=True):
        rng = np.random.default_rng(stream)
        chunk_rates = drawn_rates(rates, *doubt, rng) if doubt else rates
        day = release_days(drawn, chunk_rates, rng, size)
        for name, value in _split(_tally(drawn, chunk_rates, calendar, day), once).items():
            parts.setdefault(name, []).append(value)
        # Recalls are drawn on every path for everyone out on licence, fixed release day or not.
        found = [
            _recalls(part, chunk_rates, rng, np.broadcast_to(on, (size, len(part))), calendar)
            for part, on in ((drawn, day), (fixed, fixed_day))
        ]
        for name in ("recalls", "re_releases"):
            parts.setdefault(name, []).append(found[0][name] + found[1][name])
    result = Simulated(calendar, paths, prisons)
    for name, values in [(name, parts.pop(name)) for name in list(parts) if name.startswith("releases_by_")]:
        result.breakdowns[name.removeprefix("releases_by_")] = np.concatenate(values)
    for name, values in parts.items():
        result.series[name] = np.concatenate(values)
    for name, value in _deterministic(cohort, calendar).items():
        result.series[name] = np.broadcast_to(value, (paths, prisons, months))
    released = np.cumsum(result.series["releases"], axis=2)
    result.series["pom_caseload"] = cohort.held_by_prison()[None, :, None] - released
    result.series["com_caseload"] = (
        np.cumsum(result.series.pop("com_handovers"), axis=2)
        - np.cumsum(result.series.pop("com_custody_ends"), axis=2)
        + released
        - np.cumsum(result.series.pop("licence_ends"), axis=2)
    )
    return result


def _split(tallied: dict[str, np.ndarray], once: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """A chunk's tallies with the fixed men's added, and its joint release counts summed each way."""
    joint = tallied.pop("releases_by_group") + once["releases_by_group"]
    paths, _, months = joint.shape
    joint = joint.reshape(paths, -1, ROSH, MAPPA, SEXUAL, months)
    return {
        **{name: value + once[name] for name, value in tallied.items()},
        "releases": joint.sum(axis=(2, 3, 4)),
        "releases_by_rosh": joint.sum(axis=(3, 4)),
        "releases_by_mappa": joint.sum(axis=(2, 4)),
        "releases_by_sexual_offence": joint.sum(axis=(2, 3)),
    }


def _tally(part: Cohort, rates: Rates, calendar: Calendar, day: np.ndarray) -> dict[str, np.ndarray]:
    """The path-dependent tallies for `part`, given its release days (paths, men)."""
    paths, prisons, months = len(day), part.prisons, calendar.months
    bin_of = np.arange(paths, dtype=np.int64)[:, None] * prisons + part.prison[None, :]
    group = (part.rosh.astype(np.int64) * MAPPA + part.mappa) * SEXUAL + part.sexual_offence
    month = calendar.month_of(day)

    def by_prison(on: np.ndarray) -> np.ndarray:
        return _count(bin_of, paths * prisons, calendar.month_of(on), months).reshape(paths, prisons, months)

    return {
        "releases_by_group": _count(
            bin_of * GROUPS + group[None, :], paths * prisons * GROUPS, month, months
        ).reshape(paths, prisons * GROUPS, months),
        # A man held leaves the custody COM count at max(release, handover); one on licence at max(release,
        # licence end): a release before the handover, or after the licence ends, adds and takes away at once.
        "com_custody_ends": by_prison(np.maximum(day, part.handover_on[None, :])),
        "licence_ends": by_prison(np.maximum(day, part.licence_ends[None, :])),
        **_approved_premises(part, rates, calendar, day),
    }


def _approved_premises(
    part: Cohort, rates: Rates, calendar: Calendar, day: np.ndarray
) -> dict[str, np.ndarray]:
    """Arrivals each month, and beds taken at each month's end: arrivals in the `approved_premises_days`
    up to and including it."""
    paths, prisons, months, horizon = len(day), part.prisons, calendar.months, calendar.days
    men = np.flatnonzero(part.approved_premises)
    arriving = np.minimum(day[:, men], horizon)  # day `horizon`: past it, an overflow column
    bin_of = np.arange(paths, dtype=np.int64)[:, None] * prisons + part.prison[men][None, :]
    by_day = _count(bin_of, paths * prisons, arriving, horizon).reshape(paths, prisons, horizon)
    cumulative = np.concatenate([np.zeros((paths, prisons, 1), np.int64), np.cumsum(by_day, axis=2)], axis=2)
    ends = calendar.month_ends
    starts = np.maximum(ends - rates.approved_premises_days, -1)
    return {
        "approved_premises_arrivals": _count(
            bin_of, paths * prisons, calendar.month_of(arriving), months
        ).reshape(paths, prisons, months),
        "approved_premises_beds": cumulative[:, :, ends + 1] - cumulative[:, :, starts + 1],
    }


def _recalls(part: Cohort, rates: Rates, rng, day: np.ndarray, calendar: Calendar) -> dict[str, np.ndarray]:
    """Recalls of the men out on licence within the horizon, and their releases again, by month."""
    paths, prisons, months, horizon = len(day), part.prisons, calendar.months, calendar.days
    if rates.recall_within_year == 0 or not len(part):
        empty = np.zeros((paths, prisons, months), np.int64)
        return {"recalls": empty, "re_releases": empty}
    path, man = np.nonzero((day < horizon) & (part.licence_ends[None, :] > day))
    released = day[path, man].astype(np.int64)
    if rates.recall_within_year >= 1:
        after = np.zeros(released.size, np.int64)
    else:
        mean_days = 365 / -np.log1p(-rates.recall_within_year)
        after = rng.exponential(mean_days, released.size).astype(np.int64)
    recalled_on = released + after
    recalled = recalled_on < np.minimum(part.licence_ends[man], horizon)
    path, man, recalled_on = path[recalled], man[recalled], recalled_on[recalled]
    fixed_term = rng.random(recalled_on.size) < rates.fixed_term_share
    stay = rng.exponential(rates.standard_recall_days, recalled_on.size).astype(np.int64)
    back_on = recalled_on + np.where(fixed_term, FIXED_TERM_DAYS, stay)
    bin_of = path * prisons + part.prison[man]

    def count(on):
        return _count(bin_of, paths * prisons, calendar.month_of(on), months).reshape(paths, prisons, months)

    return {"recalls": count(recalled_on), "re_releases": count(back_on)}


def _deterministic(cohort: Cohort, calendar: Calendar) -> dict[str, np.ndarray]:
    """Measures that run from the planning date, the same on every path: (prisons, months)."""
    prisons, months = cohort.prisons, calendar.months

    def count(days: np.ndarray, who: np.ndarray) -> np.ndarray:
        return _count(cohort.prison[who], prisons, calendar.month_of(days[who]), months)

    return {
        "handovers_due": count(cohort.handover_on, (cohort.handover_on >= 0) & (cohort.handover_on < NEVER)),
        "mappa_level_setting_due": count(
            planning_day(cohort) - MAPPA_LEVEL_SET_BEFORE_DAYS, cohort.mappa == Mappa.LEVEL_NOT_SET
        ),
        "com_handovers": count(cohort.handover_on, cohort.handover_on < NEVER),
        "planned_releases": planned_releases(cohort, calendar),
    }
