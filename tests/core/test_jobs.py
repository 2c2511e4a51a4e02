"""Background jobs (resettle.core.jobs): a job records how it went, is safe to run twice, never raises
into whoever queued it, and reaches the worker only once its transaction has committed."""

from unittest import mock

import pytest
from celery import current_app
from django.core.management import get_commands, load_command_class
from django.test import override_settings

from resettle.core import jobs, tasks
from resettle.core.jobs import Job, Progress, RunStatus

pytestmark = pytest.mark.django_db


def test_a_queued_command_runs_and_keeps_its_output():
    job = jobs.start_command("audit", "verify")

    job.refresh_from_db()
    assert job.status == RunStatus.FINISHED and job.attempts == 1
    assert "Audit trail intact" in job.result["output"]
    assert job.started_at <= job.finished_at


def test_a_job_already_over_is_not_run_again():
    """A task redelivered after its job finished (the broker's at-least-once delivery) does nothing."""
    job = jobs.start_command("audit", "verify")
    work = mock.Mock()

    assert jobs.execute(job.pk, work) is None

    work.assert_not_called()
    job.refresh_from_db()
    assert job.attempts == 1


def test_a_job_whose_worker_died_runs_again():
    job = Job.objects.create(command="audit", arguments=["verify"], status=RunStatus.RUNNING, attempts=1)

    tasks.run_command.delay(job.pk)

    job.refresh_from_db()
    assert (job.status, job.attempts) == (RunStatus.FINISHED, 2)


def test_a_failed_job_keeps_its_error_and_raises_nothing():
    job = jobs.start_command("transfers", "plan", "--run", "987654")

    job.refresh_from_db()
    assert job.status == RunStatus.FAILED
    assert job.error.startswith("CommandError:") and "987654" in job.error


@override_settings(CELERY_TASK_ALWAYS_EAGER=False)
def test_with_a_broker_the_job_is_sent_only_when_its_transaction_commits(django_capture_on_commit_callbacks):
    with (
        mock.patch.object(tasks.run_command, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        job = jobs.start_command("audit", "verify")
        delay.assert_not_called()
    assert len(callbacks) == 1
    delay.assert_called_once_with(job.pk)


def test_progress_is_written_to_the_job_for_the_page_that_polls_it():
    job = Job.objects.create(command="import")
    progress = Progress(job, total=10)

    progress.update(3)
    progress.update(4)

    stored = Job.objects.get(pk=job.pk)
    assert (stored.done, stored.total) == (3, 10)  # the second update came within the second
    assert job.done == 7  # and is written with the job's outcome


@pytest.mark.parametrize("name", sorted(current_app.conf.beat_schedule))
def test_every_scheduled_job_names_a_task_and_a_command_that_takes_its_arguments(name):
    entry = current_app.conf.beat_schedule[name]
    assert entry["task"] in current_app.tasks
    command, *arguments = entry["args"]
    parser = load_command_class(get_commands()[command], command).create_parser("resettle", command)
    parser.parse_args(arguments)  # exits (SystemExit) on arguments the command does not take
