"""Writing the audit trail. Views and services call these; AuditContextMiddleware tells them who is
acting when they are not handed the request (changes made through signals)."""

from collections.abc import Iterable
from contextvars import ContextVar

from resettle.core import bulk

from .chain import digest, json_safe
from .models import Action, AuditEntry
from .sealing import seal_soon

_current_request: ContextVar = ContextVar("audit_request", default=None)


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def _client_address(request) -> str | None:
    # REMOTE_ADDR is the proxy's when behind one; SecurityMiddleware/gunicorn set it from the trusted hop.
    return request.META.get("REMOTE_ADDR") or None


def entry(
    action: Action | str,
    *,
    request=None,
    user=None,
    username: str = "",
    people: Iterable[str] = (),
    query: dict | None = None,
    record: str = "",
    changes: dict | None = None,
    detail: str = "",
) -> AuditEntry:
    """An entry, digested and ready to be written: by record() alone, or by record_all() with others."""
    request = request if request is not None else _current_request.get()
    if user is None and request is not None:
        user = getattr(request, "user", None)
    actor = user if user is not None and user.is_authenticated else None
    made = AuditEntry(
        actor=actor,
        username=actor.get_username() if actor else username,
        action=action,
        path=request.get_full_path()[:500] if request is not None else "",
        ip_address=_client_address(request) if request is not None else None,
        query=json_safe(query or {}),
        people=list(people),
        record=record,
        changes=json_safe(changes or {}),
        detail=detail[:500],
    )
    made.digest = digest(made)
    return made


def record(action: Action | str, **details) -> AuditEntry:
    made = entry(action, **details)
    made.save()
    seal_soon()
    return made


def record_all(entries: list[AuditEntry]) -> None:
    """Write many entries at once (an import's rows): each is as record() would write it."""
    bulk.insert_instances(AuditEntry, entries)
    seal_soon()


def person_accessed(request, prison_number: str, action: str) -> None:
    record(action, request=request, people=[prison_number])


def access_refused(request, prison_number: str) -> None:
    record(Action.ACCESS_REFUSED, request=request, people=[prison_number])


def people_listed(request, people: Iterable, *, query: dict) -> None:
    """One entry for a list or search: what was asked and every man shown."""
    numbers_listed(request, [man.prison_number for man in people], query=query)


def numbers_listed(request, prison_numbers: Iterable[str], *, query: dict) -> None:
    """`people_listed`, for a list whose men's prison numbers are at hand without their rows."""
    record(Action.LIST, request=request, query=query, people=prison_numbers)


def admin_searched(request, model) -> None:
    """An admin-site autocomplete: a search of `model`'s rows, with what was asked."""
    asked = {name: request.GET.get(name, "") for name in ("app_label", "model_name", "field_name", "term")}
    if "page" in request.GET:
        asked["page"] = request.GET["page"]
    record(Action.LIST, request=request, query={**asked, "searched": model._meta.label})


def exported(request, *, what: str, people: Iterable[str], action: Action = Action.EXPORT) -> None:
    record(action, request=request, people=people, detail=what)


def imported(*, what: str, people: Iterable[str], request=None, user=None) -> None:
    record(Action.IMPORT, request=request, user=user, people=people, detail=what)
