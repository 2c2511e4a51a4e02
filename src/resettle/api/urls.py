"""The REST API, version 1, under /api/v1/. Every view declares its access rule here, as the screens do."""

from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from resettle.accounts.access import (
    CASE_WORK,
    PERSON_CHANGE,
    PERSON_RECORD,
    PRISON_CASELOAD,
    PRISON_PROJECTION,
    PRISON_REPORT,
    PRISON_TRANSFERS,
    PROJECTIONS,
    REPORTS,
    RUN_PROJECTION,
    SIGNED_IN,
    TRANSFER_DECISION,
    TRANSFER_PLAN,
    access,
)

from . import projections, reports, views
from .plan_records import views_for

app_name = "api"

# Swagger UI draws its icons as data: images; this page alone may show them. Its scripts are served from
# here (drf-spectacular-sidecar) and its page styles from a file (api/docs.html), so nothing else is relaxed.
documentation = csp_update({"img-src": ["data:"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/docs.html")
)

PERSON = "v1/people/<str:prison_number>/"

urlpatterns = [
    path("v1/schema/", access(SIGNED_IN)(SpectacularAPIView.as_view()), name="schema"),
    path("v1/docs/", access(SIGNED_IN)(documentation), name="docs"),
    path("v1/people/", access(CASE_WORK)(views.PeopleList.as_view()), name="people"),
    path(PERSON, access(PERSON_RECORD)(views.PersonDetail.as_view()), name="person"),
    path(f"{PERSON}bookings/", access(PERSON_RECORD)(views.PersonBookings.as_view()), name="bookings"),
    path(f"{PERSON}sentences/", access(PERSON_RECORD)(views.PersonSentences.as_view()), name="sentences"),
    path(
        f"{PERSON}adjustments/", access(PERSON_RECORD)(views.PersonAdjustments.as_view()), name="adjustments"
    ),
    path(
        f"{PERSON}release-dates/",
        access(PERSON_RECORD)(views.PersonReleaseDates.as_view()),
        name="release-dates",
    ),
    path(f"{PERSON}readiness/", access(PERSON_RECORD)(views.PersonReadiness.as_view()), name="readiness"),
    path(f"{PERSON}transfers/", access(PERSON_RECORD)(views.PersonTransfers.as_view()), name="transfers"),
    *(
        path(
            f"{PERSON}plan/{slug}/",
            access(PERSON_RECORD, writes=PERSON_CHANGE)(view.as_view()),
            name=f"plan-{slug}",
        )
        for slug, view in views_for().items()
    ),
    path("v1/prisons/", access(CASE_WORK)(views.PrisonList.as_view()), name="prisons"),
    path(
        "v1/prisons/<str:prison_code>/worklists/<slug:name>/",
        access(PRISON_CASELOAD)(views.Worklist.as_view()),
        name="worklist",
    ),
    path(
        "v1/prisons/<str:prison_code>/transfers/",
        access(PRISON_TRANSFERS)(views.PrisonTransfers.as_view()),
        name="prison-transfers",
    ),
    path("v1/calculations/", access(CASE_WORK)(views.Calculation.as_view()), name="calculation"),
    # Transfer planning: the plan and a prison's moves for those who plan them; decisions on a transfer for
    # an SPO or a governor, of the prison he leaves or the one he goes to (the view checks which).
    path("v1/transfers/plan/", access(TRANSFER_PLAN)(views.TransferPlan.as_view()), name="transfer-plan"),
    path(
        "v1/transfers/<int:transfer_id>/decision/",
        access(TRANSFER_DECISION)(views.TransferDecision.as_view()),
        name="transfer-decision",
    ),
    # Projections: figures for the planners (a prison's for those who may see it); a national lead runs one.
    path(
        "v1/projections/runs/",
        access(PROJECTIONS, writes=RUN_PROJECTION)(projections.ProjectionRuns.as_view()),
        name="projection-runs",
    ),
    path(
        "v1/projections/national/",
        access(PROJECTIONS)(projections.NationalProjection.as_view()),
        name="projection-national",
    ),
    path(
        "v1/projections/regions/<str:region_code>/",
        access(PROJECTIONS)(projections.RegionProjection.as_view()),
        name="projection-region",
    ),
    path(
        "v1/prisons/<str:prison_code>/projection/",
        access(PRISON_PROJECTION)(projections.PrisonProjection.as_view()),
        name="projection-prison",
    ),
    # Inspection reports: inspectors, governors and leads read them (a prison's within their scope).
    path("v1/reports/national/", access(REPORTS)(reports.NationalReport.as_view()), name="report-national"),
    path(
        "v1/reports/regions/<str:region_code>/",
        access(REPORTS)(reports.RegionReport.as_view()),
        name="report-region",
    ),
    path(
        "v1/prisons/<str:prison_code>/report/",
        access(PRISON_REPORT)(reports.PrisonReport.as_view()),
        name="report-prison",
    ),
]
