"""What the API shows of each record, read only: people, their bookings, sentences and adjustments, the
release dates calculated for them, readiness findings, prisons and worklists. Names follow the models (and
so the screens); codes are the ones NOMIS and nDelius use."""

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
