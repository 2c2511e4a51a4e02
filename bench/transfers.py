"""Transfer planning benchmarks (issue 10): the minimum-cost flow against HiGHS on the same problem.

Two problems, each solved by `plan_transfers` and by `solve_with_highs` (the same problem as a MIP) in the
same run, with their objectives compared:

- a month's national cohort: about 6,000 men releasing 12 to 17 weeks ahead, so all must arrive within about
  a month, spread over the demo estate's 120 prisons by capacity. Made from the estate's data files with a
  fixed seed, no database needed. Goal: solved optimally in 1 s or less.
- the national plan: a 26-week horizon over everyone in custody on the national demo database (85,000
  people), read, solved and stored by `run_transfer_plan` end to end. Goal: 30 s or less end to end.

`make bench` prints both in its table. `python -m bench.transfers` prints the cohort alone, plus the national
rows when --database-url (as for `make bench`) holds people in custody; it never loads or changes the demo,
except that the end-to-end run stores a plan as `resettle transfers plan` would.
"""

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from resettle.rules.planning.reference import ReferenceSolution, solve_with_highs

from .database import DEFAULT_DATABASE, configure_django
from .report import Row, print_table

COHORT_MEN = 6_000
COHORT_SEED = 1
COHORT_AS_OF = date(2027, 1, 4)  # a Monday; fixed, so that every run builds the same cohort
HORIZON_WEEKS = 26  # the plan's default horizon
RELEASE_DAYS = (12 * 7, 17 * 7 - 1)  # release 12 to 17 weeks ahead: latest arrival in plan weeks 0 to 4
FREE_SHARE = 0.04  # free places at the start of the plan, as a share of operational capacity
WEEKLY_RELEASE_SHARE = 0.005  # men outside the cohort released each week, as a share of capacity
SEXUAL_OFFENCE_SHARE = 0.20  # of the cohort; spread over prisons as the estate's own shares are
HOME_REGION_SHARE = 0.8  # men released to an area in the region of the prison holding them
HIGHS_TIME_LIMIT = 120.0  # seconds

# A man's security category by the category of the prison holding him: mostly C and D near release.
CATEGORIES = {
    "A": {"A": 0.05, "B": 0.45, "C": 0.5},
    "B": {"B": 0.3, "C": 0.7},
    "B_LOCAL": {"B": 0.15, "C": 0.6, "D": 0.25},
    "C": {"C": 0.75, "D": 0.25},
    "C_RESETTLEMENT": {"C": 0.75, "D": 0.25},
    "D": {"D": 1.0},
    "YOI": {"C": 0.7, "D": 0.3},
    "FEMALE_CLOSED": {"C": 0.8, "D": 0.2},
    "FEMALE_OPEN": {"D": 1.0},
}


@dataclass
class Outcome:
    """The rows, and any disagreement between the flow's objective and HiGHS's optimum (a defect)."""

    rows: list[Row] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)


def _timed(action):
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def run_highs(problem, *, time_limit: float) -> ReferenceSolution:
    return solve_with_highs(problem, time_limit=time_limit)


def _ended(highs: ReferenceSolution, time_limit: float) -> str:
    """How HiGHS ended when not optimal, in words."""
    return f"stopped at its {time_limit:g} s limit or without an optimum ({highs.message})"


