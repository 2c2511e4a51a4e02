"""Inspection report screens (issue 12): the country's, a region's and a prison's measures for a period,
with the region and the country beside them, RAG against the targets, splits, trends, charts; the same as
CSV and PDF; the men behind any figure of a prison; and a national lead's snapshot of every scope."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from resettle.accounts import policy
from resettle.accounts.access import PRISON_REPORT, REPORTS, TAKE_REPORT_SNAPSHOT, access
from resettle.accounts.roles import Role
from resettle.audit import recorder
from resettle.core.clock import today
from resettle.core.jobs import start_command
from resettle.estate.models import Region
from resettle.rules.inspection.measures import BY_ID, Population, behind
from resettle.rules.inspection.period import Period

from . import facts
from .models import ReportSnapshot
from .output import charts_for, csv_text, pdf
from .report import MAPPA_SPLIT, OFFENCE_SPLIT, Scope, build, default_period
from .services import NATIONAL, queue_snapshot

PAGE_SIZE = 50


def _period(request) -> tuple[Period, str]:
    """The period asked for (`?period=`), else the default; and the problem with what was asked, if any."""
    asked = request.GET.get("period", "").strip()
    if not asked:
        return default_period(today()), ""
    try:
        return Period.parse(asked, today=today()), ""
    except ValueError as error:
        return default_period(today()), str(error)


@access(REPORTS)
def national(request, output="html"):
    return _respond(request, Scope.NATIONAL, NATIONAL[0], NATIONAL[1], output)


@access(REPORTS)
def region(request, region_code, output="html"):
    found = get_object_or_404(Region, code=region_code)
    return _respond(request, Scope.REGION, found.code, found.name, output)


@access(PRISON_REPORT)
def prison(request, prison_code, output="html"):
    found = request.prison
    return _respond(request, Scope.PRISON, found.code, found.name, output)


def _respond(request, scope: str, code: str, name: str, output: str):
    period, problem = _period(request)
    report = build(scope, code, name, period)
    if output != "html" and report is None:
        raise Http404("No snapshot of the measures for this period")
    if output == "csv":
        return _download(csv_text(report), "text/csv; charset=utf-8", report, "csv")
    if output == "pdf":
        return _download(pdf(report), "application/pdf", report, "pdf")
    context = {
        "report": report,
        "scope": scope,
        "code": code,
        "name": name,
        "period": period,
        "problem": problem,
        "charts": charts_for(report) if report else {},
        "can_snapshot": request.scope.has(Role.NATIONAL_LEAD),
        "link": scope == Scope.PRISON,  # the men behind a figure are listed for a prison
        "failed": _failed_snapshot(),
        "pending": ReportSnapshot.objects.filter(
            status__in=[ReportSnapshot.Status.QUEUED, ReportSnapshot.Status.RUNNING]
        ).first(),
        "regions": Region.objects.order_by("name") if scope == Scope.NATIONAL else [],
        "prisons": policy.prisons_seen_by(request.scope).filter(region__code=code).order_by("name")
        if scope == Scope.REGION
        else [],
    }
    return render(request, "reports/report.html", context)


def _failed_snapshot() -> ReportSnapshot | None:
    """The newest snapshot, if it failed: the page shows its error."""
    newest = ReportSnapshot.objects.first()
    return newest if newest and newest.status == ReportSnapshot.Status.FAILED else None


def _download(content, content_type: str, report, suffix: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"report-{report.code}-{report.period.start.isoformat()}-to-{report.period.end.isoformat()}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{suffix}"'
    return response


@access(PRISON_REPORT)
def men_behind(request, prison_code, measure_id):
    """The men behind a prison's figure: everyone it counts, its numerator, or one category; within one
    offence or MAPPA group if asked. Only the men he may see are listed; the list is audited."""
    prison_found = request.prison
    measure = BY_ID.get(measure_id)
    if measure is None:
        raise Http404("No such measure")
    period, problem = _period(request)
    part = request.GET.get("part", "")
    if part and part != "numerator" and part not in measure.categories:
        raise Http404("No such part of this measure")
    group = request.GET.get("group", "")
    if group and group not in OFFENCE_SPLIT | MAPPA_SPLIT:
        raise Http404("No such group")
    men = facts.population(period, [prison_found.code])
    everyone = men.released if measure.population == Population.RELEASED else men.held
    chosen = behind(measure, everyone, period, part)
    ids = [man.person_id for man in chosen if not group or group in (man.offence, man.mappa)]
    people = policy.people_seen_by(request.scope).filter(pk__in=ids).order_by("last_name", "first_name")
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    recorder.people_listed(
        request,
        page,
        query={
            "prison": prison_found.code,
            "measure": measure_id,
            "part": part,
            "group": group,
            "period": period.key,
        },
    )
    return render(
        request,
        "reports/men_behind.html",
        {
            "prison": prison_found,
            "measure": measure,
            "period": period,
            "problem": problem,
            "part": part,
            "part_words": "the numerator" if part == "numerator" else measure.categories.get(part, ""),
            "group": group,
            "page": page,
            "counted": len(ids),
            "hidden": len(ids) - people.count(),
        },
    )


@access(TAKE_REPORT_SNAPSHOT)
@require_POST
def snapshot(request):
    """Take every scope's measures for a period (the form's, else the default) off the request."""
    asked = request.POST.get("period", "").strip()
    try:
        period = Period.parse(asked, today=today()) if asked else default_period(today())
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("reports")
    queued = queue_snapshot(period, request.user)
    start_command("report", "--snapshot-run", str(queued.pk), user=request.user)
    messages.success(request, f"The measures for {period.words} are being taken. Refresh to see them.")
    return redirect(f"{reverse('reports')}?period={period.text}")
