"""Projection runs (issue 11): each run's parameters, who ran it and its figures, so that a figure can be
reproduced (same as-of date, rates, paths and seed on the same records) and runs compared."""

from django.conf import settings
from django.db import models


class ProjectionRun(models.Model):
    as_of = models.DateField()
    months = models.PositiveSmallIntegerField(default=24)
    paths = models.PositiveIntegerField(default=1000)
    seed = models.BigIntegerField()
    rates = models.JSONField(help_text="The central rates used, with where each came from")
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    ran_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField(null=True, blank=True)
    men = models.PositiveIntegerField(default=0, help_text="Men projected (with a release date)")
    undated = models.PositiveIntegerField(default=0, help_text="Men held with no release date to project")
    warnings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-ran_at", "-pk"]
        get_latest_by = "ran_at"

    def __str__(self) -> str:
        return f"Projection of {self.as_of:%-d %B %Y} ({self.paths} paths, seed {self.seed})"


class ProjectionFigures(models.Model):
    """One scope's figures in a run: per measure, each month's mean, 10th, 50th and 90th percentiles
    and the low and high scenarios' means."""

    class Scope(models.TextChoices):
        PRISON = "PRISON", "Prison"
        REGION = "REGION", "Region"
        NATIONAL = "NATIONAL", "England and Wales"

    run = models.ForeignKey(ProjectionRun, on_delete=models.CASCADE, related_name="figures")
    scope = models.CharField(max_length=10, choices=Scope.choices)
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=100)
    months = models.JSONField(help_text="Month labels")
    series = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "scope", "code"], name="one_figure_set_per_scope")
        ]

    def __str__(self) -> str:
        return f"{self.name} in {self.run}"
