"""Every URL route × every role → allowed or refused, as EXPECTED says.

The routes are found by walking config.urls, so a route added later without a line in EXPECTED (or, on
the admin site, an app without a line in ADMIN_APPS) fails here until someone decides who may use it.
"""

import re

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from resettle.accounts.access import rule_for
from resettle.accounts.roles import CASE_ROLES, Role
from resettle.core.clock import today
from resettle.core.jobs import Job, RunStatus
from resettle.people.release_dates import recalculate
from resettle.planning.models import Transfer, TransferPlanRun
from resettle.plans.models import InterventionOffer
from resettle.plans.sections import SECTIONS
from resettle.plans.services import refresh_readiness
from resettle.projections.services import run_projection
from resettle.reports.report import default_period
from resettle.reports.services import take_snapshot

from .users import role_user, sign_in

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
NO_ROLE = "signed in, no role"
COLUMNS = [ANONYMOUS, NO_ROLE, *Role]
SIGNED_IN = {NO_ROLE, *Role}
ADMINISTRATORS = {Role.ADMINISTRATOR}
CASE_EDITORS = {Role.POM, Role.SPO, Role.COM}
PLANNERS = {Role.SPO, Role.GOVERNOR, Role.REGIONAL_LEAD, Role.NATIONAL_LEAD, Role.INSPECTOR}
REPORT_READERS = {Role.INSPECTOR, Role.GOVERNOR, Role.REGIONAL_LEAD, Role.NATIONAL_LEAD}

EXPECTED = {
    "health-live": {ANONYMOUS, *SIGNED_IN},
    "health-ready": {ANONYMOUS, *SIGNED_IN},
    "login": {ANONYMOUS, *SIGNED_IN},
    "logout": SIGNED_IN,
    "two-factor-setup": SIGNED_IN,
    "two-factor-verify": SIGNED_IN,
    "home": SIGNED_IN,
    "prison-list": CASE_ROLES,
    "caseload": CASE_ROLES,
    "person": CASE_ROLES,
    "calculate": CASE_ROLES,
    "calculate-json": CASE_ROLES,
    "dashboard": CASE_ROLES,
    "prisons-overview": PLANNERS,
    "worklist": CASE_ROLES,
    "my-caseload": CASE_ROLES,
    "readiness": CASE_ROLES,
    # Plan records are changed only by those who may change the man's case: his POM and COM, the SPO.
    "readiness-edit": CASE_EDITORS,
    "readiness-mappa-meeting": CASE_EDITORS,
    "readiness-intervention-new": CASE_EDITORS,
    "readiness-intervention": CASE_EDITORS,
    # Transfer planning: the plan is read by SPOs, governors, leads and inspectors (lists of men within their
    # scope); an SPO or governor of either prison decides a move; a national lead runs the plan (POST only:
    # a GET is refused with 405 after the access check, which counts as allowed).
    "transfer-plan": PLANNERS,
    "transfers-unplaced": PLANNERS,
    "prison-transfers": PLANNERS,
    "transfer-decide": {Role.SPO, Role.GOVERNOR},
    "transfer-plan-run": {Role.NATIONAL_LEAD},
    "transfer-hold": CASE_EDITORS,
    # Projections: counts, read by the same planners (a prison's only within their scope, which test_views
    # checks); a national lead runs one (POST only) and starts a what-if (the page's POST).
    "projections": PLANNERS,
    "projections-csv": PLANNERS,
    "projection-region": PLANNERS,
    "projection-region-csv": PLANNERS,
    "projection-prison": PLANNERS,
    "projection-prison-csv": PLANNERS,
    "projection-what-if": PLANNERS,
    "projection-run": {Role.NATIONAL_LEAD},
    # Inspection reports: inspectors, governors and leads read them (a prison's within their scope, the men
    # behind a figure only as far as they may see them: tests/reports); a national lead takes a snapshot.
    "reports": REPORT_READERS,
    "report-national-csv": REPORT_READERS,
    "report-national-pdf": REPORT_READERS,
    "report-region": REPORT_READERS,
    "report-region-csv": REPORT_READERS,
    "report-region-pdf": REPORT_READERS,
    "report-prison": REPORT_READERS,
    "report-prison-csv": REPORT_READERS,
    "report-prison-pdf": REPORT_READERS,
    "report-men-behind": REPORT_READERS,
    "report-snapshot": {Role.NATIONAL_LEAD},
    "audit-trail": ADMINISTRATORS,
    # Importing records; the report and rejected records of one's own last import (without one, each
    # page leads to the import page).
    "import": ADMINISTRATORS,
    "import-progress": ADMINISTRATORS,
    "import-progress-json": ADMINISTRATORS,
    "import-report": ADMINISTRATORS,
    "import-rejected": ADMINISTRATORS,
    # Exports list only the men the user may see, as the screens they come from do.
    "caseload-csv": CASE_ROLES,
    "worklist-csv": CASE_ROLES,
    "person-json": CASE_ROLES,
    # The API: the same rules as the screens it mirrors. Writes to plan records (PUT, PATCH) are for
    # CASE_EDITORS, as the screens' edit forms are: tests/api checks them.
    "api:schema": SIGNED_IN,
    "api:docs": SIGNED_IN,
    "api:people": CASE_ROLES,
    "api:person": CASE_ROLES,
    "api:bookings": CASE_ROLES,
    "api:sentences": CASE_ROLES,
    "api:adjustments": CASE_ROLES,
    "api:release-dates": CASE_ROLES,
    "api:readiness": CASE_ROLES,
    **{f"api:plan-{slug}": CASE_ROLES for slug in SECTIONS},
    "api:prisons": CASE_ROLES,
    "api:worklist": CASE_ROLES,
    # POST only: a GET is refused with 405 after the access check, which the matrix counts as allowed.
    "api:calculation": CASE_ROLES,
    "api:transfer-plan": PLANNERS,
    "api:prison-transfers": PLANNERS,
    "api:transfers": CASE_ROLES,
    # Projections: read by the planners; a POST to the runs (a national lead's) is tested in tests/projections.
    "api:projection-runs": PLANNERS,
    "api:projection-national": PLANNERS,
    "api:projection-region": PLANNERS,
    "api:projection-prison": PLANNERS,
    "api:report-national": REPORT_READERS,
    "api:report-region": REPORT_READERS,
    "api:report-prison": REPORT_READERS,
    # POST only, like the calculation.
    "api:transfer-decision": {Role.SPO, Role.GOVERNOR},
    # Everything held about a man: only for an administrator who could also see him through a case role
    # (test_scope covers that combination); an administrator alone sees no case data.
    "subject-access-export": set(),
}
# Admin-site pages by the app they manage ("" for the site's own pages: index, sign-in, catch-all).
ADMIN_APPS = {
    "": ADMINISTRATORS,
    "every app": ADMINISTRATORS,
    "accounts": ADMINISTRATORS,
    "auth": ADMINISTRATORS,
    "otp_totp": ADMINISTRATORS,
    "axes": ADMINISTRATORS,
    "core": ADMINISTRATORS,
    # Without a query it searches no model, so nobody; with one, as AUTOCOMPLETE says.
    "autocomplete": set(),
    "people": set(),
    "staff": set(),
    "plans": set(),
    "planning": set(),
    "estate": set(),
}


