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


class ApiProblemsMiddleware:
    """Under /api/, any refusal or fault not already a problem becomes one with its status.

    The handlers above are what Django uses with DEBUG off; with DEBUG on (`make run`) Django answers an
    unknown address or a fault with its HTML debug page instead, which no API client can read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            problems.is_api(request)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith(problems.CONTENT_TYPE)
        ):
            return problems.response(request, response.status_code)
        return response
