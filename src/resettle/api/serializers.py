"""What the API shows of each record, read only: people, their bookings, sentences and adjustments, the
release dates calculated for them, readiness findings, prisons and worklists, and transfer planning (the
latest run, a prison's moves, a man's transfers), with the one body it reads here: a decision on a
transfer. Names follow the models (and so the screens); codes are the ones NOMIS and nDelius use."""

from typing import Literal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from resettle.estate.models import Prison
from resettle.people.models import (
    Adjustment,
    Booking,
    CalculatedReleaseDates,
    Offence,
    Person,
    RecordedKeyDates,
    RiskProfile,
    Sentence,
)
from resettle.planning.models import (
    Transfer,
    TransferEvent,
    TransferOutcome,
    TransferPlanRun,
    TransferStatus,
    UnplacedReason,
)
from resettle.plans.models import ReadinessFinding, ReadinessSummary
from resettle.rules.readiness.checks import BY_ID
from resettle.staff.models import Allocation


class PrisonSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.name")

    class Meta:
        model = Prison
        fields = [
            "code",
            "name",
            "region",
            "category",
            "estate",
            "operational_capacity",
            "is_resettlement_prison",
            "accepts_sexual_offences",
        ]


class RiskSerializer(serializers.ModelSerializer):
    class Meta:
        model = RiskProfile
        exclude = ["id", "person"]


class AllocationSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    email = serializers.CharField(source="staff.email", help_text="Blank if not known")
    team = serializers.CharField(source="staff.team")

    class Meta:
        model = Allocation
        fields = ["role", "name", "email", "team", "allocated_on"]

    def get_name(self, allocation) -> str:
        return f"{allocation.staff.first_name} {allocation.staff.last_name}"


class PersonSummarySerializer(serializers.ModelSerializer):
    """A man as lists show him."""

    prison = serializers.CharField(source="current_prison.code", allow_null=True, default=None)
    release_area = serializers.CharField(source="release_area.code", allow_null=True, default=None)
    rosh_level = serializers.CharField(source="risk.rosh_level", allow_null=True, default=None)
    mappa_category = serializers.IntegerField(source="risk.mappa_category", allow_null=True, default=None)
    mappa_level = serializers.IntegerField(source="risk.mappa_level", allow_null=True, default=None)

    class Meta:
        model = Person
        fields = [
            "prison_number",
            "first_name",
            "last_name",
            "date_of_birth",
            "status",
            "prison",
            "release_area",
            "earliest_release_date",
            "earliest_release_type",
            "rosh_level",
            "mappa_category",
            "mappa_level",
        ]


class PersonSerializer(PersonSummarySerializer):
    """One man's record: who he is, where, his risk and who manages him."""

    risk = RiskSerializer(allow_null=True, default=None)
    offender_managers = serializers.SerializerMethodField()

    class Meta(PersonSummarySerializer.Meta):
        fields = [
            *PersonSummarySerializer.Meta.fields,
            "middle_names",
            "gender",
            "pnc_number",
            "crn",
            "legal_status",
            "cell_location",
            "security_category",
            "risk",
            "offender_managers",
        ]

    @extend_schema_field(AllocationSerializer(many=True))
    def get_offender_managers(self, person) -> list[dict]:
        current = [a for a in person.allocations.all() if a.ended_on is None]
        return AllocationSerializer(current, many=True).data


class OffenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Offence
        exclude = ["id", "sentence"]


class SentenceSerializer(serializers.ModelSerializer):
    consecutive_to = serializers.SerializerMethodField()
    offences = OffenceSerializer(many=True)

    class Meta:
        model = Sentence
        exclude = ["booking"]

    def get_consecutive_to(self, sentence) -> int | None:
        return sentence.consecutive_to_id


class AdjustmentSerializer(serializers.ModelSerializer):
    sentence = serializers.SerializerMethodField()

    class Meta:
        model = Adjustment
        exclude = ["booking"]

    def get_sentence(self, adjustment) -> int | None:
        return adjustment.sentence_id


class RecordedKeyDatesSerializer(serializers.ModelSerializer):
    class Meta:
        model = RecordedKeyDates
        exclude = ["id", "booking"]


class BookingSerializer(serializers.ModelSerializer):
    released_from = serializers.CharField(source="released_from.code", allow_null=True, default=None)
    sentences = SentenceSerializer(many=True)
    adjustments = AdjustmentSerializer(many=True)
    recorded_dates = RecordedKeyDatesSerializer(allow_null=True, default=None)

    class Meta:
        model = Booking
        fields = [
            "booking_id",
            "book_number",
            "is_active",
            "received_on",
            "released_on",
            "released_from",
            "sentences",
            "adjustments",
            "recorded_dates",
        ]


class ExplainedDateSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="CRD, ARD, PED, HDCED, SLED, TUSED, ERSED...")
    date = serializers.DateField()
    because = serializers.ListField(child=serializers.CharField(), help_text="The reasons, in order")


class CalculationSerializer(serializers.Serializer):
    """A calculation's answer: each date with the reasons for it, or why it needs a manual calculation."""

    outcome = serializers.ChoiceField(choices=CalculatedReleaseDates.Outcome.choices)
    dates = serializers.SerializerMethodField()
    effective_sentence_length = serializers.CharField(help_text="ISO 8601 period, e.g. P4Y")
    refusal_code = serializers.CharField()
    refusal_reason = serializers.CharField()
    rules = serializers.CharField(help_text="The rule profile and toggles it was calculated under")

    @extend_schema_field(ExplainedDateSerializer(many=True))
    def get_dates(self, calculation) -> list[dict]:
        return [
            {"type": kind, "date": on, "because": calculation.breakdown.get(kind, [])}
            for kind, on in calculation.dates.items()
        ]


class StoredCalculationSerializer(CalculationSerializer):
    booking_id = serializers.CharField(source="booking.booking_id")
    calculated_at = serializers.DateTimeField()


class FindingSerializer(serializers.ModelSerializer):
    """An outstanding pre-release step: what is due by when, and why it applies."""

    prison_number = serializers.CharField(source="person.prison_number")
    title = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    source = serializers.SerializerMethodField()

    class Meta:
        model = ReadinessFinding
        fields = ["prison_number", "check_id", "title", "status", "due_on", "severity", "reason", "source"]

    def get_status(self, finding) -> Literal["due", "overdue"]:
        # Decided against today, as the screens do, so it is right even before the nightly refresh.
        return "overdue" if finding.due_on < self.context["today"] else "due"

    def get_title(self, finding) -> str:
        return BY_ID[finding.check_id].title

    def get_source(self, finding) -> str:
        return BY_ID[finding.check_id].source


class ReadinessSerializer(serializers.ModelSerializer):
    findings = serializers.SerializerMethodField()

    class Meta:
        model = ReadinessSummary
        exclude = ["id", "person", "prison"]

    @extend_schema_field(FindingSerializer(many=True))
    def get_findings(self, summary) -> list[dict]:
        return FindingSerializer(self.context["findings"], many=True, context=self.context).data


# --- transfer planning (resettle.planning) ---------------------------------------------------------------


class PlanPrisonSerializer(serializers.Serializer):
    """One prison's share of the plan: its moves out, in, and the men it holds whom the plan could not
    place. Figures about the prison, not about any man."""

    code = serializers.CharField()
    name = serializers.CharField()
    out_proposed = serializers.IntegerField(help_text="Moves out proposed, not yet accepted")
    out_agreed = serializers.IntegerField(help_text="Moves out accepted or booked")
    incoming = serializers.IntegerField(help_text="Open moves in: proposed, accepted or booked")
    unplaced = serializers.IntegerField(help_text="Men held here in need whom the latest run could not place")


class PlanRegionSerializer(serializers.Serializer):
    name = serializers.CharField()
    out_proposed = serializers.IntegerField()
    out_agreed = serializers.IntegerField()
    incoming = serializers.IntegerField()
    unplaced = serializers.IntegerField()
    prisons = PlanPrisonSerializer(many=True, help_text="Only prisons with something to show")


class TransferPlanRunSerializer(serializers.ModelSerializer):
    """The latest finished run of the national transfer plan and its counts, by region and prison."""

    run_by = serializers.CharField(
        source="run_by.username", allow_null=True, default=None, help_text="Null for the nightly run"
    )
    unplaced_by_reason = serializers.DictField(
        child=serializers.IntegerField(), help_text="Men unplaced, by UnplacedReason"
    )
    warnings = serializers.ListField(child=serializers.CharField(), help_text="What the run could not read")
    regions = serializers.SerializerMethodField()

    class Meta:
        model = TransferPlanRun
        fields = [
            "id",
            "as_of",
            "horizon_weeks",
            "requested_at",
            "finished_at",
            "run_by",
            "needs",
            "placed",
            "unplaced",
            "unplaced_by_reason",
            "solve_seconds",
            "total_seconds",
            "warnings",
            "regions",
        ]

    @extend_schema_field(PlanRegionSerializer(many=True))
    def get_regions(self, run) -> list[dict]:
        return PlanRegionSerializer(self.context["regions"], many=True).data


class PlanRunSummarySerializer(serializers.ModelSerializer):
    """Which run a prison's figures come from."""

    class Meta:
        model = TransferPlanRun
        fields = ["id", "as_of", "horizon_weeks", "finished_at"]


class TransferEventSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by.username", allow_null=True, default=None)

    class Meta:
        model = TransferEvent
        fields = ["status", "by", "at", "note"]


class PlannedTransferSerializer(serializers.ModelSerializer):
    """A move to a resettlement prison: proposed by the plan, then accepted, booked and completed (or
    rejected or cancelled, with the reason)."""

    prison_number = serializers.CharField(source="person.prison_number")
    from_prison = serializers.CharField(source="from_prison.code")
    to_prison = serializers.CharField(source="to_prison.code")
    rank_words = serializers.CharField(source="get_rank_display", help_text="Why this kind of prison")
    because = serializers.ListField(child=serializers.CharField(), help_text="Why this prison and week")
    run = serializers.IntegerField(source="run_id", allow_null=True, help_text="The run that proposed it")
    status_changed_by = serializers.CharField(
        source="status_changed_by.username", allow_null=True, default=None
    )

    class Meta:
        model = Transfer
        fields = [
            "id",
            "prison_number",
            "from_prison",
            "to_prison",
            "status",
            "proposed_on",
            "latest_arrival",
            "rank",
            "rank_words",
            "distance_km",
            "because",
            "run",
            "status_changed_by",
            "status_changed_at",
            "note",
            "created_at",
        ]
        extra_kwargs = {"proposed_on": {"help_text": "Start of the week he is to arrive"}}


class TransferWithEventsSerializer(PlannedTransferSerializer):
    """A transfer with every change of its status: who, when and why."""

    events = TransferEventSerializer(many=True)

    class Meta(PlannedTransferSerializer.Meta):
        fields = [*PlannedTransferSerializer.Meta.fields, "events"]


class TransferOutcomeSerializer(serializers.ModelSerializer):
    """What the latest run decided for a man in need: placed (with the transfer it proposed) or not, and
    why, in words."""

    prison_number = serializers.CharField(source="person.prison_number")
    from_prison = serializers.CharField(source="from_prison.code")
    placed = serializers.BooleanField()
    reason = serializers.ChoiceField(
        choices=UnplacedReason.choices, allow_null=True, help_text="Why he is unplaced; null if placed"
    )
    reason_words = serializers.SerializerMethodField()
    transfer = serializers.IntegerField(source="transfer_id", allow_null=True, help_text="If placed")
    because = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = TransferOutcome
        fields = [
            "prison_number",
            "from_prison",
            "release_on",
            "latest_arrival",
            "placed",
            "reason",
            "reason_words",
            "transfer",
            "because",
        ]

    def get_reason_words(self, outcome) -> str | None:
        return outcome.get_reason_display() if outcome.reason else None

    def to_representation(self, outcome):
        data = super().to_representation(outcome)
        data["reason"] = data["reason"] or None
        return data


class WeekPressureSerializer(serializers.Serializer):
    week_starting = serializers.DateField()
    free = serializers.IntegerField(help_text="Free places before the plan's arrivals")
    arrivals = serializers.IntegerField(help_text="Men the plan brings in that week")
    left = serializers.IntegerField(help_text="Free places left after every arrival so far")


class PrisonTransfersSerializer(serializers.Serializer):
    """A prison's open moves out and in, the men it holds whom the plan could not place, and its free
    places week by week. Only the men you may see are listed."""

    prison = serializers.CharField(source="prison.code")
    run = PlanRunSummarySerializer(allow_null=True, help_text="The latest run; null if none has finished")
    outgoing = PlannedTransferSerializer(many=True)
    incoming = PlannedTransferSerializer(many=True)
    unplaced = TransferOutcomeSerializer(many=True)
    bed_pressure = WeekPressureSerializer(many=True, help_text="Empty before the first run")


class PersonTransfersSerializer(serializers.Serializer):
    """His transfer to a resettlement prison: the open one, what the latest run decided, and the rest."""

    open = TransferWithEventsSerializer(allow_null=True, help_text="Proposed, accepted or booked")
    outcome = TransferOutcomeSerializer(allow_null=True, help_text="Null if he was not in the latest run")
    history = TransferWithEventsSerializer(many=True, help_text="Closed transfers, newest first")


DECISIONS = [
    TransferStatus.ACCEPTED,
    TransferStatus.REJECTED,
    TransferStatus.BOOKED,
    TransferStatus.COMPLETED,
    TransferStatus.CANCELLED,
]


class TransferDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[(status.value, status.label) for status in DECISIONS],
        help_text="From PROPOSED: ACCEPTED or REJECTED; from ACCEPTED: BOOKED, COMPLETED or CANCELLED; "
        "from BOOKED: COMPLETED or CANCELLED",
    )
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Required to reject or cancel: the reason"
    )
