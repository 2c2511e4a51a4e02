"""Release-plan records, and the cached readiness findings derived from them.

One source of truth per fact:
- MAPPA category, level and the date it was set, sex-offender notification and whether he maintains
  innocence stay on `people.RiskProfile` (the caseload filters and the access policy read them there).
  The rest of the MAPPA record (referral, MAPPA F report, RMP, meetings, police told) lives here.
- POM and COM come from `staff.Allocation`.
- Everything else a readiness `Case.plan` reads is a record below.

Every record carries a `version`: services update it with optimistic concurrency (services.save_record),
so that a second writer who opened the record before the first saved gets a conflict, never a silent
overwrite. `ReadinessFinding` and `ReadinessSummary` are derived: services.refresh_readiness recomputes
them whenever an input changes, and `resettle refresh` for everyone.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from resettle.estate.models import Prison
from resettle.people.models import Person


class AccommodationCategory(models.TextChoices):
    """The categories of the MoJ accommodation-outcome statistics (MI014)."""

    SETTLED = "SETTLED", "Settled accommodation"
    OTHER_HOUSED = "OTHER_HOUSED", "Other housed (transient or temporary)"
    APPROVED_PREMISES = "APPROVED_PREMISES", "Approved premises (CAS1)"
    CAS = "CAS", "Bail or probation accommodation (CAS2 or CAS3)"
    HOMELESS = "HOMELESS", "Homeless, not rough sleeping"
    ROUGH_SLEEPING = "ROUGH_SLEEPING", "Rough sleeping"


class ApplicationStatus(models.TextChoices):
    """CAS1 `ApprovedPremisesApplicationStatus` (the same codes as rules.readiness.case)."""

    STARTED = "STARTED", "Started"
    AWAITING_ASSESSMENT = "AWAITING_ASSESSMENT", "Awaiting assessment"
    UNALLOCATED_ASSESSMENT = "UNALLOCATED_ASSESSMENT", "Unallocated assessment"
    ASSESSMENT_IN_PROGRESS = "ASSESSMENT_IN_PROGRESS", "Assessment in progress"
    REQUESTED_FURTHER_INFORMATION = "REQUESTED_FURTHER_INFORMATION", "Further information requested"
    AWAITING_PLACEMENT = "AWAITING_PLACEMENT", "Awaiting placement"
    PENDING_PLACEMENT_REQUEST = "PENDING_PLACEMENT_REQUEST", "Pending placement request"
    PLACEMENT_ALLOCATED = "PLACEMENT_ALLOCATED", "Placement allocated"
    REJECTED = "REJECTED", "Rejected"
    INAPPLICABLE = "INAPPLICABLE", "Inapplicable"
    WITHDRAWN = "WITHDRAWN", "Withdrawn"
    EXPIRED = "EXPIRED", "Expired"


class TransferStatus(models.TextChoices):
    REQUESTED = "REQUESTED", "Requested"
    AGREED = "AGREED", "Agreed"
    COMPLETED = "COMPLETED", "Completed"
    REFUSED = "REFUSED", "Refused"


class PathwayStatus(models.TextChoices):
    NOT_STARTED = "NOT_STARTED", "Not started"
    IN_PROGRESS = "IN_PROGRESS", "In progress"
    SUPPORT_REQUIRED = "SUPPORT_REQUIRED", "Support required"
    SUPPORT_NOT_REQUIRED = "SUPPORT_NOT_REQUIRED", "Support not required"
    SUPPORT_DECLINED = "SUPPORT_DECLINED", "Support declined"
    DONE = "DONE", "Done"


class LicenceCondition(models.TextChoices):
    APPROVED_PREMISES_RESIDENCE = "APPROVED_PREMISES_RESIDENCE", "Reside at approved premises"
    EXCLUSION_ZONE = "EXCLUSION_ZONE", "Exclusion zone"
    NO_CONTACT = "NO_CONTACT", "No contact with named people"
    CURFEW = "CURFEW", "Curfew"
    ELECTRONIC_MONITORING = "ELECTRONIC_MONITORING", "Electronic monitoring"
    POLYGRAPH = "POLYGRAPH", "Polygraph"
    DRUG_TESTING = "DRUG_TESTING", "Drug testing"


class HdcOutcome(models.TextChoices):
    ELIGIBLE = "ELIGIBLE", "Eligible"
    UNSUITABLE = "UNSUITABLE", "Presumed unsuitable"
    EXCLUDED = "EXCLUDED", "Excluded"
    APPROVED = "APPROVED", "Approved"
    REFUSED = "REFUSED", "Refused"


class MeetingKind(models.TextChoices):
    MEETING = "MEETING", "Level 2 or 3 meeting"
    REVIEW = "REVIEW", "Review"


class VersionedRecord(models.Model):
    """A plan record one or more people may edit at once: `version` counts the saves (services.py)."""

    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.person.prison_number}"


class AccommodationPlan(VersionedRecord):
    """Where a man is to live on release, and the referrals made to find it. No plan, or no confirmation
    date, means no confirmed accommodation."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="accommodation_plan")
    category = models.CharField(max_length=30, choices=AccommodationCategory.choices, blank=True)
    address = models.TextField(blank=True)
    confirmed_on = models.DateField(null=True, blank=True)
    duty_to_refer_on = models.DateField(
        "Duty to Refer made on", null=True, blank=True, help_text="Or a Welsh Application for Assistance"
    )
    cas3_referral_on = models.DateField("CAS3 referral made on", null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.get_category_display() or 'Accommodation plan'} for {self.person.prison_number}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_on is not None


