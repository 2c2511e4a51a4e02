"""Refusals and faults answered as GOV.UK pages, with DEBUG on as well as off, and as problem details
under /api/.

Without DEBUG, Django answers by the handlers below (config/urls.py). With DEBUG on (`make run`) it answers
an unknown address, a bad request and a fault with its own debug pages instead, made where no middleware
can catch the exception (an access refusal, an unreadable body); ErrorPagesMiddleware puts the service's
page in their place, and the fault's traceback is still in the log. RequestLimitsMiddleware refuses what
is too large to read with a page of its own. No page says whether a prison or person exists outside the
user's scope (docs/security.md): that is a 404, like one that does not.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from resettle.core import SERVICE_NAME

from . import problems
from .request_log import request_id

# Longer addresses are refused (414) before any view reads them; the web server lets them through
# (`resettle serve`) so that the refusal is this page rather than its own bare one. A search box's own
# limit is far shorter and says so beside the box.
MAX_ADDRESS_CHARACTERS = 16_384


def _detail(exception) -> str:
    # A message raised on purpose (Http404("No person...")) is shown; a resolver's dict of tried patterns is not.
    message = exception.args[0] if exception is not None and exception.args else ""
    return message if isinstance(message, str) else ""


def page(request, status: int, *, template: str | None = None, **context) -> HttpResponse:
    """The service's page for a refusal: `<status>.html` unless named, in the layout every page has."""
    response = render(request, template or f"{status}.html", context, status=status)
    response.service_error_page = True
    return response


def bad_request(request, exception):
    if problems.is_api(request):
        return problems.response(request, 400, detail=_detail(exception))
    if isinstance(exception, RequestDataTooBig):
        return too_large_page(request)
    return page(request, 400)


def permission_denied(request, exception):
    if problems.is_api(request):
        return problems.response(request, 403, detail=_detail(exception))
    return page(request, 403)


def page_not_found(request, exception):
    if problems.is_api(request):
        return problems.response(
            request, 404, detail=_detail(exception) or "There is nothing at this address"
        )
    return page(request, 404)


def server_error(request):
    if problems.is_api(request):
        return problems.response(request, 500, detail="Something went wrong on our side; it has been logged")
    # Rendered without the request's context: the fault may be in what that context reads (the user, the
    # database), and this page must not fail in its turn.
    html = render_to_string("500.html", {"service_name": SERVICE_NAME, "reference": request_id.get()})
    response = HttpResponse(html, status=500)
    response.service_error_page = True
    return response


def csrf_failure(request, reason=""):
    """A form sent without its token (settings.CSRF_FAILURE_VIEW): most often a page left open past the
    session, or sent again from the browser's history. The API's views check their own token (Django
    REST framework) and answer a problem."""
    return page(request, 403, template="csrf_failure.html")


def too_large_page(request) -> HttpResponse:
    return page(request, 413, limit_kb=settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024)


class ErrorPagesMiddleware:
    """With DEBUG on, Django's debug page for a 400, 404 or 500 of a page becomes the service's page (the
    fault's traceback is in the log). Before every middleware that can refuse, so that its refusal is caught."""

    replaced = {400: bad_request, 404: page_not_found}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not settings.DEBUG or problems.is_api(request) or getattr(response, "service_error_page", False):
            return response  # under /api/, ApiProblemsMiddleware answers
        if response.status_code == 500:
            return server_error(request)
        if response.status_code in self.replaced:
            return self.replaced[response.status_code](request, None)
        return response


class RequestLimitsMiddleware:
    """What is too big to read is refused with the service's page before a view, or the CSRF check that
    reads a form first, tries to: an address longer than MAX_ADDRESS_CHARACTERS (414), and a form larger
    than Django reads (RequestDataTooBig: 413, where Django would answer a bare 400)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)  # its work is before the view: process_view

    def process_view(self, request, view_func, view_args, view_kwargs):
        if problems.is_api(request):
            return None
        if len(request.get_full_path()) > MAX_ADDRESS_CHARACTERS:
            return page(request, 414, limit=MAX_ADDRESS_CHARACTERS)
        # A view exempt from the CSRF check reads its own body, and may set how first (the import page's
        # upload limit): it is left to, as the CSRF check leaves it.
        if request.method == "POST" and not getattr(view_func, "csrf_exempt", False):
            try:
                request.POST  # noqa: B018 - read here, so that a body too large is refused here
            except RequestDataTooBig:
                request._mark_post_parse_error()  # as Django does: the body cannot be read again
                return too_large_page(request)
        return None


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
