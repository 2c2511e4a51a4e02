"""A report as the page, the PDF, the CSV and the API show it: each measure for the scope beside its
region's and the country's, rated against its target, split by offence group and MAPPA level, with its
trend over the snapshots kept; grouped by the inspectorate's themes."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from resettle.estate.models import Prison
from resettle.projections import selectors as projections
from resettle.projections.models import ProjectionFigures
from resettle.rules.inspection.facts import MAPPA_GROUP_WORDS, OFFENCE_GROUP_WORDS, MappaGroup, OffenceGroup
from resettle.rules.inspection.measures import BY_ID, Kind, Measure
from resettle.rules.inspection.period import Period
from resettle.rules.inspection.targets import Rag, Target, targets

from .models import ReportFigures, ReportSnapshot
from .services import NATIONAL, prison_results

Scope = ReportFigures.Scope
THEMES = (
    (
        "Releases and resettlement",
        ("releases", "released-from-resettlement-prison", "held-out-of-area-at-12-weeks"),
    ),
    (
        "MAPPA",
        (
            "under-mappa",
            "mappa-eligible-with-category",
            "sexual-offence-not-mappa",
            "mappa-levels",
            "mappa-level-set-in-time",
            "mappa-level-days-before-release",
        ),
    ),
    ("Handover to probation (OMiC)", ("com-allocated-by-handover", "overdue-handovers")),
    ("Risk of serious harm", ("rosh-current",)),
    ("Men maintaining innocence", ("maintaining-innocence-offered", "maintaining-innocence-outcomes")),
    (
        "Accommodation",
        ("accommodation-on-release", "housed-on-release", "settled-at-3-months", "approved-premises-notice"),
    ),
    ("Day one", ("day-one-appointment",)),
)
SPLITS = (
    ("by_offence", {str(group): words for group, words in OFFENCE_GROUP_WORDS.items()}),
    ("by_mappa", {str(group): words for group, words in MAPPA_GROUP_WORDS.items()}),
)


def default_period(today: date) -> Period:
    """The 12 whole months to the end of last month: the inspectorate's rolling year, settled months only."""
    return Period.twelve_months_to(today.replace(day=1) - timedelta(days=1))


@dataclass(frozen=True)
class Line:
    measure: Measure
    here: dict
    region: dict | None
    national: dict | None
    target: Target | None
    splits: list[tuple[str, list[tuple[str, str, dict]]]]  # (split, [(key, words, figure)])
    trend: list[tuple[date, float | None]] = field(default_factory=list)

    @property
    def rag(self) -> Rag | None:
        return self.target.rag(self.here["value"]) if self.target else None

    @property
    def categories(self) -> list[tuple[str, str, int]]:
        """A distribution's categories with their words and counts, in the measure's order."""
        return [
            (key, words, self.here["categories"].get(key, 0))
            for key, words in self.measure.categories.items()
        ]


@dataclass(frozen=True)
class Report:
    scope: str
    code: str
    name: str
    period: Period
    snapshot: ReportSnapshot | None  # None: a prison's measures read now, for a period with no snapshot
    themes: list[tuple[str, list[Line]]]
    projected_next_12_months: float | None
    region_name: str = ""

    def line(self, measure_id: str) -> Line:
        return next(line for _, lines in self.themes for line in lines if line.measure.id == measure_id)


def snapshot_for(period: Period) -> ReportSnapshot | None:
    return (
        ReportSnapshot.objects.filter(
            status=ReportSnapshot.Status.FINISHED, period_start=period.start, period_end=period.end
        )
        .order_by("-taken_at")
        .first()
    )


def _figures(snapshot: ReportSnapshot | None, scope: str, code: str) -> dict | None:
    if snapshot is None:
        return None
    found = snapshot.figures.filter(scope=scope, code=code).values_list("results", flat=True).first()
    return found


def _trends(scope: str, code: str) -> dict[str, list[tuple[date, float | None]]]:
    """Each share's value in the newest snapshot of every 12-month period kept, oldest first."""
    seen, trends = set(), {}
    rows = (
        ReportFigures.objects.filter(scope=scope, code=code, snapshot__status=ReportSnapshot.Status.FINISHED)
        .order_by("snapshot__period_end", "-snapshot__taken_at")
        .values_list("snapshot__period_start", "snapshot__period_end", "results")
    )
    for start, end, results in rows:
        if end in seen or Period.twelve_months_to(end).start != start:
            continue
        seen.add(end)
        for measure_id, result in results.items():
            trends.setdefault(measure_id, []).append((end, result["all"]["value"]))
    return trends


def _projected(scope: str, code: str) -> float | None:
    """The next 12 months' releases from the official projection, where one has been run."""
    figures = projections.figures(projections.official_run(), scope, code)
    return sum(figures.series["releases_total"]["mean"][:12]) if figures else None


def build(scope: str, code: str, name: str, period: Period) -> Report | None:
    """The report, or None for a region or the country with no snapshot of the period."""
    snapshot = snapshot_for(period)
    here = _figures(snapshot, scope, code)
    region_code, region_name = "", ""
    if scope == Scope.PRISON:
        region_code, region_name = Prison.objects.filter(code=code).values_list(
            "region__code", "region__name"
        )[0]
        if here is None:
            here, snapshot = prison_results(period, code), None
    if here is None:
        return None
    region = _figures(snapshot, Scope.REGION, region_code) if scope == Scope.PRISON else None
    national = _figures(snapshot, Scope.NATIONAL, NATIONAL[0]) if scope != Scope.NATIONAL else None
    trends = _trends(scope, code)
    themes = [
        (
            theme,
            [
                Line(
                    measure=BY_ID[measure_id],
                    here=here[measure_id]["all"],
                    region=region[measure_id]["all"] if region else None,
                    national=national[measure_id]["all"] if national else None,
                    target=targets().get(measure_id),
                    splits=[
                        (split, [(key, words, here[measure_id][split][key]) for key, words in groups.items()])
                        for split, groups in SPLITS
                    ],
                    trend=trends.get(measure_id, []) if BY_ID[measure_id].kind == Kind.SHARE else [],
                )
                for measure_id in ids
            ],
        )
        for theme, ids in THEMES
    ]
    projection_scope = {
        Scope.PRISON: ProjectionFigures.Scope.PRISON,
        Scope.REGION: ProjectionFigures.Scope.REGION,
    }
    return Report(
        scope,
        code,
        name,
        period,
        snapshot,
        themes,
        _projected(projection_scope.get(scope, ProjectionFigures.Scope.NATIONAL), code),
        region_name,
    )


def csv_rows(report: Report) -> list[list]:
    """Every table of the report as rows: measure, split, group, numerator, men, value, category."""
    rows = [["measure", "title", "split", "group", "numerator", "men", "value", "category", "count"]]
    for _, lines in report.themes:
        for line in lines:
            for split, groups in [("all", [("all", "All", line.here)]), *line.splits]:
                for _key, words, figure in groups:
                    base = [line.measure.id, line.measure.title, split, words]
                    if line.measure.kind == Kind.DISTRIBUTION:
                        for category, label in line.measure.categories.items():
                            rows.append(
                                [*base, "", figure["men"], "", label, figure["categories"].get(category, 0)]
                            )
                    else:
                        rows.append([*base, figure["numerator"], figure["men"], figure["value"], "", ""])
    return rows


MAPPA_SPLIT = {str(group) for group in MappaGroup}
OFFENCE_SPLIT = {str(group) for group in OffenceGroup}
