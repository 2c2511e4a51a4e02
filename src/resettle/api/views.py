"""The REST API's read endpoints, its calculation endpoint and decisions on transfers. Thin, like the
screens: every list chooses among the people the caller may see (resettle.accounts.policy), the access gate
has already checked any prison or person the URL names and audited the use of a man's record, and lists are
audited here. Changes go through their services (resettle.planning.services), which audit them."""

from dataclasses import asdict
from types import SimpleNamespace

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from resettle.accounts import policy
from resettle.audit import recorder
from resettle.core import problems as problem_details
from resettle.core.clock import today
from resettle.people.calculator import PROFILES, PastedBookingInvalid, booking_from_data, rules_under
from resettle.people.models import Adjustment, Booking, CalculatedReleaseDates, Person, Sentence
from resettle.people.release_dates import live_rules, run_engine
from resettle.planning import selectors as planning
from resettle.planning.models import Transfer
from resettle.planning.services import TransferChangeRefused, change_status
from resettle.plans import selectors as plans_selectors
from resettle.plans.models import ReadinessFinding, ReadinessSummary
from resettle.rules.readiness.checks import BY_ID
from resettle.staff.models import Allocation

from . import serializers
from .errors import field_errors, problems
from .filters import PersonFilter

READ_PROBLEMS = problems(401, 403, 404)
LIST_PROBLEMS = problems(400, 401, 403, 404)  # 400: a filter or page that cannot be read


def audit_listed(request, people) -> None:
    """One audit entry for a list: what was asked and every man shown."""
    recorder.people_listed(request, people, query={"api": request.path, **request.query_params})


class AuditedList(generics.ListAPIView):
    """A list whose every page is audited: what was asked and every man shown."""

    def audit(self, people: list[Person]) -> None:
        audit_listed(self.request, people)


@extend_schema(
    tags=["people"], responses={200: serializers.PersonSummarySerializer(many=True), **LIST_PROBLEMS}
)
class PeopleList(AuditedList):
    """Search the people you may see: by name or prison number, prison, status, release date and risk."""

    serializer_class = serializers.PersonSummarySerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PersonFilter
    queryset = Person.objects.none()  # for the schema's filter parameters; requests use get_queryset()

    def get_queryset(self):
        return (
            policy.people_seen_by(self.request.scope)
            .select_related("current_prison", "release_area", "risk")
            .order_by("last_name", "first_name", "prison_number")
        )

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self.audit(self.paginator.page.object_list)
        return response


class PersonResource:
    """A view about one man the access gate has already found in the caller's scope."""

    def person(self, prefetch=()) -> Person:
        people = policy.people_seen_by(self.request.scope).prefetch_related(*prefetch)
        return get_object_or_404(people, prison_number=self.kwargs["prison_number"])


@extend_schema(tags=["people"], responses={200: serializers.PersonSerializer, **READ_PROBLEMS})
class PersonDetail(PersonResource, APIView):
    """One man: identity, where he is, risk and MAPPA, his offender managers."""

    def get(self, request, prison_number):
        current = Allocation.objects.filter(ended_on__isnull=True).select_related("staff")
        person = self.person([Prefetch("allocations", queryset=current)])
        return Response(serializers.PersonSerializer(person).data)


def _bookings(person: Person):
    return (
        Booking.objects.filter(person=person)
        .select_related("released_from", "recorded_dates")
        .prefetch_related("sentences__offences", "adjustments")
        .order_by("-is_active", "-received_on")
    )


@extend_schema(tags=["sentences"], responses={200: serializers.BookingSerializer(many=True), **READ_PROBLEMS})
class PersonBookings(PersonResource, APIView):
    """His bookings, newest first, each with its sentences (and their offences), adjustments and the key
    dates the prison has recorded."""

    def get(self, request, prison_number):
        bookings = _bookings(self.person())
        return Response(serializers.BookingSerializer(bookings, many=True).data)


@extend_schema(
    tags=["sentences"], responses={200: serializers.SentenceSerializer(many=True), **READ_PROBLEMS}
)
class PersonSentences(PersonResource, APIView):
    """The sentences of his active booking, in court order."""

    def get(self, request, prison_number):
        sentences = Sentence.objects.filter(booking__person=self.person(), booking__is_active=True)
        sentences = sentences.prefetch_related("offences").order_by("case_sequence", "line_sequence")
        return Response(serializers.SentenceSerializer(sentences, many=True).data)


