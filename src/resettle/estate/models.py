"""The prison and probation estate: regions, probation delivery units (release areas) and prisons."""

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models


class Region(models.Model):
    """A probation region of England and Wales; prisons and PDUs both sit in one."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProbationDeliveryUnit(models.Model):
    """A probation delivery unit (PDU). A man's release area is the PDU he will be supervised in."""

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=120)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="pdus")
    email = models.EmailField(blank=True)
    # Coordinates of the area's centre, for the straight-line distances of transfer planning.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "probation delivery unit"

    def __str__(self) -> str:
        return self.name


class Prison(models.Model):
    class Category(models.TextChoices):
        HIGH_SECURITY = "A", "Category A (high security)"
        B_LOCAL = "B_LOCAL", "Category B local (reception)"
        B_TRAINER = "B", "Category B training"
        C = "C", "Category C training"
        C_RESETTLEMENT = "C_RESETTLEMENT", "Category C resettlement"
        D = "D", "Category D (open)"
        YOUNG_OFFENDER = "YOI", "Young offender institution"
        FEMALE_CLOSED = "FEMALE_CLOSED", "Women's closed"
        FEMALE_OPEN = "FEMALE_OPEN", "Women's open"

    class Estate(models.TextChoices):
        MALE = "MALE", "Men's estate"
        FEMALE = "FEMALE", "Women's estate"

    code = models.CharField(
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", "A prison code is three capital letters, like DAI.")],
    )
    name = models.CharField(max_length=100, help_text="Full name, such as HMP Dartmoor")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="prisons")
    category = models.CharField(max_length=20, choices=Category.choices)
    estate = models.CharField(max_length=10, choices=Estate.choices, default=Estate.MALE)
    # Blank when not recorded: transfer planning then offers no place there and says why.
    operational_capacity = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)]
    )
    is_resettlement_prison = models.BooleanField(
        default=False, help_text="Designated resettlement prison (2013 Transforming Rehabilitation)"
    )
    release_areas_served = models.ManyToManyField(
        ProbationDeliveryUnit, blank=True, related_name="resettlement_prisons"
    )
    accepts_sexual_offences = models.BooleanField(
        default=False, help_text="Holds men convicted of sexual offences"
    )
    is_private = models.BooleanField(default=False)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    roll = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Men on the establishment roll, as the prison reports it; transfer planning counts it "
        "where more men are held than have records here",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
