"""Starting a queued plan run off the request: a national plan takes seconds to minutes, never a request's
time. Until the background-job service (issue 14) lands, the run is a `resettle transfers plan --run N`
process of its own; `RESETTLE_RUN_JOBS_INLINE` (the test settings) runs it in process instead."""

import io
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command

from .models import TransferPlanRun


def start_plan_run(run: TransferPlanRun) -> None:
    if getattr(settings, "RESETTLE_RUN_JOBS_INLINE", False):
        call_command("transfers", "plan", "--run", str(run.pk), stdout=io.StringIO())
        return
    subprocess.Popen(  # noqa: S603 - our own command, no user input in the arguments
        [sys.executable, "-m", "resettle.cli", "transfers", "plan", "--run", str(run.pk)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
