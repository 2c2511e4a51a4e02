"""Starting long work off the request: a run queued by a page (a transfer plan, a projection) is completed
by a `resettle <command> ... --run N` process of its own. Until the background-job service (issue 14)
lands, that is a detached process; `RESETTLE_RUN_JOBS_INLINE` (the test settings) runs it in process.

The command records a failure on its run, which the page shows; inline, the failure is not raised into the
request that queued the run, so the page behaves as it would with a process."""

import io
import logging
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.db import models

logger = logging.getLogger(__name__)


class RunStatus(models.TextChoices):
    """Where a queued run is: each model of runs (transfer plans, projections, report snapshots) uses it."""

    QUEUED = "QUEUED", "Queued"
    RUNNING = "RUNNING", "Running"
    FINISHED = "FINISHED", "Finished"
    FAILED = "FAILED", "Failed"


def start_command(*arguments: str) -> None:
    if getattr(settings, "RESETTLE_RUN_JOBS_INLINE", False):
        try:
            call_command(*arguments, verbosity=0, stdout=io.StringIO())
        except Exception:
            logger.exception("resettle %s failed", " ".join(arguments))
        return
    subprocess.Popen(  # noqa: S603 - our own command, no user input in the arguments
        [sys.executable, "-m", "resettle.cli", *arguments, "-v", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