def _routes(patterns, prefix="", namespaces=()):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _routes(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            yield route, entry, namespaces


ROUTES = list(_routes(get_resolver().url_patterns))


def _admin_app(route: str) -> str:
    if route.startswith("admin/^("):  # an app's index: admin/^(?P<app_label>auth|accounts|...)/$
        return "every app"
    if route == "admin/autocomplete/":
        return "autocomplete"
    label = route.split("/")[1] if route.count("/") > 1 else ""
    return label if label in apps.app_configs else ""


def test_every_route_is_in_the_matrix():
    missing = [
        route
        for route, pattern, namespaces in ROUTES
        if ("admin" in namespaces and _admin_app(route) not in ADMIN_APPS)
        or ("admin" not in namespaces and _key(pattern, namespaces) not in EXPECTED)
    ]
    assert not missing, f"Routes with no expected access in the matrix: {missing}"


def test_every_view_outside_the_admin_site_declares_an_access_rule():
    undeclared = [route for route, pattern, ns in ROUTES if rule_for(pattern.callback, list(ns)) is None]
    assert not undeclared


def _key(pattern: URLPattern, namespaces) -> str:
    return ":".join([*namespaces, pattern.name])


def _url(route: str, pattern: URLPattern, namespaces, values: dict) -> str:
    names = list(getattr(pattern.pattern, "converters", {}) or pattern.pattern.regex.groupindex)
    kwargs = {name: values.get(name, "1") for name in names}
    if pattern.name:
        return reverse(":".join([*namespaces, pattern.name]), kwargs=kwargs)
    # Unnamed (the admin site's catch-all): fill each group of the regex in by hand.
    return "/" + re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: kwargs[m.group(1)], route).strip("^$")


