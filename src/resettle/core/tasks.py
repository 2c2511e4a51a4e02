"""The Celery tasks that run `resettle` commands: a job queued by a page or the API, and the commands on
the beat schedule (settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from . import jobs
from .models import Job


@shared_task(acks_late=True, reject_on_worker_lost=True)
def run_command(job_pk: int) -> None:
    jobs.execute(job_pk, jobs.run_command_now)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def scheduled_command(*arguments: str) -> None:
    """A command on the schedule: queued as a job of its own, so that its outcome is listed like any other."""
    job = Job.objects.create(command=arguments[0], arguments=list(arguments[1:]))
    jobs.execute(job.pk, jobs.run_command_now)
