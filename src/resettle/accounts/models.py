from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from resettle.estate.models import Prison, ProbationDeliveryUnit, Region


class User(AbstractUser):
    """A person who signs in to Resettle.

    His roles are his Django groups (resettle.accounts.roles); these fields say where they apply.
    `caseload_prison` is the prison whose caseload he works on (NOMIS calls it the active caseload) and
    the prison a POM, SPO or governor sees; `region` is where a regional lead or MAPPA coordinator works;
    `pdu` is a COM's probation delivery unit. What he may see follows from roles and scope together
    (resettle.accounts.policy), never from one field alone.
    """

    caseload_prison = models.ForeignKey(
        Prison, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Regional lead and MAPPA coordinator: the region he works in",
    )
    pdu = models.ForeignKey(
        ProbationDeliveryUnit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="probation delivery unit",
        help_text="COM: the probation delivery unit he works in",
    )


class InspectionGrant(models.Model):
    """An inspector's read-only access to one prison, for the dates of an inspection and no longer."""

    inspector = models.ForeignKey(User, on_delete=models.CASCADE, related_name="inspection_grants")
    prison = models.ForeignKey(Prison, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="inspection_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.inspector} inspecting {self.prison}, {self.starts_on:%d %B %Y} to {self.ends_on:%d %B %Y}"
        )

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The inspection must end on or after the day it starts."})


class EnrolmentCode(models.Model):
    """A one-time code an administrator gives a user to set up his authenticator, so that whoever first
    signs in with his password cannot register one. Only its hash is kept; a new code replaces the last."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolment_codes")
    code_hash = models.CharField(max_length=64)
    issued_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"Enrolment code for {self.user}, issued {self.issued_at:%d %B %Y %H:%M}"