def _outcome(response) -> str:
    location = response.get("Location", "")
    if response.status_code == 302 and ("/sign-in" in location and "next=" in location):
        return "sign in"
    if response.status_code == 401:  # the API asks for credentials rather than redirecting
        return "sign in"
    if response.status_code in (403, 404):
        return "refused"
    return "allowed"


@pytest.mark.parametrize(
    ("route", "pattern", "namespaces"), ROUTES, ids=[route or "/" for route, _, _ in ROUTES]
)
def test_route_against_every_role(estate, route, pattern, namespaces):
    allowed = (
        ADMIN_APPS.get(_admin_app(route))
        if "admin" in namespaces
        else EXPECTED.get(_key(pattern, namespaces))
    )
    assert allowed is not None, f"{route} is not in the authorization matrix"
    offer = InterventionOffer.objects.create(person=estate.man, offered_on=today(), intervention="Kaizen")
    recalculate(estate.man.active_booking)  # so that his release dates and readiness are there to be read
    refresh_readiness([estate.man.pk])
    TransferPlanRun.objects.create(as_of=today(), status=TransferPlanRun.Status.FINISHED)
    if "projection" in route:  # the figures pages answer 404 until a projection has run
        run_projection(as_of=today(), months=12, paths=5)
    if "report" in route:  # a region's and the country's CSV and PDF answer 404 until a snapshot is taken
        take_snapshot(default_period(today()))
    move = Transfer.objects.create(
        person=estate.man,
        from_prison=estate.prison,
        to_prison=estate.other_prison,
        proposed_on=today(),
        latest_arrival=today(),
        rank=1,
    )
    upload = Job.objects.create(
        command="import", requested_by=estate.users[Role.ADMINISTRATOR], status=RunStatus.RUNNING
    )
    values = {
        "job": str(upload.pk),
        "transfer_id": str(move.pk),
        "prison_code": estate.prison.code,
        "region_code": estate.prison.region.code,
        "prison_number": estate.man.prison_number,
        "name": "overdue",
        "section": "mappa",
        "offer_id": str(offer.pk),
        "measure_id": "releases",
        "app_label": "accounts",
        "url": "nothing-here/",
    }
    url = _url(route, pattern, namespaces, values)
    clients = {ANONYMOUS: Client(), NO_ROLE: sign_in(Client(), role_user())}
    clients.update({role: sign_in(Client(), user) for role, user in estate.users.items()})
    wrong = {}
    for column, client in clients.items():
        response = client.get(url)
        assert "Content-Security-Policy" in response, f"{url} has no CSP header"
        outcome = _outcome(response)
        if (outcome == "allowed") != (column in allowed):
            wrong[str(column)] = f"{outcome} ({response.status_code})"
    assert not wrong, f"GET {url}: {wrong}"


# The admin site's autocomplete searches the model a foreign key points to: it is allowed to whoever may
# manage that model's app, and to nobody where that app is case data (issue 16 §1).
AUTOCOMPLETE = {
    ("people", "booking", "person"): set(),
    ("people", "riskprofile", "person"): set(),
    ("staff", "allocation", "staff"): set(),
    ("staff", "allocation", "person"): set(),
    ("accounts", "inspectiongrant", "inspector"): ADMINISTRATORS,
    ("staff", "staffmember", "user"): ADMINISTRATORS,
    ("people", "person", "no_such_field"): set(),
    ("nothing", "here", "at_all"): set(),
}


@pytest.mark.parametrize(("app_label", "model_name", "field_name"), list(AUTOCOMPLETE))
def test_admin_autocomplete_against_every_role(estate, app_label, model_name, field_name):
    query = {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": ""}
    # With every Django permission, so that only Resettle's own gate can refuse him.
    administrator = estate.users[Role.ADMINISTRATOR]
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    clients = {ANONYMOUS: Client(), NO_ROLE: sign_in(Client(), role_user())}
    clients.update({role: sign_in(Client(), user) for role, user in estate.users.items()})
    wrong = {}
    for column, client in clients.items():
        response = client.get(reverse("admin:autocomplete"), query)
        if (_outcome(response) == "allowed") != (column in AUTOCOMPLETE[(app_label, model_name, field_name)]):
            wrong[str(column)] = f"{_outcome(response)} ({response.status_code})"
    assert not wrong, f"autocomplete {query}: {wrong}"
