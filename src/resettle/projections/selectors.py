"""Reading stored projection runs for the pages and the API: the official run, a what-if against it, and
one scope's figures summed over the next 12 months."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from resettle.estate.models import Prison, Region
from resettle.staff.models import POM_ROLES, StaffMember, StaffRole

from .models import ProjectionFigures, ProjectionRun

Scope = ProjectionFigures.Scope
# A projection takes seconds; a run queued or running for longer than this died with its process.
STALE_AFTER = timedelta(hours=1)
OFFICIAL = Q(changes={}, profile="")


def finished_runs() -> QuerySet[ProjectionRun]:
    return ProjectionRun.objects.filter(status=ProjectionRun.Status.FINISHED)


def official_run() -> ProjectionRun | None:
    """The newest finished run of the live rules and central rates: the projection the pages show."""
    return finished_runs().filter(OFFICIAL).first()


def what_if_runs() -> QuerySet[ProjectionRun]:
    return finished_runs().exclude(OFFICIAL)


def pending_runs() -> QuerySet[ProjectionRun]:
    return ProjectionRun.objects.filter(
        status__in=[ProjectionRun.Status.QUEUED, ProjectionRun.Status.RUNNING],
        ran_at__gte=timezone.now() - STALE_AFTER,
    )


def failed_run() -> ProjectionRun | None:
    """The newest run, if it failed: the page shows its error."""
    newest = ProjectionRun.objects.first()
    return newest if newest and newest.status == ProjectionRun.Status.FAILED else None


def figures(run: ProjectionRun | None, scope: str, code: str) -> ProjectionFigures | None:
    if run is None:
        return None
    return run.figures.filter(scope=scope, code=code).first()


@dataclass(frozen=True)
class Year:
    """One scope's figures over the next 12 months, for the tables of prisons and regions."""

    code: str
    name: str
    releases: float
    releases_low: float  # each month's 10th percentile, summed
    releases_high: float
    released_before: int
    approved_premises_beds_peak: float
    handovers_due: float

    @property
    def is_empty(self) -> bool:
        """Nothing to show: no release projected or in the last 12 months (a prison holding no one)."""
        return round(self.releases) == 0 and self.released_before == 0

    @property
    def change(self) -> float | None:
        """Projected against released, as a share (the inspectorate's comparison)."""
        return (self.releases - self.released_before) / self.released_before if self.released_before else None


MONTHS_AHEAD = 12


def year_of(figures: ProjectionFigures) -> Year:
    series = figures.series
    releases = series["releases_total"]
    return Year(
        code=figures.code,
        name=figures.name,
        releases=sum(releases["mean"][:MONTHS_AHEAD]),
        releases_low=sum(releases["p10"][:MONTHS_AHEAD]),
        releases_high=sum(releases["p90"][:MONTHS_AHEAD]),
        released_before=sum(series.get("released_before", [])),
        approved_premises_beds_peak=max(series["approved_premises_beds"]["mean"][:MONTHS_AHEAD], default=0),
        handovers_due=sum(series["handovers_due"]["mean"][:MONTHS_AHEAD]),
    )


def years(run: ProjectionRun | None, scope: str, codes=None) -> list[Year]:
    if run is None:
        return []
    found = run.figures.filter(scope=scope)
    if codes is not None:
        found = found.filter(code__in=codes)
    return [year_of(f) for f in found.order_by("name")]


def prison_codes_of(region: Region) -> list[str]:
    return list(Prison.objects.filter(region=region).values_list("code", flat=True))


@dataclass(frozen=True)
class Staffing:
    """Offender managers on file today, for the caseload charts' capacity lines."""

    poms: int | None  # None: the scope's POMs are not known here (no prison staff recorded)
    coms: int | None


def staffing(scope: str, code: str) -> Staffing:
    """POMs work in a prison; COMs in a probation delivery unit, so a prison has no COM count of its own
    (its released men go to COMs across the country): COMs are counted for a region and nationally."""
    active = StaffMember.objects.filter(is_active=True)
    poms = active.filter(role__in=POM_ROLES)
    coms = active.filter(role=StaffRole.COM)
    if scope == Scope.PRISON:
        return Staffing(poms.filter(prison__code=code).count(), None)
    if scope == Scope.REGION:
        return Staffing(
            poms.filter(prison__region__code=code).count(), coms.filter(pdu__region__code=code).count()
        )
    return Staffing(poms.count(), coms.count())


@dataclass(frozen=True)
class Difference:
    """A what-if against the official run: the country month by month, and each region and prison seen
    over the next 12 months, the prisons most changed first."""

    months: list[tuple[str, float, float]]  # month, official, what-if (national releases)
    official: ProjectionFigures
    what_if: ProjectionFigures
    regions: list[tuple[Year, Year]]
    prisons: list[tuple[Year, Year]]


def _pairs(
    official: ProjectionRun, what_if: ProjectionRun, scope: str, codes=None
) -> list[tuple[Year, Year]]:
    """Official and what-if years of each scope in both runs, leaving out those empty in both."""
    before = {year.code: year for year in years(official, scope, codes)}
    return [
        (before[year.code], year)
        for year in years(what_if, scope, codes)
        if year.code in before and not (year.is_empty and before[year.code].is_empty)
    ]


def difference(official: ProjectionRun, what_if: ProjectionRun, prison_codes) -> Difference | None:
    national = (figures(official, Scope.NATIONAL, "ENW"), figures(what_if, Scope.NATIONAL, "ENW"))
    if None in national:
        return None
    before, after = (f.series["releases_total"]["mean"] for f in national)
    prisons = _pairs(official, what_if, Scope.PRISON, prison_codes)
    prisons.sort(key=lambda pair: -abs(pair[1].releases - pair[0].releases))
    return Difference(
        months=list(zip(national[1].months, before, after, strict=False)),
        official=national[0],
        what_if=national[1],
        regions=_pairs(official, what_if, Scope.REGION),
        prisons=prisons,
    )
