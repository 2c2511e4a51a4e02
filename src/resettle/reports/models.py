"""Inspection report snapshots (issue 12): the measures of every prison, region and the country for a
period, kept as taken, so that trends still show after the records change."""

from django.conf import settings
from django.db import models

from resettle.core.models import RunStatus
from resettle.projections.models import ProjectionFigures


class ReportSnapshot(models.Model):
    """One taking of the measures for one period; queued by a page, completed off the request."""

    Status = RunStatus

    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    taken_at = models.DateTimeField(auto_now_add=True)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-taken_at", "-pk"]
        get_latest_by = "taken_at"

    def __str__(self) -> str:
        return f"Report of {self.period_start.isoformat()} to {self.period_end.isoformat()}"


class ReportFigures(models.Model):
    """One scope's measures in a snapshot: per measure, the figure over all men and split by offence group
    and MAPPA level (rules.inspection.measures.Result.as_dict)."""

    # The scopes a projection's figures have: a prison, a region, the country.
    Scope = ProjectionFigures.Scope

    snapshot = models.ForeignKey(ReportSnapshot, on_delete=models.CASCADE, related_name="figures")
    scope = models.CharField(max_length=10, choices=Scope.choices)
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=100)
    results = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "scope", "code"], name="one_report_per_scope")
        ]
        indexes = [models.Index(fields=["scope", "code"])]

    def __str__(self) -> str:
        return f"{self.name} in {self.snapshot}"
