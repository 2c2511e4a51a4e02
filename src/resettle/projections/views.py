"""Projection screens (issue 11): the country's, a region's and a prison's coming releases and the work
they bring, with charts, the same numbers as tables, CSV; running the projection; and the what-if page.
Thin: parse, call a selector or service, render. The figures are counts, never a man's record."""

import csv

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from resettle.accounts import policy
from resettle.accounts.access import PRISON_PROJECTION, PROJECTIONS, RUN_PROJECTION, access
from resettle.accounts.roles import Role
from resettle.core.clock import today
from resettle.core.jobs import start_command
from resettle.estate.models import Region
from resettle.rules.projection.cohort import MAPPA_WORDS, ROSH_WORDS

from . import selectors
from .charts import band_chart
from .forms import RunProjectionForm, WhatIfForm
from .models import ProjectionFigures, ProjectionRun
from .services import queue_run

Scope = ProjectionFigures.Scope
NATIONAL = "ENW"
BREAKDOWNS = {
    "rosh": ("Risk of serious harm", {str(int(k)): v for k, v in ROSH_WORDS.items()}),
    "mappa": ("MAPPA", {str(int(k)): v for k, v in MAPPA_WORDS.items()}),
    "sexual_offence": ("Offence", {"0": "Not a sexual offence", "1": "Sexual offence"}),
}
CSV_MEASURES = (
    ("releases_total", "Releases"),
    ("approved_premises_beds", "Approved-premises beds taken at month end"),
    ("approved_premises_arrivals", "Approved-premises arrivals"),
    ("handovers_due", "Handovers to probation due"),
    ("mappa_level_setting_due", "MAPPA level-setting due"),
    ("pom_caseload", "POM caseload"),
    ("com_caseload", "COM caseload"),
    ("recalls", "Recalls"),
    ("re_releases", "Re-releases after recall"),
    ("releases_of_new_receptions", "Releases of men not yet received"),
)


def _run(request) -> ProjectionRun | None:
    """The run asked for (`?run=N`, a finished one), else the official run."""
    asked = request.GET.get("run", "")
    if not asked:
        return selectors.official_run()
    if not asked.isdigit():
        raise Http404("No such projection run")
    return get_object_or_404(selectors.finished_runs(), pk=int(asked))


@access(PROJECTIONS)
def national(request):
    return _scope_page(request, Scope.NATIONAL, NATIONAL)


@access(PROJECTIONS)
def region(request, region_code):
    get_object_or_404(Region, code=region_code)
    return _scope_page(request, Scope.REGION, region_code)


@access(PRISON_PROJECTION)
def prison(request, prison_code):
    return _scope_page(request, Scope.PRISON, prison_code)


@access(PROJECTIONS)
def national_csv(request):
    return _csv(request, Scope.NATIONAL, NATIONAL)


@access(PROJECTIONS)
def region_csv(request, region_code):
    return _csv(request, Scope.REGION, region_code)


@access(PRISON_PROJECTION)
def prison_csv(request, prison_code):
    return _csv(request, Scope.PRISON, prison_code)


def _children(request, run, scope: str, code: str) -> tuple[str, list, int]:
    """The scopes one level down that he may open, with their next 12 months; and how many are left out
    for having nothing to show."""
    if scope == Scope.NATIONAL:
        found = selectors.years(run, Scope.REGION)
        kind = "region"
    elif scope == Scope.REGION:
        seen = policy.prisons_seen_by(request.scope).filter(region__code=code)
        found = selectors.years(run, Scope.PRISON, codes=list(seen.values_list("code", flat=True)))
        kind = "prison"
    else:
        return "", [], 0
    shown = [year for year in found if not year.is_empty]
    return kind, shown, len(found) - len(shown)


def _caseload(series: dict, labels: list, *, kind: str, title: str, staff: int | None, per: int, none: str):
    """A caseload chart against what the staff on file can hold, and the months it is over."""
    capacity = staff * per if staff else None
    measure = f"{kind.lower()}_caseload"
    mean = series[measure]["mean"]
    return {
        "id": f"{kind.lower()}-caseload",
        "title": title,
        "what": "cases",
        "measure": measure,
        "capacity": capacity,
        "capacity_words": f"{staff} {kind}s on file × {per} cases each" if staff else none,
        "chart": band_chart(labels, series[measure], capacity=capacity),
        "over": [label for label, value in zip(labels, mean, strict=True) if capacity and value > capacity],
    }


def _charts(figures: ProjectionFigures, run: ProjectionRun, staffing: selectors.Staffing) -> list[dict]:
    series, labels = figures.series, figures.months
    history = series.get("released_before", [])
    charts = [
        {
            "id": "releases",
            "title": "Releases each month",
            "what": "men released",
            "measure": "releases_total",
            "chart": band_chart(
                labels, series["releases_total"], history_labels=figures.months_before_labels, history=history
            ),
            "history": list(zip(figures.months_before_labels, history, strict=True)),
        },
        {
            "id": "approved-premises",
            "title": "Approved-premises beds taken at each month end",
            "what": "beds",
            "measure": "approved_premises_beds",
            "chart": band_chart(labels, series["approved_premises_beds"]),
        },
        _caseload(
            series,
            labels,
            kind="POM",
            title="POM caseload",
            staff=staffing.poms,
            per=run.rates["cases_per_pom"]["value"],
            none="No POMs on file for this prison: no capacity to set the caseload against",
        ),
        _caseload(
            series,
            labels,
            kind="COM",
            title="COM caseload of the men it releases",
            staff=staffing.coms,
            per=run.rates["cases_per_com"]["value"],
            none="COMs work in probation delivery units, not prisons: see the region for their capacity"
            if staffing.coms is None
            else "No COMs on file in this region",
        ),
    ]
    for chart in charts:
        figures_of = series[chart["measure"]]
        chart["rows"] = [
            {
                "month": label,
                **{key: figures_of[key][i] for key in ("mean", "p10", "p90", "low", "high")},
            }
            for i, label in enumerate(labels)
        ]
    return charts


