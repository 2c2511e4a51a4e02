"""Long work off the request: background jobs on Celery (config/celery.py).

A page, the API or the beat schedule queues a `Job` (a row that says what to do) and hands its id to a
Celery task; a worker does the work and records on the row how it went. The row is what makes a job safe
to retry: a task claims its job before working, so a job redelivered after it finished does nothing, and
one redelivered after its worker died starts again. A failure is kept on the row with its error, for the
administrators' list of jobs, and is never raised into the request that queued the job.

With no broker configured (`make run`, the tests) Celery runs each task eagerly, in the process that
queued it: the work is done before the request answers, as it is done by the worker elsewhere.
"""

import io
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Job, RunStatus

__all__ = ["Job", "Progress", "RunStatus", "dispatch", "execute", "start_command"]

logger = logging.getLogger(__name__)

# The last part of a command's output kept on its job, for the administrators' list.
KEPT_OUTPUT = 4000


def start_command(*arguments: str, user=None) -> Job:
    """Queue `resettle <arguments>` as a job, to be run by a worker."""
    from .tasks import run_command  # the task module imports this one

    job = Job.objects.create(command=arguments[0], arguments=list(arguments[1:]), requested_by=user)
    dispatch(run_command, job)
    return job


def dispatch(task, job: Job) -> None:
    """Send the job to its task once the transaction that queued it has committed, so that the worker
    finds the job and everything the request wrote with it. Eager tasks run at once, in this process."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        task.delay(job.pk)
    else:
        transaction.on_commit(lambda: task.delay(job.pk), robust=True)


def execute(job_pk: int, work: Callable[[Job], dict | None]) -> Job | None:
    """Claim the job and do its work, recording the outcome. None if the job was already over."""
    claimed = Job.objects.filter(pk=job_pk, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1, error=""
    )
    if not claimed:
        logger.info("job %s is over or gone: nothing to do", job_pk)
        return None
    job = Job.objects.get(pk=job_pk)
    try:
        result = work(job) or {}
    except Exception as error:
        logger.exception("job %s (resettle %s) failed", job.pk, job.command_line)
        job.status, job.error = RunStatus.FAILED, f"{type(error).__name__}: {error}"
    else:
        job.status, job.result = RunStatus.FINISHED, result
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "result", "finished_at", "done", "total"])
    return job


def run_command_now(job: Job) -> dict:
    output = io.StringIO()
    call_command(job.command, *job.arguments, verbosity=0, stdout=output, stderr=output)
    return {"output": output.getvalue()[-KEPT_OUTPUT:]}


class Progress:
    """How far a job has got, for the page that polls it: a tqdm-like `update(n)` that writes the count to
    the job at most once a second."""

    INTERVAL_SECONDS = 1.0

    def __init__(self, job: Job, total: int | None = None):
        self.job = job
        self.job.done, self.job.total = 0, total
        self._written = 0.0

    def update(self, n: int = 1) -> None:
        self.job.done += n
        now = time.monotonic()
        if now - self._written >= self.INTERVAL_SECONDS:
            Job.objects.filter(pk=self.job.pk).update(done=self.job.done, total=self.job.total)
            self._written = now
