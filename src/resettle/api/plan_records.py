"""Plan records over the API, checked by the same forms as the screens (resettle.plans.sections).

Each record has one URL per man, read with GET and written with PUT (the whole record) or PATCH (some of its
fields). Writes are conditional, so that two writers cannot overwrite each other unseen: GET gives the
record's version as an ETag (version 0, all blank, for a record not made yet, as the screens show it); a
write must send it back as If-Match, and gets 412 if someone else saved in between. If-None-Match: * creates
a record only if nobody has. A write with neither header is refused (428).

A JSON body is read by a serializer built from the section's form (so the OpenAPI schema names every field
and its type), then handed to the form itself, so that cross-field rules and their messages are the ones a
user of the screens sees.
"""

from django import forms as django_forms
from django.db import transaction
from django.utils.datastructures import MultiValueDict
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from resettle.accounts import policy
from resettle.core.clock import today
from resettle.estate.models import Prison
from resettle.people.forms import DateField
from resettle.plans import services
from resettle.plans.sections import SECTIONS, Section, current_values, save_section

from .errors import AlreadyExists, PreconditionFailed, PreconditionRequired, problems


def _field(form_field: django_forms.Field) -> serializers.Field:
    """The JSON field for a form field: same type, choices, length and whether it is required."""
    common = {"required": False, "help_text": str(form_field.label or "")}
    if isinstance(form_field, DateField):
        return serializers.DateField(allow_null=True, **common)
    if isinstance(form_field, django_forms.ModelChoiceField):
        return serializers.CharField(allow_null=True, max_length=10, **{**common, "help_text": "Prison code"})
    if isinstance(form_field, django_forms.MultipleChoiceField):
        return serializers.MultipleChoiceField(choices=list(form_field.choices), **common)
    if isinstance(form_field, django_forms.ChoiceField):
        choices = [(value, label) for value, label in form_field.choices if value != ""]
        return serializers.ChoiceField(choices=choices, allow_null=True, allow_blank=True, **common)
    if isinstance(form_field, django_forms.BooleanField):
        return serializers.BooleanField(**common)
    if isinstance(form_field, django_forms.CharField):
        return serializers.CharField(allow_blank=True, max_length=form_field.max_length, **common)
    raise TypeError(f"No JSON field for {type(form_field).__name__}")


def serializer_for(slug: str, section: Section) -> type[serializers.Serializer]:
    fields = {name: _field(field) for name, field in section.form.base_fields.items() if name != "version"}
    fields["version"] = serializers.IntegerField(read_only=True, help_text="Also sent as the ETag")
    name = "".join(part.title() for part in slug.split("-")) + "Record"
    return type(name, (serializers.Serializer,), fields)


def _prison_key(value) -> str:
    """A prison (from the record) or a prison code (from the client) as the form's select posts it; an
    unknown code is passed on as it is, for the form to refuse with its own message."""
    if isinstance(value, Prison):
        return str(value.pk)
    if not value:
        return ""
    found = Prison.objects.filter(code=str(value).upper()).values_list("pk", flat=True).first()
    return str(value) if found is None else str(found)


def _form_data(form_class, values: dict, version: int) -> MultiValueDict:
    """Parsed JSON values as the form's widgets would post them."""
    data = MultiValueDict({"version": [str(version)]})
    for name, field in form_class.base_fields.items():
        value = values.get(name)
        if name == "version":
            continue
        if isinstance(field, django_forms.ModelChoiceField):
            data[name] = _prison_key(value)
        elif isinstance(field, DateField):
            parts = (value.day, value.month, value.year) if value else ("", "", "")
            for unit, part in zip(("day", "month", "year"), parts, strict=True):
                data[f"{name}_{unit}"] = str(part)
        elif isinstance(field, django_forms.MultipleChoiceField):
            data.setlist(name, [str(v) for v in value or []])
        elif isinstance(field, django_forms.BooleanField):
            data[name] = "true" if value else "false"
        else:
            data[name] = "" if value is None else str(value)
    return data


def _shown(values: dict) -> dict:
    """The form's idea of a record as JSON: a prison by its code."""
    return {name: (value.code if isinstance(value, Prison) else value) for name, value in values.items()}


