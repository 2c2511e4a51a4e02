"""A person's record: identity, bookings, sentences, offences, adjustments, recorded key dates and risk."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from resettle.estate.models import Prison, ProbationDeliveryUnit

from .vocabulary import (
    EXTENDED_CALC_TYPES,
    INDETERMINATE_CALC_TYPES,
    AdjustmentType,
    CustodyStatus,
    EarlyReleaseExclusion,
    LegalStatus,
    MappaCategory,
    MappaLevel,
    RecallType,
    RoshLevel,
    SecurityCategory,
    SentenceCalcType,
)

PRISON_NUMBER = RegexValidator(
    r"^[A-Z][0-9]{4}[A-Z]{2}$", "A prison number is a letter, four digits and two letters, like A1234BC."
)
TIER = RegexValidator(
    r"^([A-D][0-3]S?|[A-G])$",
    "A tier is recorded as v2 (a letter A to D and a digit 0 to 3, like B2) or v3 (a letter A to G).",
)


class Person(models.Model):
    prison_number = models.CharField(max_length=7, unique=True, validators=[PRISON_NUMBER])
    first_name = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=200, blank=True)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    gender = models.CharField(max_length=20, default="Male")
    pnc_number = models.CharField("PNC number", max_length=20, blank=True)
    crn = models.CharField("case reference number (CRN)", max_length=10, blank=True)

    status = models.CharField(max_length=20, choices=CustodyStatus.choices, default=CustodyStatus.IN_CUSTODY)
    legal_status = models.CharField(max_length=30, choices=LegalStatus.choices, default=LegalStatus.SENTENCED)
    current_prison = models.ForeignKey(
        Prison, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    cell_location = models.CharField(max_length=30, blank=True)
    security_category = models.CharField(max_length=1, choices=SecurityCategory.choices, blank=True)
    # The OMiC handover of an indeterminate case in open conditions runs from this day (rulebook §3.1).
    moved_to_open_conditions_on = models.DateField(
        "moved to open conditions on",
        null=True,
        blank=True,
        help_text="Men: the day he arrived at the open prison; women: the day her category changed to open",
    )
    release_area = models.ForeignKey(
        ProbationDeliveryUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
        help_text="The probation delivery unit he will be released to",
    )

    # Derived from the key dates by resettle.people.services.refresh_release_summary, never set by hand:
    # stored so that a prison's caseload can be sorted and filtered by it in the database.
    earliest_release_date = models.DateField(null=True, blank=True, editable=False)
    earliest_release_type = models.CharField(max_length=10, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["current_prison", "status", "earliest_release_date"]),
            models.Index(fields=["current_prison", "last_name", "first_name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=CustodyStatus.RELEASED) | Q(current_prison__isnull=False),
                name="person_in_custody_has_a_prison",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.prison_number})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def listed_name(self) -> str:
        """The name as prison lists show it: surname first."""
        return f"{self.last_name}, {self.first_name}"

    @property
    def in_custody(self) -> bool:
        return self.status != CustodyStatus.RELEASED

    @property
    def active_booking(self) -> "Booking | None":
        return self.bookings.filter(is_active=True).first()


class Booking(models.Model):
    """One period in custody (a NOMIS booking). A person has at most one active booking."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="bookings")
    booking_id = models.CharField(max_length=20, unique=True, help_text="NOMIS booking id")
    book_number = models.CharField(max_length=10, blank=True)
    is_active = models.BooleanField(default=True)
    received_on = models.DateField(help_text="Date of reception into custody for this booking")
    released_on = models.DateField(null=True, blank=True)
    released_from = models.ForeignKey(
        Prison, null=True, blank=True, on_delete=models.PROTECT, related_name="releases"
    )

    class Meta:
        ordering = ["-received_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(is_active=True), name="one_active_booking_per_person"
            ),
            models.CheckConstraint(
                condition=Q(released_on__isnull=True) | Q(released_on__gte=models.F("received_on")),
                name="booking_released_after_received",
            ),
        ]
        indexes = [models.Index(fields=["released_from", "released_on"])]

    def __str__(self) -> str:
        return f"Booking {self.booking_id} ({self.person.prison_number})"