def compare(
    plan, highs: ReferenceSolution, what: str, outcome: Outcome, time_limit: float
) -> tuple[str, str]:
    """The baseline's words and the ratio, noting a disagreement in `outcome`."""
    if highs.objective is None:
        words = f"HiGHS {_ended(highs, time_limit)} with no solution ({highs.seconds:.1f} s)"
        return words, f"< {plan.solve_seconds / highs.seconds:.3f}x"
    if highs.optimal:
        if highs.objective == plan.objective:
            agreement = "optimal, same objective"
        else:
            agreement = f"optimal, objective {highs.objective:,} ≠ flow's {plan.objective:,}"
            outcome.mismatches.append(f"{what}: {agreement}")
        words = f"HiGHS MIP {highs.seconds:.2f} s ({highs.solver_seconds:.2f} s solving), {agreement}"
        return words, f"{plan.solve_seconds / highs.seconds:.3f}x"
    if highs.objective < plan.objective:
        outcome.mismatches.append(
            f"{what}: HiGHS's best {highs.objective:,} is below the flow's optimum {plan.objective:,}"
        )
    words = (
        f"HiGHS MIP {_ended(highs, time_limit)} ({highs.seconds:.1f} s with building it), "
        f"best {highs.objective:,} vs flow's {plan.objective:,}"
    )
    # HiGHS would have needed longer still: the ratio is at most this.
    return words, f"< {plan.solve_seconds / highs.seconds:.3f}x"


UNPLACED = {
    "ALL_FULL": "all full",
    "NO_SUITABLE_PRISON": "no suitable prison",
    "TOO_LATE": "too late",
    "EXCLUDED": "excluded",
    "NO_RELEASE_AREA": "no release area",
}


def _placed(plan) -> str:
    """How many the plan placed, and why the others are unplaced."""
    reasons = sorted(plan.unplaced_by_reason().items(), key=lambda item: -item[1])
    why = ", ".join(f"{count:,} {UNPLACED.get(reason, reason)}" for reason, count in reasons)
    return f"{len(plan.placements):,} placed, {len(plan.unplaced):,} unplaced" + (f": {why}" if why else "")


# A month's national cohort, from the demo estate's data files.


def _estate():
    """The demo estate as the plan sees it, with region codes as the database holds them."""
    from resettle.demo.estate import pdu_specs, pdus_served, prison_specs, region_specs
    from resettle.rules.planning.estate import Point, PrisonFacts

    region = {spec.prefix: spec.code for spec in region_specs()}
    prisons = {
        spec.code: PrisonFacts(
            code=spec.code,
            name=spec.name,
            region=region[spec.region],
            category=spec.category,
            estate=spec.estate,
            is_resettlement_prison=spec.is_resettlement_prison,
            serves=frozenset(pdus_served(spec)),
            holds_sexual_offences=spec.accepts_sexual_offences,
            location=Point(spec.latitude, spec.longitude),
            operational_capacity=spec.operational_capacity,
        )
        for spec in prison_specs()
    }
    pdus = {spec.code: (region[spec.region], Point(spec.latitude, spec.longitude)) for spec in pdu_specs()}
    return prison_specs(), prisons, pdus


def _prison_number(series: str, n: int) -> str:
    return f"{series}{n % 10000:04d}{chr(65 + n // 10000 // 26 % 26)}{chr(65 + n // 10000 % 26)}"


