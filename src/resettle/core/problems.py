"""Errors as RFC 9457 problem details (`application/problem+json`): what the API answers whenever it
refuses a request, whether the refusal comes from the access gate, Django or the API's own views.

`type` is `about:blank` when the HTTP status says all there is to say, and a `urn:resettle:problem:...`
name when a client may want to act on the kind of problem (a validation error, an edit conflict).
Field-level problems are listed under `errors`, each with the field's JSON pointer into the request body.
"""

from http import HTTPStatus

from django.http import JsonResponse

CONTENT_TYPE = "application/problem+json"
API_PREFIX = "/api/"
VALIDATION = "urn:resettle:problem:validation-error"
EDIT_CONFLICT = "urn:resettle:problem:edit-conflict"
PRECONDITION_REQUIRED = "urn:resettle:problem:precondition-required"


def body(
    request, status: int, *, detail: str = "", title: str = "", type: str = "about:blank", errors=None
) -> dict:
    problem = {
        "type": type,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or HTTPStatus(status).description,
        "instance": request.path,
    }
    if errors:
        problem["errors"] = errors
    return problem


def response(request, status: int, **fields) -> JsonResponse:
    return JsonResponse(body(request, status, **fields), status=status, content_type=CONTENT_TYPE)


def not_signed_in(request, detail: str = "Sign in, or send an API token as `Authorization: Bearer <token>`"):
    refused = response(request, 401, detail=detail)
    refused["WWW-Authenticate"] = 'Bearer realm="resettle"'
    return refused


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)
