"""`python -m bench.projection`: the release projection's Monte Carlo at national size, against one
deterministic pass over the same men, in one run (issue 11's goal: 1,000 paths in 10 s or less).

The cohort is synthetic (85,000 men across 120 prisons, with the demo's rough mix of routes), so this
measures the simulation alone, not reading the records. `make bench` adds the end-to-end rows on the
national demo (`projection_rows`): a stored 1,000-path run against reading its cohort, and a profile
what-if's recalculation of every man against `resettle refresh`'s recalculation in the same run.
"""

import time
from datetime import date, timedelta

import numpy as np

from resettle.rules.projection.calendar import Calendar
from resettle.rules.projection.cohort import Cohort, Man, Mappa, Rosh, Route
from resettle.rules.projection.rates import published_rates
from resettle.rules.projection.simulate import planned_releases, simulate

from .report import Row

AS_OF = date(2026, 12, 1)
MEN, PRISONS, PATHS = 85_000, 120, 1000


def national_cohort(seed: int = 1) -> Cohort:
    rng = np.random.default_rng(seed)

    def day(low, high):
        return AS_OF + timedelta(days=int(rng.integers(low, high)))

    men = []
    for _ in range(MEN):
        prison, kind, crd = int(rng.integers(PRISONS)), rng.random(), day(-10, 1500)
        risk = {
            "rosh": Rosh(int(rng.integers(5))),
            "mappa": Mappa(int(rng.integers(5))),
            "sexual_offence": bool(rng.random() < 0.14),
        }
        if kind < 0.45:
            hdced = crd - timedelta(days=120) if rng.random() < 0.4 else None
            men.append(
                Man(
                    prison,
                    Route.AUTOMATIC,
                    released_by=crd,
                    hdced=hdced,
                    licence_ends=crd + timedelta(days=400),
                    handover_on=crd - timedelta(days=250),
                    **risk,
                )
            )
        elif kind < 0.55:
            men.append(
                Man(
                    prison,
                    Route.PAROLE,
                    released_by=crd + timedelta(days=500),
                    hearing_on=crd,
                    licence_ends=crd + timedelta(days=1000),
                    handover_on=crd - timedelta(days=365),
                    **risk,
                )
            )
        elif kind < 0.69:
            men.append(
                Man(
                    prison,
                    Route.RECALLED,
                    released_by=day(-10, 300),
                    licence_ends=crd + timedelta(days=200),
                    com_from_start=True,
                    **risk,
                )
            )
        elif kind < 0.79:
            men.append(Man(prison, Route.INDETERMINATE, hearing_on=day(-800, 2000), **risk))
        else:
            men.append(Man(prison, Route.UNDATED))
    return Cohort.of(men, as_of=AS_OF, prisons=PRISONS)


def _timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def simulation_row() -> Row:
    cohort, calendar, rates = national_cohort(), Calendar(AS_OF, 24), published_rates()
    baseline, _ = _timed(lambda: planned_releases(cohort, calendar))
    seconds, _ = _timed(lambda: simulate(cohort, rates, calendar, paths=PATHS, seed=1))
    return Row(
        f"projection Monte Carlo, {PATHS:,} paths x 24 months (synthetic {len(cohort):,} men, {PRISONS} prisons)",
        "seconds",
        f"{seconds:.1f} s (goal 10 s)",
        f"one deterministic pass {baseline * 1000:.1f} ms",
        f"{seconds / baseline:,.0f}x",
    )


def projection_rows(*, recalculation_seconds: float) -> list[Row]:
    """End to end on the national demo: `resettle project`'s stored run, and a profile what-if."""
    from resettle.core.clock import today
    from resettle.people.release_dates import Rules, dates_under, live_rules
    from resettle.projections import facts
    from resettle.projections.services import WHAT_IF_WORKERS, run_projection

    on = today()
    read_seconds, cohort = _timed(lambda: facts.cohort_on(on, facts.Estate.read()))
    run_seconds, run = _timed(lambda: run_projection(as_of=on, paths=PATHS, months=24))
    what_if_seconds, dates = _timed(
        lambda: dates_under(Rules("sds-50", live_rules().toggles), workers=WHAT_IF_WORKERS)
    )
    return [
        Row(
            f"national projection stored ({PATHS:,} paths, 2 scenarios, receptions, {run.figures.count()} scopes)",
            "seconds",
            f"{run_seconds:.1f} s ({run.men:,} men projected)",
            f"read the cohort only {read_seconds:.1f} s ({len(cohort):,} men)",
            f"{run_seconds / read_seconds:.1f}x",
        ),
        Row(
            f"what-if: every man's dates under sds-50, not stored ({WHAT_IF_WORKERS} processes)",
            "seconds",
            f"{what_if_seconds:.0f} s ({len(dates):,} bookings)",
            f"recalculate all release dates {recalculation_seconds:.0f} s",
            f"{what_if_seconds / recalculation_seconds:.2f}x",
        ),
    ]


def main() -> None:
    row = simulation_row()
    print(f"{row.benchmark}: {row.value}; baseline {row.baseline}; {row.ratio}")


if __name__ == "__main__":
    main()
