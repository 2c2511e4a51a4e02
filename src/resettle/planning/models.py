"""Transfer planning: the runs of the national plan, each man's outcome in the latest run, and the
transfers themselves from proposal to completion (issue 10; rulebook §4.1).

A run's proposals are machine output: the next run replaces those nobody has acted on. Once an SPO or a
governor accepts one it is a `Transfer` with a history of who moved it on and when; the next run counts it
as already planned (a place taken at the destination, one freed at the origin) and does not plan the man
again. A rejection, with its reason, stops the plan offering him that prison again.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from resettle.core.models import RunStatus
from resettle.estate.models import Prison
from resettle.people.models import Person
from resettle.rules.explained import long_date
from resettle.rules.planning.needs import DEFAULT_HORIZON_WEEKS, RANK_WORDS, UNPLACED_WORDS, Rank
from resettle.rules.planning.needs import UnplacedReason as Reason


class TransferStatus(models.TextChoices):
    PROPOSED = "PROPOSED", "Proposed"
    ACCEPTED = "ACCEPTED", "Accepted"
    BOOKED = "BOOKED", "Booked"
    COMPLETED = "COMPLETED", "Completed"
    REJECTED = "REJECTED", "Rejected"
    CANCELLED = "CANCELLED", "Cancelled"


# The moves a transfer may make, and the next run counts ACCEPTED and BOOKED ones as planned.
NEXT_STATUSES = {
    TransferStatus.PROPOSED: {TransferStatus.ACCEPTED, TransferStatus.REJECTED},
    TransferStatus.ACCEPTED: {TransferStatus.BOOKED, TransferStatus.COMPLETED, TransferStatus.CANCELLED},
    TransferStatus.BOOKED: {TransferStatus.COMPLETED, TransferStatus.CANCELLED},
}
PLANNED = (TransferStatus.ACCEPTED, TransferStatus.BOOKED)
OPEN_TRANSFER = (TransferStatus.PROPOSED, *PLANNED)


class UnplacedReason(models.TextChoices):
    """rules.planning.needs.UnplacedReason, with its words."""

    NO_SUITABLE_PRISON = Reason.NO_SUITABLE_PRISON, UNPLACED_WORDS[Reason.NO_SUITABLE_PRISON]
    ALL_FULL = Reason.ALL_FULL, UNPLACED_WORDS[Reason.ALL_FULL]
    TOO_LATE = Reason.TOO_LATE, UNPLACED_WORDS[Reason.TOO_LATE]
    EXCLUDED = Reason.EXCLUDED, UNPLACED_WORDS[Reason.EXCLUDED]
    NO_RELEASE_AREA = Reason.NO_RELEASE_AREA, UNPLACED_WORDS[Reason.NO_RELEASE_AREA]


class DestinationRank(models.IntegerChoices):
    SERVES_RELEASE_AREA = Rank.SERVES_RELEASE_AREA, RANK_WORDS[Rank.SERVES_RELEASE_AREA]
    IN_RELEASE_REGION = Rank.IN_RELEASE_REGION, RANK_WORDS[Rank.IN_RELEASE_REGION]
    NEAREST_ELSEWHERE = Rank.NEAREST_ELSEWHERE, RANK_WORDS[Rank.NEAREST_ELSEWHERE]


class TransferPlanRun(models.Model):
    """One run of the national plan: its parameters, who ran it, and what it found."""

    Status = RunStatus

    as_of = models.DateField()
    horizon_weeks = models.PositiveSmallIntegerField(default=DEFAULT_HORIZON_WEEKS)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    needs = models.PositiveIntegerField(default=0)
    placed = models.PositiveIntegerField(default=0)
    unplaced = models.PositiveIntegerField(default=0)
    unplaced_by_reason = models.JSONField(default=dict, blank=True)
    objective = models.BigIntegerField(null=True, blank=True)
    solve_seconds = models.FloatField(null=True, blank=True)
    total_seconds = models.FloatField(null=True, blank=True)
    # Per prison code: free places and the plan's arrivals, week by week (the bed-pressure chart).
    pressure = models.JSONField(default=dict, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        get_latest_by = "requested_at"

    def __str__(self) -> str:
        return f"Transfer plan of {long_date(self.as_of)} ({self.get_status_display().lower()})"


class Transfer(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="transfers")
    from_prison = models.ForeignKey(Prison, on_delete=models.PROTECT, related_name="transfers_out")
    to_prison = models.ForeignKey(Prison, on_delete=models.PROTECT, related_name="transfers_in")
    proposed_on = models.DateField("arrives on", help_text="Start of the week he is to arrive")
    latest_arrival = models.DateField(help_text="Release − 12 weeks")
    status = models.CharField(max_length=10, choices=TransferStatus.choices, default=TransferStatus.PROPOSED)
    rank = models.PositiveSmallIntegerField(choices=DestinationRank.choices)
    distance_km = models.FloatField(null=True, blank=True)
    because = models.JSONField(default=list, help_text="Why this prison and week, in words")
    run = models.ForeignKey(TransferPlanRun, null=True, blank=True, on_delete=models.SET_NULL)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="Reason for a rejection or cancellation")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposed_on", "pk"]
        indexes = [
            models.Index(fields=["from_prison", "status"]),
            models.Index(fields=["to_prison", "status"]),
            models.Index(fields=["person", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=["PROPOSED", "ACCEPTED", "BOOKED"]),
                name="one_open_transfer_per_person",
            ),
            models.CheckConstraint(condition=~Q(from_prison=models.F("to_prison")), name="transfer_moves"),
        ]

    def __str__(self) -> str:
        return f"Transfer of {self.person.prison_number} to {self.to_prison.code} ({self.status.lower()})"


class TransferEvent(models.Model):
    """Each change of a transfer's status: who, when and why."""

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=10, choices=TransferStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} at {long_date(self.at)} {self.at:%H:%M}"


class TransferOutcome(models.Model):
    """What the latest run decided for one man in need: placed (with his proposal) or unplaced and why."""

    run = models.ForeignKey(TransferPlanRun, on_delete=models.CASCADE, related_name="outcomes")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="transfer_outcomes")
    from_prison = models.ForeignKey(Prison, on_delete=models.PROTECT, related_name="+")
    transfer = models.OneToOneField(Transfer, null=True, blank=True, on_delete=models.SET_NULL)
    release_on = models.DateField()
    latest_arrival = models.DateField()
    reason = models.CharField(max_length=20, choices=UnplacedReason.choices, blank=True)
    because = models.JSONField(default=list)

    class Meta:
        ordering = ["latest_arrival", "pk"]
        constraints = [models.UniqueConstraint(fields=["run", "person"], name="one_outcome_per_man_per_run")]
        indexes = [models.Index(fields=["run", "from_prison", "reason"])]

    def __str__(self) -> str:
        return f"Outcome for {self.person.prison_number}: {self.get_reason_display() or 'placed'}"

    @property
    def placed(self) -> bool:
        return not self.reason


class TransferHold(models.Model):
    """A recorded reason not to move a man (on hold for court, medical, ...), until lifted."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="transfer_holds")
    reason = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    recorded_on = models.DateField()
    lifted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_on"]

    def __str__(self) -> str:
        return f"Transfer hold on {self.person.prison_number}: {self.reason}"
