"""Running a projection: read the facts, simulate the central rates and the two scenarios, add the men
not yet received, and store each prison's, region's and the country's figures as a dated run.

A run is queued (`queue_run`, from the page or the command) and then completed (`complete_run`, off the
request). A what-if changes rates, or recalculates every man's dates under another rule profile."""

import os
import time
from dataclasses import dataclass
from datetime import date

import numpy as np
from dateutil.relativedelta import relativedelta
from django.db import transaction

from resettle.people.release_dates import Rules, dates_under, live_rules
from resettle.rules.projection.backtest import errors_by_horizon
from resettle.rules.projection.bands import by_scope
from resettle.rules.projection.calendar import Calendar
from resettle.rules.projection.cohort import Cohort
from resettle.rules.projection.rates import Rates, Scenario, published_rates, rate_sources, scenario_rates
from resettle.rules.projection.receptions import (
    forecast_receptions,
    held_from_receptions,
    releases_of_receptions,
    stay_shares,
)
from resettle.rules.projection.simulate import Simulated, simulate
from resettle.rules.projection.what_if import Effect, deadline_effect, swapped
from resettle.rules.sentencing import profile_names

from . import facts
from .models import ProjectionFigures, ProjectionRun

# The scenarios need only their means: a tenth of the paths, at least this many.
SCENARIO_PATHS = 50
BANDED = (
    "releases_total",
    "releases",
    "approved_premises_beds",
    "approved_premises_arrivals",
    "recalls",
    "re_releases",
    "pom_caseload",
    "com_caseload",
    "handovers_due",
    "mappa_level_setting_due",
    "planned_releases",
    "releases_of_new_receptions",
)


@dataclass
class Projection:
    estate: facts.Estate
    calendar: Calendar
    rates: Rates
    sources: dict
    simulated: Simulated
    scenarios: dict[str, Simulated]
    warnings: list[str]
    men: int
    undated: int
    history: np.ndarray  # releases per prison in each of the 12 months before the projection's first
    # A profile what-if: who it releases earlier within the horizon, and who the live rules release earlier
    # than it would, each with the deadlines still met.
    effect: dict[str, Effect] | None = None


# A profile what-if recalculates every man: in as many processes as `resettle refresh` uses.
WHAT_IF_WORKERS = min(2, os.cpu_count() or 1)
# What a profile what-if's effect is counted over: the next 12 months (the inspectorate's horizon).
EFFECT_MONTHS = 12


def central_rates(as_of: date, changes: dict | None = None) -> tuple[Rates, dict]:
    """The published rates, replaced by the history's estimates where it holds enough cases, then by any
    changes asked for; with where each came from."""
    rates = published_rates()
    sources = {source.name: source.source for source in rate_sources()}
    for estimate in facts.estimates_from_history(as_of):
        rates = rates.with_changes(**{estimate.rate: type(getattr(rates, estimate.rate))(estimate.value)})
        sources[estimate.rate] = f"estimated from the stored history: {estimate.words}"
    for name, value in (changes or {}).items():
        rates = rates.with_changes(**{name: value})
        sources[name] = "changed for this run"
    return rates, sources


def _with_receptions(simulated: Simulated, history: facts.ReceptionHistory, rng) -> None:
    """Add the men not yet received: expected releases with Poisson noise on each path, and the expected
    number still held to the POM caseload."""
    months = simulated.calendar.months
    forecast = forecast_receptions(history.receptions, months)
    window = history.receptions[:, -history.window_months :]
    shares = stay_shares(history.released_by_months_served, window.mean(axis=1), history.window_months)
    expected = releases_of_receptions(forecast, shares)
    noise = rng.poisson(expected, (simulated.paths, *expected.shape)).astype(np.int32)
    simulated.series["releases_of_new_receptions"] = noise
    simulated.series["releases_total"] = simulated.series["releases"] + noise
    simulated.series["pom_caseload"] = (
        simulated.series["pom_caseload"]
        + np.rint(held_from_receptions(forecast, expected)).astype(np.int32)[None]
    )


