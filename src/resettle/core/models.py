from django.conf import settings
from django.db import models
from django.utils import timezone


class RunStatus(models.TextChoices):
    """Where a queued piece of work is: jobs, and each model of runs (transfer plans, projections, report
    snapshots), use it."""

    QUEUED = "QUEUED", "Queued"
    RUNNING = "RUNNING", "Running"
    FINISHED = "FINISHED", "Finished"
    FAILED = "FAILED", "Failed"


class Job(models.Model):
    """A piece of long work run by a background worker: a `resettle` command and its arguments, queued by
    a page, the API or the beat schedule. Administrators see every job, and a failed one with its error."""

    command = models.CharField(max_length=40)
    arguments = models.JSONField(default=list, help_text="The command's arguments, as `resettle` takes them")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    done = models.PositiveIntegerField(default=0, help_text="Records or steps done so far")
    total = models.PositiveIntegerField(null=True, blank=True, help_text="How many there are, when known")
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-queued_at", "-pk"]
        indexes = [models.Index(fields=["status", "-queued_at"])]

    def __str__(self) -> str:
        return f"resettle {self.command_line} ({self.get_status_display().lower()})"

    @property
    def command_line(self) -> str:
        return " ".join([self.command, *self.arguments])

    @property
    def is_over(self) -> bool:
        return self.status in {RunStatus.FINISHED, RunStatus.FAILED}
