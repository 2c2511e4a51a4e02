"""Taking the inspection measures: for one prison now (its page, its drill-down), or for every prison,
region and the country at once as a snapshot kept for trends (the command, the demo, a lead's request)."""

import time

from django.db import transaction

from resettle.estate.models import Prison, Region
from resettle.rules.inspection.measures import (
    CATALOGUE,
    Population,
    answers,
    evaluate_all,
    population,
    result,
)
from resettle.rules.inspection.period import Period

from . import facts
from .models import ReportFigures, ReportSnapshot

Scope = ReportFigures.Scope
NATIONAL = ("ENW", "England and Wales")


def prison_results(period: Period, code: str) -> dict:
    """One prison's measures for any period, read now (a prison's men are few enough for a request)."""
    men = facts.population(period, [code])
    return {key: value.as_dict() for key, value in evaluate_all(men.released, men.held, period).items()}


def _scopes() -> list[tuple[str, str, str, set[str] | None]]:
    """(scope, code, name, its prison codes; None for every prison) for each prison, region, the country."""
    prisons = list(Prison.objects.order_by("code").values_list("code", "name", "region__code"))
    regions = Region.objects.order_by("code").values_list("code", "name")
    return [
        *((Scope.PRISON, code, name, {code}) for code, name, _ in prisons),
        *(
            (Scope.REGION, code, name, {prison for prison, _, region in prisons if region == code})
            for code, name in regions
        ),
        (Scope.NATIONAL, *NATIONAL, None),
    ]


def _positions(at: list[str], scopes) -> list[list[int]]:
    """For each scope, the positions of its men in `at` (each man's prison code)."""
    by_prison = facts.by_prison(at)
    return [
        list(range(len(at)))
        if codes is None
        else sorted(position for code in codes for position in by_prison.get(code, []))
        for _, _, _, codes in scopes
    ]


def all_results(period: Period) -> list[tuple[str, str, str, dict]]:
    """Every scope's measures, each man's answer worked out once and shared by the scopes he is in."""
    men = facts.population(period)
    scopes = _scopes()
    positions = {
        Population.RELEASED: _positions(men.released_at, scopes),
        Population.HELD: _positions(men.held_at, scopes),
    }
    found = [{} for _ in scopes]
    for metric in CATALOGUE:
        everyone = population(metric, men.released, men.held)
        said = answers(metric, everyone, period)
        for slot, picked in enumerate(positions[metric.population]):
            found[slot][metric.id] = result(
                metric, [everyone[i] for i in picked], [said[i] for i in picked]
            ).as_dict()
    return [
        (scope, code, name, results) for (scope, code, name, _), results in zip(scopes, found, strict=True)
    ]


def queue_snapshot(period: Period, user=None) -> ReportSnapshot:
    return ReportSnapshot.objects.create(period_start=period.start, period_end=period.end, taken_by=user)


def take_queued(pk: int) -> ReportSnapshot | None:
    """Mark a queued snapshot as running, in one statement, so two workers cannot both take it."""
    taken = ReportSnapshot.objects.filter(pk=pk, status=ReportSnapshot.Status.QUEUED).update(
        status=ReportSnapshot.Status.RUNNING
    )
    return ReportSnapshot.objects.get(pk=pk) if taken else None


def complete_snapshot(snapshot: ReportSnapshot) -> ReportSnapshot:
    """Take every scope's measures and store them, all or nothing; a failure is recorded and raised."""
    started = time.perf_counter()
    period = Period(snapshot.period_start, snapshot.period_end)
    try:
        rows = all_results(period)
        with transaction.atomic():
            ReportFigures.objects.bulk_create(
                ReportFigures(snapshot=snapshot, scope=scope, code=code, name=name, results=results)
                for scope, code, name, results in rows
            )
            snapshot.status = ReportSnapshot.Status.FINISHED
            snapshot.seconds = round(time.perf_counter() - started, 2)
            snapshot.save(update_fields=["status", "seconds"])
    except Exception as error:
        ReportSnapshot.objects.filter(pk=snapshot.pk).update(
            status=ReportSnapshot.Status.FAILED, error=str(error)
        )
        raise
    return snapshot


def take_snapshot(period: Period, user=None) -> ReportSnapshot:
    """Queue a snapshot and take it here and now (the command's and the demo's way)."""
    return complete_snapshot(take_queued(queue_snapshot(period, user).pk))