def _breakdowns(series: dict) -> list[dict]:
    tables = []
    for name, (title, words) in BREAKDOWNS.items():
        found = series.get(f"releases_by_{name}", {})
        tables.append(
            {
                "title": title,
                "rows": [
                    (words[key], sum(means[:12]), sum(means[12:24]))
                    for key, means in sorted(found.items())
                    if key in words
                ],
            }
        )
    return tables


def _scope_page(request, scope: str, code: str):
    run = _run(request)
    figures = selectors.figures(run, scope, code)
    official = selectors.official_run()
    compared = None
    if run is not None and run.is_what_if:
        official_figures = selectors.figures(official, scope, code)
        compared = selectors.year_of(official_figures) if official_figures else None
    context = {
        "scope": scope,
        "code": code,
        "run": run,
        "official": official,
        "figures": figures,
        "pending": selectors.pending_runs().first(),
        "failed": selectors.failed_run(),
        "can_run": request.scope.has(Role.NATIONAL_LEAD),
        "form": RunProjectionForm(),
        "compared": compared,
        "run_query": f"?run={run.pk}" if run is not None and run != official else "",
    }
    if figures is not None:
        staffing = selectors.staffing(scope, code)
        child_kind, children, empty_children = _children(request, run, scope, code)
        context |= {
            "year": selectors.year_of(figures),
            "charts": _charts(figures, run, staffing),
            "breakdowns": _breakdowns(figures.series),
            "due": list(
                zip(
                    figures.months,
                    figures.series["handovers_due"]["mean"],
                    figures.series["mappa_level_setting_due"]["mean"],
                    figures.series["approved_premises_arrivals"]["mean"],
                    strict=True,
                )
            ),
            "child_kind": child_kind,
            "children": children,
            "empty_children": empty_children,
            "staffing": staffing,
        }
    return render(request, "projections/scope.html", context)


def _csv(request, scope: str, code: str) -> HttpResponse:
    run = _run(request)
    figures = selectors.figures(run, scope, code)
    if figures is None:
        raise Http404("No projection figures for this scope")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="projection-{run.as_of.isoformat()}-run-{run.pk}-{code}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["scope", "code", "month", "measure", "mean", "p10", "p50", "p90", "low", "high"])
    for measure, words in CSV_MEASURES:
        values = figures.series[measure]
        for i, month in enumerate(figures.months):
            writer.writerow(
                [figures.get_scope_display(), code, month, words]
                + [values[key][i] for key in ("mean", "p10", "p50", "p90", "low", "high")]
            )
    for month, released in zip(
        figures.months_before_labels, figures.series.get("released_before", []), strict=True
    ):
        writer.writerow(
            [figures.get_scope_display(), code, month, "Released (history)", released, "", "", "", "", ""]
        )
    return response


@access(RUN_PROJECTION)
@require_POST
def run(request):
    form = RunProjectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
        return redirect("projections")
    if selectors.pending_runs().exists():
        messages.error(request, "A projection is already running: wait for it to finish.")
        return redirect("projections")
    queued = queue_run(as_of=today(), user=request.user, **form.cleaned_data)
    start_command("project", "--run", str(queued.pk), user=request.user)
    messages.success(request, "The projection is running. Refresh this page to see it when it has finished.")
    return redirect("projections")


def _difference(request, official, shown) -> dict | None:
    if official is None or shown is None:
        return None
    seen = list(policy.prisons_seen_by(request.scope).values_list("code", flat=True))
    found = selectors.difference(official, shown, seen)
    if found is None:
        return None
    months = len(found.months)
    releases = found.what_if.series["releases_total"]
    chart = band_chart(
        found.what_if.months[:months],
        {key: values[:months] for key, values in releases.items()},
        other=[official for _, official, _ in found.months],
    )
    return {"found": found, "chart": chart}


@access(PROJECTIONS)
@require_http_methods(["GET", "POST"])
def what_if(request):
    """Pick another rule profile or other rates and see the difference against the official run. Reading
    what-ifs is for every planner; starting one is the national lead's."""
    official = selectors.official_run()
    form = WhatIfForm(
        request.POST or None,
        live_profile=settings.RESETTLE_CALCULATION_PROFILE,
        central=official.rates if official else None,
    )
    can_run = request.scope.has(Role.NATIONAL_LEAD)
    if request.method == "POST":
        if not can_run:
            raise Http404("Only a national lead runs a what-if")
        if form.is_valid():
            data = form.cleaned_data
            queued = queue_run(
                as_of=today(),
                paths=data["paths"],
                months=data["months"],
                seed=data["seed"],
                changes=data["changes"],
                profile=data["profile"],
                user=request.user,
            )
            start_command("project", "--run", str(queued.pk), user=request.user)
            messages.success(
                request, "The what-if is running. Refresh this page to see it when it has finished."
            )
            return redirect("projection-what-if")
    runs = list(selectors.what_if_runs()[:20])
    shown = runs[0] if runs and not request.GET.get("run") else None
    if request.GET.get("run", "").isdigit():
        shown = get_object_or_404(selectors.what_if_runs(), pk=int(request.GET["run"]))
    return render(
        request,
        "projections/what_if.html",
        {
            "form": form,
            "can_run": can_run,
            "official": official,
            "runs": runs,
            "shown": shown,
            "difference": _difference(request, official, shown),
            "pending": selectors.pending_runs().first(),
            "failed": selectors.failed_run(),
        },
    )
