"""Offender managers and other staff, and the allocation of a POM and a COM to each man (with history)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from resettle.estate.models import Prison, ProbationDeliveryUnit


class StaffRole(models.TextChoices):
    PRISON_POM = "PRISON_POM", "Prison offender manager (prison officer)"
    PROBATION_POM = "PROBATION_POM", "Prison offender manager (probation officer)"
    COM = "COM", "Community offender manager"
    SPO = "SPO", "Senior probation officer"
    HOMD = "HOMD", "Head of offender management delivery"
    MAPPA_COORDINATOR = "MAPPA_COORDINATOR", "MAPPA coordinator"


POM_ROLES = (StaffRole.PRISON_POM, StaffRole.PROBATION_POM)


class StaffMember(models.Model):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    role = models.CharField(max_length=30, choices=StaffRole.choices)
    prison = models.ForeignKey(
        Prison,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text="Prison staff: where he works",
    )
    pdu = models.ForeignKey(
        ProbationDeliveryUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text="Probation staff: the delivery unit he works in",
    )
    team = models.CharField(max_length=100, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_member",
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = "member of staff"
        verbose_name_plural = "staff"

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class AllocationRole(models.TextChoices):
    PRIMARY_POM = "PRIMARY_POM", "POM"
    CO_WORKING_POM = "CO_WORKING_POM", "Co-working POM"
    COM = "COM", "COM"


class Allocation(models.Model):
    """A POM or COM allocated to a man. The open row (no end date) is the current one; ended rows are history."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="allocations")
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="allocations")
    role = models.CharField(max_length=20, choices=AllocationRole.choices)
    allocated_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-allocated_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=Q(ended_on__isnull=True),
                name="one_current_allocation_per_role",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("allocated_on")),
                name="allocation_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["staff", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.staff} for {self.person.prison_number}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None