@extend_schema(
    tags=["sentences"], responses={200: serializers.AdjustmentSerializer(many=True), **READ_PROBLEMS}
)
class PersonAdjustments(PersonResource, APIView):
    """The adjustments (remand, tagged bail, ADA, RADA, UAL...) of his active booking."""

    def get(self, request, prison_number):
        adjustments = Adjustment.objects.filter(booking__person=self.person(), booking__is_active=True)
        return Response(serializers.AdjustmentSerializer(adjustments, many=True).data)


@extend_schema(
    tags=["release dates"], responses={200: serializers.StoredCalculationSerializer, **READ_PROBLEMS}
)
class PersonReleaseDates(PersonResource, APIView):
    """The release dates Resettle calculated for his active booking, each with the reasons for it, or why
    it needs a manual calculation."""

    def get(self, request, prison_number):
        calculation = (
            CalculatedReleaseDates.objects.filter(booking__person=self.person(), booking__is_active=True)
            .select_related("booking")
            .first()
        )
        if calculation is None:
            raise Http404("No release dates have been calculated for him: he has no active booking")
        return Response(serializers.StoredCalculationSerializer(calculation).data)


@extend_schema(tags=["readiness"], responses={200: serializers.ReadinessSerializer, **READ_PROBLEMS})
class PersonReadiness(PersonResource, APIView):
    """How ready he is for release: the summary and every pre-release step due or overdue."""

    def get(self, request, prison_number):
        person = self.person()
        summary = ReadinessSummary.objects.filter(person=person).first()
        if summary is None:
            raise Http404("His readiness has not been evaluated: he is not in custody or due for release")
        findings = ReadinessFinding.objects.filter(person=person).select_related("person")
        context = {"findings": findings, "today": today()}
        return Response(serializers.ReadinessSerializer(summary, context=context).data)


@extend_schema(tags=["prisons"], responses={200: serializers.PrisonSerializer(many=True), **LIST_PROBLEMS})
class PrisonList(generics.ListAPIView):
    """The prisons whose lists you may open."""

    serializer_class = serializers.PrisonSerializer

    def get_queryset(self):
        return policy.prisons_seen_by(self.request.scope).select_related("region").order_by("code")


