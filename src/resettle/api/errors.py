"""The API's refusals as RFC 9457 problem details (resettle.core.problems), whatever raised them, and the
exceptions its views raise for HTTP's conditional requests."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from resettle.core import problems as problem_details


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = "Send If-Match with the ETag you read (or If-None-Match: * to create the record)"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record has changed since you read it: read it again, then make your change"


class AlreadyExists(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "Someone has already made this record: read it, then change it with If-Match"


def _pointer(path: list[str]) -> str:
    return "#/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in path)


def field_errors(detail, path: tuple = ()) -> list[dict]:
    """DRF's nested error detail as a flat list: each problem with the JSON pointer of the field it is about."""
    if isinstance(detail, dict):
        return [error for key, inner in detail.items() for error in field_errors(inner, (*path, key))]
    if isinstance(detail, list) and detail and all(isinstance(item, str) for item in detail):
        return [_field_error(path, str(item)) for item in detail]
    if isinstance(detail, list):
        return [error for index, inner in enumerate(detail) for error in field_errors(inner, (*path, index))]
    return [_field_error(path, str(detail))]


def _field_error(path: tuple, message: str) -> dict:
    fields = [str(part) for part in path if part != "non_field_errors"]
    return {
        "field": ".".join(fields) or None,
        "pointer": _pointer(fields) if fields else "#",
        "detail": message,
    }


def _type(exception) -> str:
    if isinstance(exception, ValidationError):
        return problem_details.VALIDATION
    if isinstance(exception, PreconditionFailed | AlreadyExists):
        return problem_details.EDIT_CONFLICT
    if isinstance(exception, PreconditionRequired):
        return problem_details.PRECONDITION_REQUIRED
    return "about:blank"


def problem_exception_handler(exception, context):
    response = exception_handler(exception, context)
    if response is None:
        return None  # not an API refusal: a server error, which Django's handler500 answers as a problem
    request = context["request"]
    if isinstance(exception, ValidationError):
        errors = field_errors(exception.detail)
        detail = "; ".join(f"{e['field']}: {e['detail']}" if e["field"] else e["detail"] for e in errors)
        data = problem_details.body(
            request,
            response.status_code,
            title="Your request is not valid",
            detail=detail,
            type=_type(exception),
            errors=errors,
        )
    else:
        message = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        data = problem_details.body(request, response.status_code, detail=str(message), type=_type(exception))
    refused = Response(data, status=response.status_code, content_type=problem_details.CONTENT_TYPE)
    for header in ("WWW-Authenticate", "Allow", "Retry-After", "ETag"):
        if header in response:
            refused[header] = response[header]
    return refused


class FieldProblemSerializer(serializers.Serializer):
    field = serializers.CharField(
        allow_null=True, help_text="The field, dotted if nested; null for the whole"
    )
    pointer = serializers.CharField(help_text="JSON pointer into the request body, e.g. #/confirmed_on")
    detail = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details, as every refusal is answered."""

    type = serializers.CharField(help_text="about:blank, or urn:resettle:problem:... for a kind to act on")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(help_text="The path that was asked for")
    errors = FieldProblemSerializer(many=True, required=False)


def problems(*codes: int) -> dict:
    """The schema's answers for refusals with these status codes, as application/problem+json."""
    described = OpenApiResponse(ProblemSerializer, description="A problem (RFC 9457)")
    return {(code, problem_details.CONTENT_TYPE): described for code in codes}