def _cohort(as_of: date, estate: facts.Estate, profile: str) -> tuple[Cohort, dict[str, Effect] | None]:
    if not profile:
        return facts.cohort_on(as_of, estate), None
    if profile not in profile_names():
        raise ValueError(
            f"profile: no rule profile {profile!r}; the profiles are {', '.join(profile_names())}"
        )
    rules = Rules(profile, live_rules().toggles)
    cohort, moved = facts.moved_under(as_of, estate, dates_under(rules, workers=WHAT_IF_WORKERS))
    horizon_end = as_of + relativedelta(months=EFFECT_MONTHS)
    return cohort, {
        "earlier_under_profile": deadline_effect(moved, as_of=as_of, horizon_end=horizon_end),
        "earlier_under_live": deadline_effect(swapped(moved), as_of=as_of, horizon_end=horizon_end),
    }


def project(
    *,
    as_of: date,
    months: int = 24,
    paths: int = 1000,
    seed: int = 0,
    changes: dict | None = None,
    profile: str = "",
    progress=None,
) -> Projection:
    calendar = Calendar(as_of, months)
    estate = facts.Estate.read()
    cohort, effect = _cohort(as_of, estate, profile)
    history = facts.reception_history(as_of, estate)
    rates, sources = central_rates(as_of, changes)
    warnings = []
    if not history.receptions[:, -12:].any():
        warnings.append(
            "No receptions in the last 12 months of history: men not yet received are not projected."
        )
    if progress:
        progress.update(1)
    doubt = (scenario_rates(rates, Scenario.LOW), scenario_rates(rates, Scenario.HIGH))
    simulated = simulate(cohort, rates, calendar, paths=paths, seed=seed, doubt=doubt)
    _with_receptions(simulated, history, np.random.default_rng([seed, 1]))
    if progress:
        progress.update(1)
    scenarios = {}
    for scenario in (Scenario.LOW, Scenario.HIGH):
        run = simulate(
            cohort,
            scenario_rates(rates, scenario),
            calendar,
            paths=max(paths // 10, SCENARIO_PATHS),
            seed=seed,
        )
        _with_receptions(run, history, np.random.default_rng([seed, 2]))
        scenarios[scenario.value] = run
        if progress:
            progress.update(1)
    year_before = as_of.replace(day=1) - relativedelta(months=12)
    return Projection(
        estate,
        calendar,
        rates,
        sources,
        simulated,
        scenarios,
        warnings,
        len(cohort),
        int(cohort.undated_by_prison.sum()),
        facts.actual_releases(year_before, 12, estate),
        effect,
    )


def figures(projection: Projection) -> list[tuple[str, str, str, dict]]:
    """(scope, code, name, series) for every prison, region and the country."""
    estate = projection.estate
    scopes = [
        *(
            (ProjectionFigures.Scope.PRISON, code, name)
            for code, name in zip(estate.codes, estate.names, strict=True)
        ),
        *(
            (ProjectionFigures.Scope.REGION, code, name)
            for code, name in zip(estate.region_codes, estate.region_names, strict=True)
        ),
        (ProjectionFigures.Scope.NATIONAL, "ENW", "England and Wales"),
    ]
    found = [{} for _ in scopes]
    regions = len(estate.region_codes)

    def each(paths):
        bands = by_scope(paths, estate.region_of, regions)
        return [(b, i) for b in bands for i in range(b.mean.shape[0])]

    for measure in BANDED:
        central = each(projection.simulated.series[measure])
        low = each(projection.scenarios["low"].series[measure])
        high = each(projection.scenarios["high"].series[measure])
        for slot, ((band, i), (lo, j), (hi, k)) in enumerate(zip(central, low, high, strict=True)):
            found[slot][measure] = {
                "mean": band.mean[i].round(1).tolist(),
                "p10": band.p10[i].round(1).tolist(),
                "p50": band.p50[i].round(1).tolist(),
                "p90": band.p90[i].round(1).tolist(),
                "low": lo.mean[j].round(1).tolist(),
                "high": hi.mean[k].round(1).tolist(),
            }
    history = by_scope(projection.history[None], estate.region_of, regions)
    for slot, (band, i) in enumerate((b, i) for b in history for i in range(b.mean.shape[0])):
        found[slot]["released_before"] = band.mean[i].round().astype(int).tolist()
    for name, paths in projection.simulated.breakdowns.items():
        for category in range(paths.shape[2]):
            for slot, (band, i) in enumerate(each(paths[:, :, category, :])):
                found[slot].setdefault(f"releases_by_{name}", {})[str(category)] = (
                    band.mean[i].round(1).tolist()
                )
    return [(scope, code, name, series) for (scope, code, name), series in zip(scopes, found, strict=True)]


def queue_run(
    *,
    as_of: date,
    months: int = 24,
    paths: int = 1000,
    seed: int = 0,
    changes: dict | None = None,
    profile: str = "",
    user=None,
) -> ProjectionRun:
    return ProjectionRun.objects.create(
        as_of=as_of,
        months=months,
        paths=paths,
        seed=seed,
        changes=changes or {},
        profile=profile,
        run_by=user,
        rates={},
    )


def take_run(pk: int) -> ProjectionRun | None:
    """Mark a queued run as running, in one statement, so two workers started for it cannot both run it."""
    taken = ProjectionRun.objects.filter(pk=pk, status=ProjectionRun.Status.QUEUED).update(
        status=ProjectionRun.Status.RUNNING
    )
    return ProjectionRun.objects.get(pk=pk) if taken else None


def complete_run(run: ProjectionRun, progress=None) -> ProjectionRun:
    """Project as the run asks and store its figures, all or nothing; a failure is recorded on the run
    (for the page to show) and raised."""
    started = time.perf_counter()
    try:
        projection = project(
            as_of=run.as_of,
            months=run.months,
            paths=run.paths,
            seed=run.seed,
            changes=run.changes,
            profile=run.profile,
            progress=progress,
        )
        labels = projection.calendar.labels()
        with transaction.atomic():
            ProjectionFigures.objects.bulk_create(
                ProjectionFigures(run=run, scope=scope, code=code, name=name, months=labels, series=series)
                for scope, code, name, series in figures(projection)
            )
            run.rates = {
                name: {"value": value, "source": projection.sources[name]}
                for name, value in projection.rates.as_dict().items()
            }
            run.men, run.undated, run.warnings = projection.men, projection.undated, projection.warnings
            run.profile_effect = {name: e.as_dict() for name, e in (projection.effect or {}).items()}
            run.status = ProjectionRun.Status.FINISHED
            run.seconds = round(time.perf_counter() - started, 2)
            run.save()
    except Exception as error:
        ProjectionRun.objects.filter(pk=run.pk).update(status=ProjectionRun.Status.FAILED, error=str(error))
        raise
    return run


def run_projection(*, progress=None, **asked) -> ProjectionRun:
    """Queue a run and complete it here and now (the command's way)."""
    return complete_run(take_run(queue_run(**asked).pk), progress)


@dataclass(frozen=True)
class BackTest:
    origin: date
    national: list
    prisons: list


def back_test(*, as_of: date, origins_months_back=(12, 6), paths: int = 200, seed: int = 0) -> list[BackTest]:
    """Project from the first of the month `n` months before `as_of`'s, as the records stand, and compare
    each whole month up to `as_of`'s with the releases the history holds."""
    results = []
    for back in origins_months_back:
        origin = as_of.replace(day=1) - relativedelta(months=back)
        projection = project(as_of=origin, months=back, paths=paths, seed=seed)
        actual = facts.actual_releases(origin, back, projection.estate)
        prisons, _, national = by_scope(
            projection.simulated.series["releases_total"],
            projection.estate.region_of,
            len(projection.estate.region_codes),
        )
        held = actual.sum(axis=1) > 0  # prisons with a release in the history: the others hold no records
        results.append(
            BackTest(
                origin,
                errors_by_horizon(
                    national.mean, national.p10, national.p90, actual.sum(axis=0, keepdims=True)
                ),
                errors_by_horizon(prisons.mean[held], prisons.p10[held], prisons.p90[held], actual[held]),
            )
        )
    return results
