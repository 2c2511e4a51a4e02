"""The service navigation for every page (a template context processor): the links the user may follow,
and each role's home, the page he starts from after signing in."""

from django.urls import reverse

from resettle.core import SERVICE_NAME, shared
from resettle.core.clock import today
from resettle.estate.models import Prison

from .access import planners, report_readers
from .roles import PRISON_ROLES, Role
from .scope import Scope

# Roles whose work is the men allocated to them: their home is My cases.
ALLOCATED_ROLES = (Role.POM, Role.COM)
# Roles that see many prisons, or inspect one: their home is the roll-up across them.
OVERSEEING_ROLES = (Role.NATIONAL_LEAD, Role.REGIONAL_LEAD, Role.INSPECTOR)


def home(scope: Scope, prison_code: str | None) -> str:
    """Where a user starts (issue 18 §5): a POM or COM his cases; an SPO or governor his prison's dashboard;
    a MAPPA coordinator the MAPPA-eligible men without a level at his prison; leads and inspectors the
    figures of every prison they see; an administrator the audit trail. A user with several roles starts
    where the first of them in that order would."""
    if scope.has(Role.POM):
        return reverse("my-caseload")
    if scope.has(Role.SPO, Role.GOVERNOR) and prison_code:
        return reverse("dashboard", args=[prison_code])
    if scope.has(Role.COM):
        return reverse("my-caseload")
    if scope.has(Role.MAPPA_COORDINATOR) and prison_code:
        return reverse("worklist", args=[prison_code, "mappa-no-level"])
    if scope.has(*OVERSEEING_ROLES):
        return reverse("prisons-overview")
    if scope.is_administrator and not scope.sees_case_data:
        return reverse("audit-trail")
    return reverse("prison-list")


def prison_worked_on(scope: Scope, user, shown: Prison | None = None) -> Prison | None:
    """The one prison his work is, if it is one: a POM's, SPO's or governor's own, an inspector's under
    inspection. None for a lead, who sees many, and for a COM or MAPPA coordinator, whose men are those of
    an area wherever they are held. `shown` is the prison the page is about, if any: when it is his, it is
    not read again."""
    if scope.has(Role.NATIONAL_LEAD, Role.REGIONAL_LEAD):
        return None
    if scope.roles & PRISON_ROLES:
        return _prison(user.caseload_prison_id, shown)
    if scope.has(Role.INSPECTOR) and scope.inspected_prison_id:
        return _prison(scope.inspected_prison_id, shown)
    return None


def _prison(pk: int | None, shown: Prison | None) -> Prison | None:
    """The prison the header names: the page's own if it is that one, else its row as kept for a minute
    (resettle.core.shared), which only names it and links to its pages."""
    if pk is None:
        return None
    if shown is not None and shown.pk == pk:
        return shown
    return shared.read(shared.prison(pk), today(), "header", lambda: Prison.objects.filter(pk=pk).first())


def works_at(scope: Scope, user, prison: Prison | None) -> str:
    """What the header says he works on: his prison, his region or the country, never a prison he merely
    happens to have on his record."""
    if scope.has(Role.NATIONAL_LEAD):
        return "All prisons"
    if scope.has(Role.REGIONAL_LEAD, Role.MAPPA_COORDINATOR) and user.region_id:
        return user.region.name
    if prison is not None:
        return f"Inspecting {prison.name}" if not scope.roles & PRISON_ROLES else prison.name
    if scope.has(Role.COM) and user.pdu_id:
        return user.pdu.name
    return ""


def service(request):
    user = getattr(request, "user", None)
    scope = getattr(request, "scope", None)
    if not (user and user.is_authenticated and scope is not None):
        return {"service_name": "Resettle", "service_navigation": [], "can_plan_transfers": False}
    prison = prison_worked_on(scope, user, getattr(request, "prison", None))
    return {
        "service_name": SERVICE_NAME,
        "user_works_at": works_at(scope, user, prison),
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
        if scope.has(*ALLOCATED_ROLES):
            items.append(_link("My cases", reverse("my-caseload"), here[0] == "my-caseload"))
        if scope.has(*OVERSEEING_ROLES):
            items.append(_link("Overview", reverse("prisons-overview"), here[0] == "prisons-overview"))
        items.append(_link("Prisons", reverse("prison-list"), here[0] == "prison-list"))
        if planners(scope):
            planning = here[0] in ("transfer-plan", "transfers-unplaced")
            items.append(_link("Transfer plan", reverse("transfer-plan"), planning))
            projecting = here[0] is not None and here[0].startswith("projection")
            items.append(_link("Projections", reverse("projections"), projecting))
        if report_readers(scope):
            reporting = here[0] is not None and here[0].startswith("report")
            href = reverse("reports") if prison is None else reverse("report-prison", args=[prison.code])
            items.append(_link("Inspection report", href, reporting))
        calculating = here[0] in ("calculate", "calculate-json")
        items.append(_link("Calculate release dates", reverse("calculate"), calculating))
    if scope is not None and scope.is_administrator:
        items.append(_link("Import records", reverse("import"), here[0] in ("import", "import-report")))
        items.append(_link("Audit trail", reverse("audit-trail"), here[0] == "audit-trail"))
    return items


def _link(text: str, href: str, active: bool) -> dict:
    return {"text": text, "href": href, "active": active}
