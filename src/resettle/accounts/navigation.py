"""The service navigation for every page (a template context processor): the links the user may follow."""

from django.urls import reverse

from resettle.core import SERVICE_NAME

from .access import planners, report_readers
from .roles import Role


def service(request):
    user = getattr(request, "user", None)
    prison = getattr(user, "caseload_prison", None) if user and user.is_authenticated else None
    return {
        "service_name": SERVICE_NAME,
        "user_prison": prison,
        "service_navigation": _navigation(request, prison),
        "can_plan_transfers": _scope_allows(request, planners),
    }


def _scope_allows(request, allows) -> bool:
    scope = getattr(request, "scope", None)
    return scope is not None and allows(scope)


def _navigation(request, prison) -> list[dict]:
    """The service navigation's links the user may follow, marking the one for the page being shown."""
    match = getattr(request, "resolver_match", None)
    here = (match.url_name, match.kwargs.get("prison_code")) if match else (None, None)
    scope = getattr(request, "scope", None)
    items = []
    if scope is not None and scope.sees_case_data:
        if prison is not None:
            items.append(
                _link("Caseload", reverse("caseload", args=[prison.code]), here == ("caseload", prison.code))
            )
            readiness = here == ("dashboard", prison.code) or here[0] == "worklist"
            items.append(_link("Readiness", reverse("dashboard", args=[prison.code]), readiness))
        items.append(_link("My cases", reverse("my-caseload"), here[0] == "my-caseload"))
        items.append(_link("Prisons", reverse("prison-list"), here[0] == "prison-list"))
        if planners(scope):
            planning = here[0] in ("transfer-plan", "transfers-unplaced")
            items.append(_link("Transfer plan", reverse("transfer-plan"), planning))
            projecting = here[0] is not None and here[0].startswith("projection")
            items.append(_link("Projections", reverse("projections"), projecting))
        if report_readers(scope):
            reporting = here[0] is not None and here[0].startswith("report")
            national = scope.has(Role.NATIONAL_LEAD, Role.REGIONAL_LEAD) or prison is None
            href = reverse("reports") if national else reverse("report-prison", args=[prison.code])
            items.append(_link("Inspection report", href, reporting))
        calculating = here[0] in ("calculate", "calculate-json")
        items.append(_link("Calculate release dates", reverse("calculate"), calculating))
    if scope is not None and scope.is_administrator:
        items.append(_link("Import records", reverse("import"), here[0] in ("import", "import-report")))
        items.append(_link("Audit trail", reverse("audit-trail"), here[0] == "audit-trail"))
    return items


def _link(text: str, href: str, active: bool) -> dict:
    return {"text": text, "href": href, "active": active}