def month_cohort(*, men: int = COHORT_MEN, seed: int = COHORT_SEED, as_of: date = COHORT_AS_OF):
    """The inputs of build_problem for a month's national cohort: (horizon, prisons, population,
    releasing). Free places start near 4% of capacity and rise slowly as men outside the cohort leave."""
    from resettle.rules.planning.estate import ManFacts
    from resettle.rules.planning.needs import Horizon
    from resettle.rules.planning.problem import InCustody

    rng = random.Random(seed)
    specs, prisons, pdus = _estate()
    horizon = Horizon(as_of=as_of, weeks=HORIZON_WEEKS)
    by_region: dict[str, list[str]] = {}
    for code, (region, _) in pdus.items():
        by_region.setdefault(region, []).append(code)
    capacity = sum(spec.operational_capacity for spec in specs)
    mean_share = sum(spec.operational_capacity * spec.sexual_offence_share for spec in specs) / capacity
    population = {
        spec.code: spec.operational_capacity - round(FREE_SHARE * spec.operational_capacity) for spec in specs
    }

    def man(number: str, spec, area: str) -> ManFacts:
        young = spec.category == "YOI"
        chances = CATEGORIES[spec.category]
        return ManFacts(
            prison_number=number,
            current_prison=spec.code,
            sex=spec.estate,
            age=rng.randint(18, 20) if young else rng.randint(21, 70),
            security_category=rng.choices(list(chances), list(chances.values()))[0],
            convicted_of_sexual_offence=rng.random()
            < min(1.0, spec.sexual_offence_share * SEXUAL_OFFENCE_SHARE / mean_share),
            release_area=area,
            release_region=pdus[area][0],
            release_area_location=pdus[area][1],
        )

    releasing = []
    weights = [spec.operational_capacity for spec in specs]
    for n, spec in enumerate(rng.choices(specs, weights, k=men)):
        home = prisons[spec.code].region
        area = rng.choice(by_region[home] if rng.random() < HOME_REGION_SHARE else list(pdus))
        release_on = as_of + timedelta(days=rng.randint(*RELEASE_DAYS))
        releasing.append(InCustody(man(_prison_number("A", n), spec, area), release_on))
    # Men outside the cohort, released before it from a resettlement prison serving their area (so needing
    # no transfer): they free the places the cohort moves into, a few each week.
    n = 0
    for spec in specs:
        served = sorted(prisons[spec.code].serves)
        if not served:
            continue
        for week in range(RELEASE_DAYS[0] // 7):
            for _ in range(rng.randint(0, round(2 * WEEKLY_RELEASE_SHARE * spec.operational_capacity))):
                release_on = as_of + timedelta(weeks=week, days=rng.randrange(7))
                releasing.append(InCustody(man(_prison_number("B", n), spec, rng.choice(served)), release_on))
                n += 1
    return horizon, prisons, population, releasing


def cohort_rows(
    *, men: int = COHORT_MEN, seed: int = COHORT_SEED, time_limit: float = HIGHS_TIME_LIMIT
) -> Outcome:
    """A month's national cohort: the flow's solve time against HiGHS on the same problem."""
    from resettle.rules.planning.problem import build_problem
    from resettle.rules.planning.transfers import plan_transfers

    horizon, prisons, population, releasing = month_cohort(men=men, seed=seed)
    build_seconds, (problem, _) = _timed(
        lambda: build_problem(horizon=horizon, prisons=prisons, population=population, releasing=releasing)
    )
    plan = plan_transfers(problem)
    highs = run_highs(problem, time_limit=time_limit)
    outcome = Outcome()
    what = f"a month's national cohort ({men:,} men releasing in 12-17 weeks, {len(problem.needs):,} in need)"
    baseline, ratio = compare(plan, highs, what, outcome, time_limit)
    outcome.rows.append(
        Row(
            f"transfer plan: {what}, {len(prisons)} prisons; goal ≤ 1 s",
            "solve s",
            f"{plan.solve_seconds:.2f} s ({_placed(plan)}; building the problem {build_seconds:.2f} s)",
            baseline,
            ratio,
        )
    )
    return outcome


# The national plan, on the national demo database.


def national_rows(*, as_of: date | None = None, time_limit: float = HIGHS_TIME_LIMIT) -> Outcome:
    """The full horizon over everyone in custody: solve time against HiGHS on the same problem, and the
    plan read, solved and stored end to end (run_transfer_plan), against reading plus HiGHS."""
    from resettle.core.clock import today
    from resettle.people.models import Person
    from resettle.planning.facts import IN_CUSTODY, transfer_problem
    from resettle.planning.services import horizon_for, run_transfer_plan
    from resettle.rules.planning.transfers import plan_transfers

    on = as_of or today()
    held = Person.objects.filter(status__in=IN_CUSTODY).count()
    read_seconds, (problem, _) = _timed(lambda: transfer_problem(horizon_for(on, HORIZON_WEEKS)))
    plan = plan_transfers(problem)
    highs = run_highs(problem, time_limit=time_limit)
    outcome = Outcome()
    what = (
        f"national, {HORIZON_WEEKS}-week horizon ({held:,} in custody, {len(problem.needs):,} in need, "
        f"{len(problem.free_places)} prisons)"
    )
    baseline, ratio = compare(plan, highs, what, outcome, time_limit)
    outcome.rows.append(
        Row(
            f"transfer plan: {what}",
            "solve s",
            f"{plan.solve_seconds:.2f} s ({_placed(plan)})",
            baseline,
            ratio,
        )
    )
    total_seconds, result = _timed(lambda: run_transfer_plan(as_of=on, horizon_weeks=HORIZON_WEEKS))
    if result.plan.objective != plan.objective:
        outcome.mismatches.append(
            f"run_transfer_plan's objective {result.plan.objective:,} ≠ the same problem's {plan.objective:,}"
        )
    floor = read_seconds + highs.seconds
    finished = "" if highs.optimal else f" (HiGHS {_ended(highs, time_limit)})"
    outcome.rows.append(
        Row(
            "transfer plan: national end to end, read + solve + store (run_transfer_plan); goal ≤ 30 s",
            "total s",
            f"{total_seconds:.1f} s (solve {result.plan.solve_seconds:.2f} s; "
            f"{len(result.plan.placements):,} proposals stored)",
            f"read the facts {read_seconds:.1f} s + HiGHS {highs.seconds:.1f} s = {floor:.1f} s{finished}",
            f"{'< ' if not highs.optimal else ''}{total_seconds / floor:.3f}x",
        )
    )
    return outcome


def transfer_rows(*, national: bool, time_limit: float = HIGHS_TIME_LIMIT) -> Outcome:
    outcome = cohort_rows(time_limit=time_limit)
    if national:
        more = national_rows(time_limit=time_limit)
        outcome.rows += more.rows
        outcome.mismatches += more.mismatches
    return outcome


def people_in_custody(database_url: str) -> int:
    """How many people the database holds in custody; 0 when it is not there or not loaded."""
    import psycopg

    try:
        with psycopg.connect(database_url, connect_timeout=5) as connection:
            if connection.execute("SELECT to_regclass('people_person')").fetchone()[0] is None:
                return 0
            return connection.execute(
                "SELECT count(*) FROM people_person WHERE status IN ('IN_CUSTODY', 'RECALLED')"
            ).fetchone()[0]
    except psycopg.OperationalError:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.transfers", description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--cohort-only", action="store_true", help="skip the national rows")
    parser.add_argument("--men", type=int, default=COHORT_MEN, help="men in the month's cohort")
    parser.add_argument("--seed", type=int, default=COHORT_SEED)
    parser.add_argument("--highs-time-limit", type=float, default=HIGHS_TIME_LIMIT, help="seconds")
    args = parser.parse_args()
    held = 0 if args.cohort_only else people_in_custody(args.database_url)
    # The cohort reads only the estate's data files, but those modules need Django set up.
    configure_django(args.database_url, tempfile.mkdtemp(prefix="resettle-bench-"))
    outcome = cohort_rows(men=args.men, seed=args.seed, time_limit=args.highs_time_limit)
    place = args.database_url.rsplit("@", 1)[-1]
    if held:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        national = national_rows(time_limit=args.highs_time_limit)
        outcome.rows += national.rows
        outcome.mismatches += national.mismatches
        where = f"national rows on PostgreSQL at {place}, {held:,} people in custody"
    elif args.cohort_only:
        where = "national rows skipped (--cohort-only)"
    else:
        where = f"national rows skipped: no one in custody at {place} (load it with `make bench` first)"
    print_table(
        f"Resettle transfer planning benchmark, {date.today():%d %B %Y}",
        [
            f"cohort: seed {args.seed}, as of {COHORT_AS_OF:%d %B %Y}, from the demo estate's data files; {where}",
            f"HiGHS (SciPy milp, mip_rel_gap 0) limited to {args.highs_time_limit:g} s; "
            f"{os.cpu_count()} cores ({platform.python_version()})",
        ],
        outcome.rows,
    )
    for mismatch in outcome.mismatches:
        print(f"OBJECTIVES DIFFER: {mismatch}", file=sys.stderr)
    if outcome.mismatches:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
