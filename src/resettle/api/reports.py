"""The inspection report API (issue 12): a prison's, a region's or the country's measures for a period, as
the report page shows them. Counts, not men; the access gate has checked the prison a URL names."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from resettle.core.clock import today
from resettle.estate.models import Prison, Region
from resettle.reports.report import Scope, build, default_period
from resettle.reports.services import NATIONAL
from resettle.rules.inspection.period import Period

from .errors import problems


class FigureSerializer(serializers.Serializer):
    men = serializers.IntegerField(help_text="Men in the denominator (a count: the men counted)")
    numerator = serializers.IntegerField(allow_null=True)
    value = serializers.FloatField(allow_null=True, help_text="A share (0 to 1) or a median; null: no men")
    categories = serializers.DictField(child=serializers.IntegerField())


class MeasureLineSerializer(serializers.Serializer):
    id = serializers.CharField(source="measure.id")
    title = serializers.CharField(source="measure.title")
    definition = serializers.CharField(source="measure.definition")
    kind = serializers.CharField(source="measure.kind")
    population = serializers.CharField(source="measure.population")
    numerator_words = serializers.CharField(source="measure.numerator")
    denominator_words = serializers.CharField(source="measure.denominator")
    source = serializers.CharField(source="measure.source")
    here = FigureSerializer()
    region = FigureSerializer(allow_null=True)
    national = FigureSerializer(allow_null=True)
    rag = serializers.CharField(allow_null=True)
    target_green = serializers.FloatField(source="target.green", allow_null=True, default=None)
    target_amber = serializers.FloatField(source="target.amber", allow_null=True, default=None)
    by_offence = serializers.SerializerMethodField()
    by_mappa = serializers.SerializerMethodField()

    def _split(self, line, name) -> dict:
        return next(
            {key: figure for key, _, figure in groups} for split, groups in line.splits if split == name
        )

    def get_by_offence(self, line) -> dict[str, dict]:
        return self._split(line, "by_offence")

    def get_by_mappa(self, line) -> dict[str, dict]:
        return self._split(line, "by_mappa")


class ReportSerializer(serializers.Serializer):
    scope = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()
    period_start = serializers.DateField(source="period.start")
    period_end = serializers.DateField(source="period.end")
    snapshot = serializers.IntegerField(source="snapshot.pk", allow_null=True, default=None)
    taken_at = serializers.DateTimeField(source="snapshot.taken_at", allow_null=True, default=None)
    projected_next_12_months = serializers.FloatField(allow_null=True)
    measures = serializers.SerializerMethodField()

    def get_measures(self, report) -> list[dict]:
        lines = [line for _, theme_lines in report.themes for line in theme_lines]
        return MeasureLineSerializer(lines, many=True).data


REPORT = extend_schema(
    tags=["reports"],
    parameters=[
        OpenApiParameter(
            "period",
            OpenApiTypes.STR,
            description="12m, 12m:YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY-MM-DD:YYYY-MM-DD (default: the 12 "
            "months to the end of last month)",
        )
    ],
    responses={200: ReportSerializer, **problems(400, 401, 403, 404)},
)


def _answer(request, scope: str, code: str, name: str) -> Response:
    asked = request.query_params.get("period", "")
    try:
        period = Period.parse(asked, today=today()) if asked else default_period(today())
    except ValueError as error:
        raise ValidationError({"period": [str(error).removeprefix("period: ")]}) from None
    report = build(scope, code, name, period)
    if report is None:
        raise Http404(f"No snapshot of the measures for {period.words}")
    return Response(ReportSerializer(report).data)


@REPORT
class NationalReport(APIView):
    def get(self, request):
        return _answer(request, Scope.NATIONAL, *NATIONAL)


@REPORT
class RegionReport(APIView):
    def get(self, request, region_code):
        region = get_object_or_404(Region, code=region_code)
        return _answer(request, Scope.REGION, region.code, region.name)


@REPORT
class PrisonReport(APIView):
    def get(self, request, prison_code):
        prison = get_object_or_404(Prison, code=prison_code)
        return _answer(request, Scope.PRISON, prison.code, prison.name)