def _if_match(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/").strip('"') for tag in header.split(",") if tag.strip()}


def etag(version: int) -> str:
    return f'"{version}"'


class PlanRecordView(APIView):
    """GET, PUT and PATCH of one plan record of one man. Subclassed once per section (views_for)."""

    slug: str
    section: Section
    record_serializer: type[serializers.Serializer]

    def _person(self, prison_number: str, *, editable: bool):
        people = (policy.people_editable_by if editable else policy.people_seen_by)(self.request.scope)
        person = people.select_related("risk").filter(prison_number=prison_number).first()
        if person is None:
            raise NotFound("No person with that prison number in your scope")
        return person

    def _respond(self, person, record, status: int = 200) -> Response:
        # A record not made yet reads as the empty form would: "" for text, false, [] or null.
        blank = {name: field.to_python(None) for name, field in self.section.form.base_fields.items()}
        values = {**blank, **_shown(current_values(self.slug, record, person))}
        values["version"] = record.version if record is not None else 0
        response = Response(self.record_serializer(values).data, status=status)
        response["ETag"] = etag(values["version"])
        return response

    def get(self, request, prison_number):
        person = self._person(prison_number, editable=False)
        return self._respond(person, self.section.model.objects.filter(person=person).first())

    def put(self, request, prison_number):
        return self._write(request, prison_number, partial=False)

    def patch(self, request, prison_number):
        return self._write(request, prison_number, partial=True)

    def _write(self, request, prison_number, *, partial: bool) -> Response:
        person = self._person(prison_number, editable=True)
        if_match, if_none_match = request.headers.get("If-Match"), request.headers.get("If-None-Match")
        if not if_match and if_none_match != "*":
            raise PreconditionRequired()
        parsed = self.record_serializer(data=request.data)
        if not isinstance(request.data, dict) or not parsed.is_valid():
            raise ValidationError(parsed.errors if isinstance(request.data, dict) else "Send a JSON object")
        with transaction.atomic():
            record = self.section.model.objects.select_for_update().filter(person=person).first()
            version = record.version if record is not None else 0
            if record is not None and if_none_match == "*":
                raise AlreadyExists()
            tags = _if_match(if_match or "")
            if if_match and not (str(version) in tags or ("*" in tags and record is not None)):
                raise PreconditionFailed()
            values = current_values(self.slug, record, person) if partial else {}
            values.update(parsed.validated_data)
            form = self.section.form(_form_data(self.section.form, values, version), today=today())
            if not form.is_valid():
                raise ValidationError(
                    {("non_field_errors" if k == "__all__" else k): v for k, v in form.errors.items()}
                )
            try:
                saved = save_section(self.slug, person, form, request.user)
            except services.Conflict:
                raise PreconditionFailed() from None
        return self._respond(person, saved, status=201 if record is None else 200)


def views_for() -> dict[str, type[PlanRecordView]]:
    """One view class per plan section, each with its own serializer, so the schema describes each record."""
    views = {}
    for slug, section in SECTIONS.items():
        record = serializer_for(slug, section)
        documented = extend_schema(
            request=record,
            responses={200: record, 201: record, **problems(400, 401, 403, 404, 412, 428)},
            parameters=[
                OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, description="The ETag you read"),
                OpenApiParameter(
                    "If-None-Match", str, OpenApiParameter.HEADER, description="`*` to create the record"
                ),
            ],
            tags=["plan records"],
        )
        read = extend_schema(responses={200: record, **problems(401, 403, 404)}, tags=["plan records"])
        attributes = {
            "slug": slug,
            "section": section,
            "record_serializer": record,
            "get": read(_own(PlanRecordView.get)),
            "put": documented(_own(PlanRecordView.put)),
            "patch": documented(_own(PlanRecordView.patch)),
        }
        views[slug] = type(f"{record.__name__}View", (PlanRecordView,), attributes)
    return views


def _own(method):
    """A section's own copy of a shared method: drf-spectacular keeps a method's schema on the function."""

    def call(self, request, prison_number):
        return method(self, request, prison_number)

    call.__name__ = method.__name__
    return call
