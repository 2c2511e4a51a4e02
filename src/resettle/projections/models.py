"""Projection runs (issue 11): each run's parameters, who ran it and its figures, so that a figure can be
reproduced (same as-of date, rates, paths and seed on the same records) and runs compared."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models

from resettle.core.models import RunStatus


class ProjectionRun(models.Model):
    """One run: queued from the page (or run at once by the command), then finished or failed.

    A run with `changes` or a `profile` is a what-if: the official projection is the newest finished run
    with neither, and every what-if is shown against it."""

    Status = RunStatus

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
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
    changes = models.JSONField(default=dict, blank=True, help_text="What-if: rates changed for this run")
    profile = models.CharField(
        max_length=60, blank=True, help_text="What-if: every man's dates recalculated under this rule profile"
    )
    # A profile what-if: releases it brings into the horizon, and how many of them still meet their deadlines.
    profile_effect = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-ran_at", "-pk"]
        get_latest_by = "ran_at"

    def __str__(self) -> str:
        return f"Projection of {self.as_of.isoformat()} ({self.paths} paths, seed {self.seed})"

    @property
    def run_by_name(self) -> str:
        if self.run_by is None:
            return "the command line"
        return self.run_by.get_full_name() or self.run_by.username

    @property
    def is_what_if(self) -> bool:
        return bool(self.changes or self.profile)


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

    @property
    def months_before_labels(self) -> list[str]:
        """The 12 whole months before the run's first, whose releases `released_before` holds."""
        first = self.run.as_of.replace(day=1)
        return [f"{first - relativedelta(months=back):%b %Y}" for back in range(12, 0, -1)]

    @property
    def months_before(self) -> str:
        first = self.run.as_of.replace(day=1)
        return f"{first - relativedelta(months=12):%B %Y} to {first - relativedelta(days=1):%B %Y}"
