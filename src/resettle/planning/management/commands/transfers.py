"""`resettle transfers plan`: plan every man's move to a resettlement prison for his release area.

Prints the counts (men in need, placed, unplaced by reason) and the solve time. Run nightly (or from the
national plan page, which starts it in the background); `--dry-run` stores nothing.
"""

import argparse

from django.core.management.base import BaseCommand, CommandError

from resettle.core.clock import today
from resettle.core.management.arguments import iso_date
from resettle.planning.models import TransferPlanRun, UnplacedReason
from resettle.planning.services import DEFAULT_HORIZON_WEEKS, run_transfer_plan


class Command(BaseCommand):
    help = "Transfer planning to resettlement prisons (rulebook §4.1)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        plan = sub.add_parser("plan", help="plan every man in need, nationally")
        plan.add_argument("--as-of", type=iso_date, help="plan as of this day (default today)")
        plan.add_argument("--horizon-weeks", type=int, default=DEFAULT_HORIZON_WEEKS)
        plan.add_argument("--dry-run", action="store_true", help="print the counts, store nothing")
        plan.add_argument("--run", type=int, help=argparse.SUPPRESS)  # a run queued by the plan page

    def handle(self, *args, action, as_of, horizon_weeks, dry_run, run, **options):
        queued = None
        if run is not None:
            # Taking the run is one statement, so two workers started for it cannot both run it.
            taken = TransferPlanRun.objects.filter(pk=run, status=TransferPlanRun.Status.QUEUED).update(
                status=TransferPlanRun.Status.RUNNING
            )
            if not taken:
                raise CommandError(f"run: no queued transfer plan run {run}")
            queued = TransferPlanRun.objects.get(pk=run)
            as_of, horizon_weeks = queued.as_of, queued.horizon_weeks
        try:
            result = run_transfer_plan(
                as_of=as_of or today(),
                horizon_weeks=horizon_weeks,
                dry_run=dry_run,
                run=queued,
                user=queued.run_by if queued else None,
            )
        except Exception as error:
            if queued is not None:  # visible on the plan page, never left running
                TransferPlanRun.objects.filter(pk=run).update(
                    status=TransferPlanRun.Status.FAILED, error=str(error)
                )
            if isinstance(error, ValueError):
                raise CommandError(str(error)) from error
            raise
        plan = result.plan
        self.stdout.write(f"men in need of a transfer: {result.needs}")
        self.stdout.write(f"placed: {len(plan.placements)}")
        self.stdout.write(f"unplaced: {len(plan.unplaced)}")
        for reason, count in sorted(plan.unplaced_by_reason().items()):
            self.stdout.write(f"  {UnplacedReason(reason).label}: {count}")
        for warning in result.warnings:
            self.stdout.write(f"warning: {warning}")
        self.stdout.write(f"solve time: {plan.solve_seconds:.3f} s; total {result.total_seconds:.2f} s")
        self.stdout.write("dry run: nothing stored" if dry_run else f"stored as plan run {result.run.pk}")