class Sentence(models.Model):
    """One sentence on a booking, shaped for the release-date engine.

    For an extended sentence (EDS, SOPC) the duration fields hold the custodial term and the extension
    fields the extended licence period; for every other sentence the extension is zero.
    """

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="sentences")
    case_sequence = models.PositiveSmallIntegerField(default=1)
    line_sequence = models.PositiveSmallIntegerField(default=1)
    case_reference = models.CharField(max_length=40, blank=True)
    court = models.CharField(max_length=100, blank=True)
    calc_type = models.CharField("sentence type", max_length=20, choices=SentenceCalcType.choices)
    sentence_date = models.DateField()

    years = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(99)])
    months = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(1188)])
    weeks = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(5148)])
    days = models.PositiveIntegerField(default=0, validators=[MaxValueValidator(36135)])
    extension_years = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(99)])
    extension_months = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(1188)])
    extension_weeks = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(5148)])
    extension_days = models.PositiveIntegerField(default=0, validators=[MaxValueValidator(36135)])

    consecutive_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="consecutive_sentences"
    )

    # Release arrangements, as CRDS's `releaseArrangements` records them.
    is_sds_plus = models.BooleanField("SDS+ (release at two-thirds)", default=False)
    is_sds_plus_eligible = models.BooleanField(
        "SDS+ eligible by sentence type, length and offence", default=False
    )
    is_section_250 = models.BooleanField(default=False)
    early_release_exclusions = models.JSONField(
        default=list, blank=True, help_text="Codes from EarlyReleaseExclusion"
    )
    fine_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    # Recall details, for LR_* and FTR* sentences.
    recall_type = models.CharField(max_length=30, choices=RecallType.choices, blank=True)
    revocation_date = models.DateField(null=True, blank=True)
    return_to_custody_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["case_sequence", "line_sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "case_sequence", "line_sequence"], name="sentence_line_unique_in_booking"
            ),
            models.CheckConstraint(
                condition=~Q(consecutive_to=models.F("id")), name="sentence_not_consecutive_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_calc_type_display()} from {self.sentence_date:%d %B %Y}"

    def clean(self) -> None:
        unknown = set(self.early_release_exclusions or []) - set(EarlyReleaseExclusion.values)
        if unknown:
            raise ValidationError(
                {"early_release_exclusions": f"Unknown early-release exclusion: {', '.join(sorted(unknown))}"}
            )
        if self.consecutive_to_id and self.consecutive_to.booking_id != self.booking_id:
            raise ValidationError({"consecutive_to": "A sentence can only follow one on the same booking."})

    @property
    def is_extended(self) -> bool:
        return self.calc_type in EXTENDED_CALC_TYPES

    @property
    def is_indeterminate(self) -> bool:
        return self.calc_type in INDETERMINATE_CALC_TYPES


class Offence(models.Model):
    sentence = models.ForeignKey(Sentence, on_delete=models.CASCADE, related_name="offences")
    offence_code = models.CharField(max_length=20, blank=True, help_text="Home Office / CJS offence code")
    description = models.CharField(max_length=250)
    committed_on = models.DateField(help_text="Offence date, or the start of the period it spans")
    committed_to = models.DateField(null=True, blank=True, help_text="End of the period, if it spans one")
    is_sexual = models.BooleanField(default=False)
    is_violent = models.BooleanField(default=False)
    is_schedule_15 = models.BooleanField("Schedule 15 (CJA 2003) specified offence", default=False)
    is_schedule_3 = models.BooleanField("Schedule 3 (SOA 2003) notification offence", default=False)

    class Meta:
        ordering = ["committed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(committed_to__isnull=True) | Q(committed_to__gte=models.F("committed_on")),
                name="offence_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class Adjustment(models.Model):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="adjustments")
    sentence = models.ForeignKey(
        Sentence,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="adjustments",
        help_text="The sentence it was recorded against (CRDS: appliesToSentencesFrom)",
    )
    adjustment_type = models.CharField(max_length=40, choices=AdjustmentType.choices)
    days = models.PositiveIntegerField()
    from_date = models.DateField(null=True, blank=True)
    to_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["from_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(days__gt=0), name="adjustment_days_positive"),
            models.CheckConstraint(
                condition=Q(to_date__isnull=True)
                | Q(from_date__isnull=True)
                | Q(to_date__gte=models.F("from_date")),
                name="adjustment_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_adjustment_type_display()}: {self.days} days"


class RecordedKeyDates(models.Model):
    """Sentence key dates as recorded in the prison system (NOMIS), named as Prisoner Search names them.

    These are what the prison holds, not what Resettle calculates; the two are compared, never merged.
    """

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="recorded_dates")
    sentence_start_date = models.DateField("SSD", null=True, blank=True)
    conditional_release_date = models.DateField("CRD", null=True, blank=True)
    automatic_release_date = models.DateField("ARD", null=True, blank=True)
    parole_eligibility_date = models.DateField("PED", null=True, blank=True)
    home_detention_curfew_eligibility_date = models.DateField("HDCED", null=True, blank=True)
    home_detention_curfew_actual_date = models.DateField("HDCAD", null=True, blank=True)
    licence_expiry_date = models.DateField("LED", null=True, blank=True)
    sentence_expiry_date = models.DateField("SED", null=True, blank=True)
    topup_supervision_expiry_date = models.DateField("TUSED", null=True, blank=True)
    post_recall_release_date = models.DateField("PRRD", null=True, blank=True)
    tariff_date = models.DateField("TED", null=True, blank=True, help_text="Tariff expiry date")
    target_hearing_date = models.DateField("THD", null=True, blank=True)
    early_removal_scheme_eligibility_date = models.DateField("ERSED", null=True, blank=True)
    mid_term_date = models.DateField("MTD", null=True, blank=True)
    actual_parole_date = models.DateField("APD", null=True, blank=True)
    confirmed_release_date = models.DateField("confirmed release date", null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "recorded key dates"
        verbose_name_plural = "recorded key dates"

    def __str__(self) -> str:
        return f"Recorded key dates for {self.booking}"


class RiskProfile(models.Model):
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="risk")
    rosh_level = models.CharField("RoSH level", max_length=10, choices=RoshLevel.choices, blank=True)
    rosh_assessed_on = models.DateField("RoSH assessed on", null=True, blank=True)
    significant_event_on = models.DateField(
        "significant event on",
        null=True,
        blank=True,
        help_text="The latest event that calls for a RoSH review, such as a further charge or a serious incident",
    )
    significant_event = models.CharField(max_length=200, blank=True)
    tier = models.CharField(max_length=3, blank=True, validators=[TIER], help_text="As recorded: B2 or C")
    mappa_category = models.PositiveSmallIntegerField(
        "MAPPA category", choices=MappaCategory.choices, null=True, blank=True
    )
    mappa_level = models.PositiveSmallIntegerField(
        "MAPPA level", choices=MappaLevel.choices, null=True, blank=True, help_text="Blank means not known"
    )
    mappa_level_set_on = models.DateField("MAPPA level set on", null=True, blank=True)
    mappa_review_on = models.DateField("MAPPA review due on", null=True, blank=True)
    subject_to_notification = models.BooleanField(
        "subject to sex-offender notification", default=False, help_text="Sexual Offences Act 2003 Part 2"
    )
    maintains_innocence = models.BooleanField(default=False)
    appellant = models.BooleanField(default=False, help_text="Has a live appeal")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(mappa_level__isnull=True) | Q(mappa_level__lte=3), name="mappa_level_0_to_3"
            ),
        ]

    def __str__(self) -> str:
        return f"Risk profile of {self.person}"

    @property
    def tier_model(self) -> str:
        """'v2' for a two-part tier like B2, 'v3' for a single letter, '' when not recorded."""
        if not self.tier:
            return ""
        return "v3" if len(self.tier) == 1 else "v2"


class CalculatedReleaseDates(models.Model):
    """Resettle's own calculation of a booking's release dates, with the reasons for each.

    Derived from the booking's sentences and adjustments by resettle.people.release_dates and nothing
    else; recalculated whenever they change and by `resettle refresh`.
    """

    class Outcome(models.TextChoices):
        CALCULATED = "CALCULATED", "Calculated"
        REFUSED = "REFUSED", "Manual calculation needed"
        NO_SENTENCE = "NO_SENTENCE", "No sentence to calculate"

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="calculation")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    dates = models.JSONField(default=dict, blank=True, help_text="Date type to ISO date, e.g. CRD")
    breakdown = models.JSONField(default=dict, blank=True, help_text="Date type to its reasons, in order")
    effective_sentence_length = models.CharField(max_length=20, blank=True, help_text="ISO-8601 period")
    refusal_code = models.CharField(max_length=80, blank=True)
    refusal_reason = models.TextField(blank=True)
    rules = models.TextField(help_text="The rule profile and toggles it was calculated under")
    input_fingerprint = models.CharField(max_length=64, help_text="Hash of the engine input and rules")
    calculated_at = models.DateTimeField()

    class Meta:
        verbose_name = "calculated release dates"
        verbose_name_plural = "calculated release dates"

    def __str__(self) -> str:
        return f"Calculated release dates for {self.booking}"