class ApprovedPremisesApplication(VersionedRecord):
    """His current application for approved premises (CAS1)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="approved_premises")
    submitted_on = models.DateField()
    arrival_on = models.DateField("expected arrival", null=True, blank=True)
    status = models.CharField(
        max_length=40, choices=ApplicationStatus.choices, default=ApplicationStatus.AWAITING_ASSESSMENT
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(arrival_on__isnull=True) | Q(arrival_on__gte=models.F("submitted_on")),
                name="ap_arrival_after_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.person.prison_number}"


class MappaRecord(VersionedRecord):
    """The MAPPA record beyond category and level (which people.RiskProfile holds)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="mappa_record")
    category_3_decision_on = models.DateField("category 3 decision made on", null=True, blank=True)
    referral_on = models.DateField("MAPPA A referral made on", null=True, blank=True)
    prison_report_on = models.DateField("MAPPA F report supplied on", null=True, blank=True)
    rmp_agreed_on = models.DateField("risk management plan agreed on", null=True, blank=True)
    police_told_of_release_on = models.DateField("police and ViSOR told on", null=True, blank=True)

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.person.prison_number}"


class MappaMeeting(models.Model):
    """A MAPPA level 2 or 3 meeting or review held."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mappa_meetings")
    held_on = models.DateField()
    kind = models.CharField(max_length=10, choices=MeetingKind.choices, default=MeetingKind.MEETING)
    notes = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.person.prison_number}"


class NotificationRecord(VersionedRecord):
    """Sex-offender notification after release (the flag itself is people.RiskProfile's)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="notification_record")
    initial_notification_on = models.DateField("first notified at a police station on", null=True, blank=True)
    police_station = models.CharField(max_length=120, blank=True)

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.person.prison_number}"


class TransferPlan(VersionedRecord):
    """Transfer to a resettlement prison serving his release area, or the in-reach plan when he stays."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="transfer_plan")
    target_prison = models.ForeignKey(
        Prison, null=True, blank=True, on_delete=models.PROTECT, related_name="transfers_planned"
    )
    due_on = models.DateField("transfer due on", null=True, blank=True)
    status = models.CharField(max_length=20, choices=TransferStatus.choices, blank=True)
    in_reach_plan_on = models.DateField("in-reach plan agreed on", null=True, blank=True)

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.person.prison_number}"


class ResettlementPlan(VersionedRecord):
    """The custody side of resettlement: BCST1 and BCST3, ID, bank account, HDC, the day of release."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="resettlement_plan")
    immediate_needs_screen_on = models.DateField("immediate needs screen on", null=True, blank=True)
    pre_release_report_on = models.DateField("pre-release report on", null=True, blank=True)
    id_documents_obtained_on = models.DateField("ID obtained on", null=True, blank=True)
    bank_account_applied_on = models.DateField("bank account applied for on", null=True, blank=True)
    hdc_assessment_on = models.DateField("HDC assessment completed on", null=True, blank=True)
    hdc_outcome = models.CharField(max_length=20, choices=HdcOutcome.choices, blank=True)
    hdc_decision_maker_approved_on = models.DateField(
        "decision-maker approved continuing HDC on",
        null=True,
        blank=True,
        help_text="Needed when less than 4 weeks remain to the CRD",
    )
    travel_arranged = models.BooleanField("travel on the day of release arranged", default=False)
    property_ready = models.BooleanField("property ready to return", default=False)
    money_ready = models.BooleanField("money ready to return", default=False)
    discharge_grant_arranged = models.BooleanField("discharge grant arranged", default=False)

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.person.prison_number}"


