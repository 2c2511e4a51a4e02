"""`python -m bench.projection`: the release projection's Monte Carlo at national size, against one
deterministic pass over the same men, in one run (issue 11's goal: 1,000 paths in 10 s or less).

The cohort is synthetic (85,000 men across 120 prisons, with the demo's rough mix of routes), so this
measures the simulation alone, not reading the records; `make bench` at national scale is the place for
the end-to-end figure.
"""

import time
from datetime import date, timedelta

import numpy as np

from resettle.rules.projection.calendar import Calendar
from resettle.rules.projection.cohort import Cohort, Man, Mappa, Rosh, Route
from resettle.rules.projection.rates import published_rates
from resettle.rules.projection.simulate import planned_releases, simulate

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


def main() -> None:
    cohort, calendar, rates = national_cohort(), Calendar(AS_OF, 24), published_rates()
    started = time.perf_counter()
    planned_releases(cohort, calendar)
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    simulate(cohort, rates, calendar, paths=PATHS, seed=1)
    paths = time.perf_counter() - started
    print(
        f"{len(cohort):,} dated men ({int(cohort.undated_by_prison.sum()):,} undated), {PRISONS} prisons, 24 months"
    )
    print(f"deterministic pass: {baseline * 1000:.1f} ms")
    print(f"{PATHS} paths: {paths:.1f} s  ({paths / baseline:,.0f} x the deterministic pass; goal 10 s)")


if __name__ == "__main__":
    main()
