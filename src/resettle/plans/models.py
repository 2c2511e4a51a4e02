"""Release-plan records. The foundation holds the accommodation plan; later work adds the rest of the plan."""

from django.db import models

from resettle.people.models import Person


class AccommodationCategory(models.TextChoices):
    """The categories of the MoJ accommodation-outcome statistics (MI014)."""

    SETTLED = "SETTLED", "Settled accommodation"
    OTHER_HOUSED = "OTHER_HOUSED", "Other housed (transient or temporary)"
    APPROVED_PREMISES = "APPROVED_PREMISES", "Approved premises (CAS1)"
    CAS = "CAS", "Bail or probation accommodation (CAS2 or CAS3)"
    HOMELESS = "HOMELESS", "Homeless, not rough sleeping"
    ROUGH_SLEEPING = "ROUGH_SLEEPING", "Rough sleeping"


class AccommodationPlan(models.Model):
    """Where a man is to live on release. No plan, or no confirmation date, means no confirmed accommodation."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="accommodation_plan")
    category = models.CharField(max_length=30, choices=AccommodationCategory.choices)
    address = models.TextField(blank=True)
    confirmed_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.get_category_display()} for {self.person.prison_number}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_on is not None