class ResettlementPathways(VersionedRecord):
    """The seven resettlement pathways and where each stands."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="pathways")
    accommodation = models.CharField(max_length=30, choices=PathwayStatus.choices, blank=True)
    attitudes_thinking_and_behaviour = models.CharField(
        max_length=30, choices=PathwayStatus.choices, blank=True
    )
    children_families_and_community = models.CharField(
        max_length=30, choices=PathwayStatus.choices, blank=True
    )
    drugs_and_alcohol = models.CharField(max_length=30, choices=PathwayStatus.choices, blank=True)
    education_skills_and_work = models.CharField(max_length=30, choices=PathwayStatus.choices, blank=True)
    finance_and_id = models.CharField(max_length=30, choices=PathwayStatus.choices, blank=True)
    health = models.CharField(max_length=30, choices=PathwayStatus.choices, blank=True)

    PATHWAY_FIELDS = (
        "accommodation",
        "attitudes_thinking_and_behaviour",
        "children_families_and_community",
        "drugs_and_alcohol",
        "education_skills_and_work",
        "finance_and_id",
        "health",
    )

    class Meta:
        verbose_name_plural = "resettlement pathways"

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.person.prison_number}"


class HandoverRecord(VersionedRecord):
    """OMiC handover progress, early allocation and the parole report."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="handover_record")
    reviewed_oasys = models.BooleanField("last OASys reviewed", default=False)
    contacted_com = models.BooleanField("contact from the COM", default=False)
    attended_handover_meeting = models.BooleanField("handover meeting attended", default=False)
    sent_handover_report = models.BooleanField("handover report sent", default=False)
    early_allocation_screened_on = models.DateField("early allocation screened on", null=True, blank=True)
    early_allocation_accepted = models.BooleanField("accepted for early allocation", default=False)
    parom1_completed_on = models.DateField("PAROM1 completed on", null=True, blank=True)
    parole_refused_release = models.BooleanField(
        "Parole Board refused release at the last hearing", default=False
    )

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.person.prison_number}"


class Licence(VersionedRecord):
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="licence")
    conditions = models.JSONField(default=list, blank=True, help_text="Codes from LicenceCondition")
    required_conditions = models.JSONField(
        default=list,
        blank=True,
        help_text="Codes from LicenceCondition that the COM and the risk management plan ask for",
    )
    issued_on = models.DateField("licence issued on", null=True, blank=True)

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.person.prison_number}"


class DayOneAppointment(VersionedRecord):
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="day_one_appointment")
    appointment_on = models.DateField("appointment on")
    location = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.person.prison_number}"


class InterventionOffer(VersionedRecord):
    """A denial-compatible intervention offered to a man maintaining innocence."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="intervention_offers")
    offered_on = models.DateField()
    intervention = models.CharField(max_length=100)
    outcome = models.CharField(max_length=40, blank=True)
    rationale = models.TextField("risk-management rationale", blank=True)

    class Meta:
        ordering = ["offered_on", "id"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.person.prison_number}"


class ReleaseOutcome(VersionedRecord):
    """Where he went on the night of release (MI014) and where he was 3 months on (MI015)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="release_outcome")
    accommodation_on_release = models.CharField(max_length=30, choices=AccommodationCategory.choices)
    recorded_on = models.DateField()
    settled_at_3_months = models.CharField(max_length=30, choices=AccommodationCategory.choices, blank=True)

    # --- derived: the readiness cache ------------------------------------------------------------------------

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.person.prison_number}"


class Rag(models.TextChoices):
    RED = "RED", "Red"
    AMBER = "AMBER", "Amber"
    GREEN = "GREEN", "Green"


class ReadinessSummary(models.Model):
    """One man's readiness as last evaluated: the counts and dates the dashboard and worklists sort by."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="readiness")
    # Indexed first in both indexes below; an index of its own would only cost every refresh's writes.
    prison = models.ForeignKey(
        Prison, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    evaluated_on = models.DateField()
    earliest_release = models.DateField(null=True, blank=True)
    expected_release = models.DateField(null=True, blank=True)
    handover_date = models.DateField(null=True, blank=True)
    mappa_eligible = models.BooleanField(default=False)
    done_count = models.PositiveSmallIntegerField(default=0)
    due_count = models.PositiveSmallIntegerField(default=0)
    overdue_count = models.PositiveSmallIntegerField(default=0)
    blockers_overdue = models.PositiveSmallIntegerField(default=0)
    next_due_on = models.DateField(null=True, blank=True)
    rag = models.CharField(max_length=5, choices=Rag.choices)

    class Meta:
        indexes = [
            models.Index(fields=["prison", "rag"]),
            models.Index(fields=["prison", "earliest_release"]),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.person.prison_number}"


class ReadinessFinding(models.Model):
    """An outstanding finding (due or overdue) for one man; done and not-applicable ones are counted in the
    summary, and the timeline evaluates them live."""

    # Each is indexed first in an index below (one man's findings by the unique constraint, a prison's by
    # the other two); indexes of their own would only cost every refresh's writes. Nor does the database
    # check them: a national refresh writes two million of these rows, derived from the men's records and
    # rewritten whole with each refresh, and checking both keys of every row at its commit cost as much as
    # writing it. Django still deletes a man's findings with him, and nulls a prison's (on_delete).
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="readiness_findings",
        db_index=False,
        db_constraint=False,
    )
    prison = models.ForeignKey(
        Prison,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    check_id = models.CharField(max_length=60)
    status = models.CharField(max_length=15)  # rules.readiness.Status: due or overdue
    due_on = models.DateField()
    severity = models.CharField(max_length=10)
    reason = models.TextField()

    class Meta:
        ordering = ["due_on", "check_id"]
        constraints = [models.UniqueConstraint(fields=["person", "check_id"], name="one_finding_per_check")]
        indexes = [
            models.Index(fields=["prison", "due_on"]),
            models.Index(fields=["prison", "check_id", "due_on"]),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.person.prison_number}"
