"""Django's error pages, answered as problem details under /api/ and as the usual pages elsewhere."""

from django.views import defaults

from . import problems


def _detail(exception) -> str:
    # A message raised on purpose (Http404("No person...")) is shown; a resolver's dict of tried patterns is not.
    message = exception.args[0] if exception is not None and exception.args else ""
    return message if isinstance(message, str) else ""


def bad_request(request, exception):
    if problems.is_api(request):
        return problems.response(request, 400, detail=_detail(exception))
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if problems.is_api(request):
        return problems.response(request, 403, detail=_detail(exception))
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if problems.is_api(request):
        return problems.response(
            request, 404, detail=_detail(exception) or "There is nothing at this address"
        )
    return defaults.page_not_found(request, exception)


def server_error(request):
    if problems.is_api(request):
        return problems.response(request, 500, detail="Something went wrong on our side; it has been logged")
    return defaults.server_error(request)