@extend_schema(
    tags=["readiness"],
    parameters=[
        OpenApiParameter(
            "name",
            str,
            OpenApiParameter.PATH,
            enum=list(plans_selectors.WORKLISTS),
            description="The worklist",
        ),
        OpenApiParameter(
            "check",
            str,
            OpenApiParameter.QUERY,
            required=False,
            enum=sorted(BY_ID),
            description="Only the steps of this readiness check, as the dashboard's rows link to them",
        ),
    ],
    responses={200: serializers.FindingSerializer(many=True), **LIST_PROBLEMS},
)
class Worklist(AuditedList):
    """A prison's worklist: the pre-release steps it names, most urgent first (release date, then risk)."""

    serializer_class = serializers.FindingSerializer

    def get_queryset(self):
        prison = self.request.prison  # the access gate read it (a prison's rule)
        if self.kwargs["name"] not in plans_selectors.WORKLISTS:
            raise Http404(
                f"No worklist called {self.kwargs['name']}: one of {', '.join(plans_selectors.WORKLISTS)}"
            )
        check = plans_selectors.chosen_check(self.request.query_params)
        # The same rows, read once and shared, as the worklist page's for whoever sees the whole prison.
        return plans_selectors.worklist_pages(
            self.kwargs["name"], prison, self.request.scope, today=today(), check=check
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": today()}

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self.audit([finding.person for finding in self.paginator.page.object_list])
        return response


@extend_schema(
    tags=["release dates"],
    request=OpenApiTypes.OBJECT,
    parameters=[
        OpenApiParameter("profile", str, enum=list(PROFILES), description="Rules to calculate under")
    ],
    responses={200: serializers.CalculationSerializer, **problems(400, 401, 403)},
    description=(
        "Calculate release dates for a booking in the CRDS shape (its `booking` object, or a whole test "
        "case with `booking` and `userInputs`). Nothing is stored. A booking the engine does not support "
        "gets outcome REFUSED with the reason, never a guess."
    ),
)
class Calculation(APIView):
    def post(self, request):
        profile = request.query_params.get("profile")
        if profile is not None and profile not in PROFILES:
            raise ValidationError({"profile": [f"Unknown rule profile: choose one of {', '.join(PROFILES)}"]})
        try:
            booking = booking_from_data(request.data)
        except PastedBookingInvalid as error:
            raise ValidationError({"booking": [str(error)]}) from None
        rules = rules_under(profile) if profile else live_rules()
        answer = SimpleNamespace(**asdict(run_engine(booking, rules)), rules=rules.label)
        return Response(serializers.CalculationSerializer(answer).data)


# --- transfer planning -----------------------------------------------------------------------------------


@extend_schema(
    tags=["transfers"], responses={200: serializers.TransferPlanRunSerializer, **problems(401, 403, 404)}
)
class TransferPlan(APIView):
    """The latest finished run of the national transfer plan: when and by whom it was run, how many men
    needed a move, how many it placed, why the rest could not be, and its moves by region and prison. Counts
    of prisons, not a list of men. 404 until a run has finished."""

    def get(self, request):
        run = planning.latest_run()
        if run is None:
            raise Http404("No transfer plan has been run yet")
        context = {"regions": planning.plan_by_region(run)}
        return Response(serializers.TransferPlanRunSerializer(run, context=context).data)


@extend_schema(
    tags=["transfers"], responses={200: serializers.PrisonTransfersSerializer, **problems(401, 403, 404)}
)
class PrisonTransfers(APIView):
    """A prison's open moves out and in, the men held there whom the latest run could not place (with the
    reason), and its free places week by week. Only the men you may see are listed, and the list is audited."""

    def get(self, request, prison_code):
        prison = request.prison  # the access gate read it (a prison's rule)
        run = planning.latest_run()
        outgoing, incoming = (list(moves) for moves in planning.prison_moves(request.scope, prison))
        unplaced = list(planning.unplaced_men(request.scope, run, prison=prison))
        listed = {m.person.prison_number: m.person for m in [*outgoing, *incoming, *unplaced]}
        audit_listed(request, listed.values())
        answer = SimpleNamespace(
            prison=prison,
            run=run,
            outgoing=outgoing,
            incoming=incoming,
            unplaced=unplaced,
            bed_pressure=planning.bed_pressure(run, prison),
        )
        return Response(serializers.PrisonTransfersSerializer(answer).data)


@extend_schema(tags=["transfers"], responses={200: serializers.PersonTransfersSerializer, **READ_PROBLEMS})
class PersonTransfers(PersonResource, APIView):
    """His transfer to a resettlement prison: the open one, what the latest run decided for him (placed, or
    why not), and his earlier transfers, each with who moved it on, when and why."""

    def get(self, request, prison_number):
        found = planning.person_transfer(self.person())
        return Response(serializers.PersonTransfersSerializer(found).data)


# The field of the request a refusal by the service is about: its "status" is the decision asked for.
REQUEST_FIELD = {"status": "decision"}


@extend_schema(
    tags=["transfers"],
    request=serializers.TransferDecisionSerializer,
    responses={
        200: serializers.TransferWithEventsSerializer,
        **problems(400, 401, 403, 404, 409),
    },
    description=(
        "Accept or reject a proposed transfer, then book, complete or cancel it: for an SPO or a governor "
        "of the prison he leaves or the one he goes to. A rejection or a cancellation needs its reason in "
        "`note` (400 otherwise); a decision the transfer's status does not allow (a rejected one cannot be "
        "booked) is 409, naming `decision`. Completing it moves him to the receiving prison. Answers the "
        "transfer with its history."
    ),
)
class TransferDecision(APIView):
    def post(self, request, transfer_id):
        transfer = planning.transfers_seen(request.scope).filter(pk=transfer_id).first()
        if transfer is None:
            raise Http404("No transfer with that id in your scope")
        if not planning.can_decide(request.scope, transfer):
            raise PermissionDenied(
                "Only an SPO or a governor of the prison he leaves or goes to may decide on this transfer"
            )
        asked = serializers.TransferDecisionSerializer(data=request.data)
        if not asked.is_valid():
            raise ValidationError(asked.errors)
        try:
            change_status(
                transfer, asked.validated_data["decision"], by=request.user, note=asked.validated_data["note"]
            )
        except TransferChangeRefused as refused:  # including a proposal a new run replaced meanwhile
            return _refused(request, refused)
        changed = Transfer.objects.select_related(
            "person", "from_prison", "to_prison", "status_changed_by"
        ).prefetch_related("events__by")
        return Response(serializers.TransferWithEventsSerializer(changed.get(pk=transfer.pk)).data)


def _refused(request, refused: TransferChangeRefused) -> Response:
    """The service's refusal ("field: why") as a problem naming the request's field: 400 for what the
    request lacks, 409 for a decision the transfer's current status does not allow."""
    field, _, message = str(refused).partition(": ")
    field = REQUEST_FIELD.get(field, field)
    if field != "decision":
        raise ValidationError({field: [message]})
    data = problem_details.body(
        request,
        409,
        title="The transfer's status does not allow that decision",
        detail=f"{field}: {message}",
        errors=field_errors({field: [message]}),
    )
    return Response(data, status=409, content_type=problem_details.CONTENT_TYPE)
