"""The projection API (issue 11): stored runs, a national lead's request for a new one, and the figures of
the country, a region or a prison. Counts, never a man's record; the access gate has checked the prison a
URL names. The figures are those of the official run, or of the run given as `?run=N`."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from resettle.core.clock import today
from resettle.core.jobs import start_command
from resettle.estate.models import Prison, Region
from resettle.projections import selectors
from resettle.projections.models import ProjectionFigures, ProjectionRun
from resettle.projections.services import queue_run
from resettle.rules.projection.rates import published_rates
from resettle.rules.sentencing import profile_names

from .errors import problems

Scope = ProjectionFigures.Scope


class ProjectionRunSerializer(serializers.ModelSerializer):
    """A projection run: what it was asked (day, months, paths, seed; for a what-if, the rule profile and
    the rates changed), who asked, and what it found (the rates used with their sources, the men projected,
    and for a profile what-if the men released earlier and the deadlines still in time)."""

    run_by = serializers.CharField(source="run_by.username", allow_null=True, default=None)
    official = serializers.SerializerMethodField(help_text="The live rules and central rates")
    rates = serializers.DictField(help_text="Rate name -> {value, source}")
    changes = serializers.DictField(help_text="What-if: rate name -> value")
    profile_effect = serializers.DictField(help_text="Profile what-if: who is released earlier, and in time")

    class Meta:
        model = ProjectionRun
        fields = [
            "id",
            "status",
            "official",
            "as_of",
            "months",
            "paths",
            "seed",
            "profile",
            "changes",
            "run_by",
            "ran_at",
            "seconds",
            "men",
            "undated",
            "warnings",
            "rates",
            "profile_effect",
            "error",
        ]

    def get_official(self, run) -> bool:
        return not run.is_what_if


class RunRequestSerializer(serializers.Serializer):
    paths = serializers.IntegerField(min_value=100, max_value=5000, default=1000)
    months = serializers.IntegerField(min_value=12, max_value=36, default=24)
    seed = serializers.IntegerField(min_value=0, max_value=2**31 - 1, default=0)
    profile = serializers.ChoiceField(choices=["", *profile_names()], default="", allow_blank=True)
    changes = serializers.DictField(child=serializers.FloatField(), default=dict)

    def validate_changes(self, changes):
        kinds = {name: type(value) for name, value in published_rates().as_dict().items()}
        unknown = sorted(set(changes) - set(kinds))
        if unknown:
            raise serializers.ValidationError(
                f"Unknown rate {', '.join(unknown)}: the rates are {', '.join(kinds)}"
            )
        typed = {}
        for name, value in changes.items():
            if kinds[name] is int and not float(value).is_integer():
                raise serializers.ValidationError(f"{name}: a whole number of {name.split('_')[-1]}")
            typed[name] = kinds[name](value)
        try:
            published_rates().with_changes(**typed)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from None
        return typed


class Band(serializers.Serializer):
    mean = serializers.ListField(child=serializers.FloatField())
    p10 = serializers.ListField(child=serializers.FloatField())
    p50 = serializers.ListField(child=serializers.FloatField())
    p90 = serializers.ListField(child=serializers.FloatField())
    low = serializers.ListField(child=serializers.FloatField(), help_text="The low-rates scenario's mean")
    high = serializers.ListField(child=serializers.FloatField(), help_text="The high-rates scenario's mean")


class ProjectionFiguresSerializer(serializers.ModelSerializer):
    """One scope's figures: per measure (releases_total, approved_premises_beds, handovers_due,
    mappa_level_setting_due, pom_caseload, com_caseload, ...), each month's mean, 10th/50th/90th percentile
    of the paths and the low and high scenarios; releases by RoSH, MAPPA level and sexual offence (means);
    and the releases of the 12 whole months before (`released_before`, for `months_before`)."""

    run = serializers.IntegerField(source="run_id")
    months_before = serializers.ListField(source="months_before_labels", child=serializers.CharField())
    series = serializers.DictField(help_text="Measure -> Band (see the description); released_before: counts")

    class Meta:
        model = ProjectionFigures
        fields = ["run", "scope", "code", "name", "months", "months_before", "series"]


FIGURES = extend_schema(
    tags=["projections"],
    parameters=[
        OpenApiParameter(
            "run", OpenApiTypes.INT, description="A finished run's id (default: the official run)"
        )
    ],
    responses={200: ProjectionFiguresSerializer, **problems(400, 401, 403, 404)},
)


@extend_schema(tags=["projections"])
class ProjectionRuns(APIView):
    """GET: the finished runs, newest first (50). POST (a national lead's, by the access rule on the URL):
    queue a run of today, a what-if with a `profile` or `changes`. It runs in the background: 202 with the
    run as queued (its status says when it has finished: GET it from the list)."""

    @extend_schema(responses={200: ProjectionRunSerializer(many=True), **problems(401, 403)})
    def get(self, request):
        runs = selectors.finished_runs().select_related("run_by")[:50]
        return Response(ProjectionRunSerializer(runs, many=True).data)

    @extend_schema(
        request=RunRequestSerializer, responses={202: ProjectionRunSerializer, **problems(400, 401, 403, 409)}
    )
    def post(self, request):
        asked = RunRequestSerializer(data=request.data)
        if not asked.is_valid():
            raise ValidationError(asked.errors)
        if selectors.pending_runs().exists():
            raise Conflict()
        run = queue_run(as_of=today(), user=request.user, **asked.validated_data)
        answer = ProjectionRunSerializer(run).data
        start_command("project", "--run", str(run.pk), user=request.user)
        return Response(answer, status=202)


class Conflict(APIException):
    status_code = 409
    default_detail = "A projection is already running: wait for it to finish"
    default_code = "running"


def _figures(request, scope: str, code: str) -> Response:
    asked = request.query_params.get("run", "")
    if asked and not asked.isdigit():
        raise ValidationError({"run": ["A run's id is a whole number"]})
    run = get_object_or_404(selectors.finished_runs(), pk=int(asked)) if asked else selectors.official_run()
    figures = selectors.figures(run, scope, code)
    if figures is None:
        raise Http404("No projection figures for this scope: no run has finished yet")
    return Response(ProjectionFiguresSerializer(figures).data)


@FIGURES
class NationalProjection(APIView):
    def get(self, request):
        return _figures(request, Scope.NATIONAL, "ENW")


@FIGURES
class RegionProjection(APIView):
    def get(self, request, region_code):
        get_object_or_404(Region, code=region_code)
        return _figures(request, Scope.REGION, region_code)


@FIGURES
class PrisonProjection(APIView):
    def get(self, request, prison_code):
        get_object_or_404(Prison, code=prison_code)
        return _figures(request, Scope.PRISON, prison_code)
