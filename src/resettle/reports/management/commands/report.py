"""`resettle report`: the inspection measures (issue 12) of a prison, a region or the country for a period,
printed, or written as PDF or CSV; or a snapshot of every scope kept for trends.

    resettle report --prison DAI --period 12m:2026-11-30
    resettle report --national --pdf national.pdf --csv national.csv
    resettle report --snapshot [--period P] [--trend 12]

`--snapshot` takes every prison's, region's and the country's measures for the period (default: the 12
months to the end of last month); `--trend N` also takes the 12 months to each of the N month ends before.
A region's or the country's report reads a snapshot; a prison's is read from the records if none is kept.
"""

import argparse
from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resettle.core.clock import today
from resettle.estate.models import Prison, Region
from resettle.reports.output import csv_text, pdf
from resettle.reports.report import Scope, build, default_period
from resettle.reports.services import NATIONAL, complete_snapshot, take_queued, take_snapshot
from resettle.reports.templatetags.reports import figure_words
from resettle.rules.inspection.period import Period


def period_argument(text: str) -> Period:
    try:
        return Period.parse(text, today=today())
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


class Command(BaseCommand):
    help = "Inspection measures for a prison, a region or the country; or a snapshot of every scope."

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--prison", metavar="CODE", help="a prison's report")
        scope.add_argument("--region", metavar="CODE", help="a region's report")
        scope.add_argument("--national", action="store_true", help="England and Wales")
        scope.add_argument(
            "--snapshot", action="store_true", help="take every scope's measures and keep them"
        )
        parser.add_argument(
            "--period",
            type=period_argument,
            help="12m, 12m:YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY-MM-DD:YYYY-MM-DD (default: the 12 months to "
            "the end of last month)",
        )
        parser.add_argument("--trend", type=int, default=0, help="with --snapshot: N month ends before too")
        parser.add_argument("--pdf", dest="pdf_file", type=Path, help="write the report as PDF here")
        parser.add_argument("--csv", dest="csv_file", type=Path, help="write every table as CSV here")
        parser.add_argument("--snapshot-run", type=int, help=argparse.SUPPRESS)  # queued by the page

    def handle(
        self,
        *args,
        prison,
        region,
        national,
        snapshot,
        period,
        trend,
        pdf_file,
        csv_file,
        snapshot_run,
        **options,
    ):
        if snapshot_run is not None:
            queued = take_queued(snapshot_run)
            if queued is None:
                raise CommandError(f"snapshot-run: no queued snapshot {snapshot_run}")
            complete_snapshot(queued)
            return
        period = period or default_period(today())
        if snapshot:
            return self._snapshots(period, trend)
        if not (prison or region or national):
            raise CommandError("say which report: --prison CODE, --region CODE or --national (or --snapshot)")
        scope, code, name = self._scope(prison, region)
        report = build(scope, code, name, period)
        if report is None:
            raise CommandError(
                f"no snapshot of {period.words}: take one with --snapshot --period {period.text}"
            )
        self._print(report)
        if pdf_file:
            pdf_file.write_bytes(pdf(report))
            self.stdout.write(f"PDF written to {pdf_file}")
        if csv_file:
            csv_file.write_text(csv_text(report))
            self.stdout.write(f"CSV written to {csv_file}")

    def _scope(self, prison, region) -> tuple[str, str, str]:
        if prison:
            found = Prison.objects.filter(code=prison).values_list("code", "name").first()
            if found is None:
                raise CommandError(f"prison: no prison {prison!r}")
            return Scope.PRISON, *found
        if region:
            found = Region.objects.filter(code=region).values_list("code", "name").first()
            if found is None:
                raise CommandError(f"region: no region {region!r}")
            return Scope.REGION, *found
        return Scope.NATIONAL, *NATIONAL

    def _snapshots(self, period: Period, trend: int):
        ends = [period.end]
        for _ in range(trend):
            ends.append(ends[-1].replace(day=1) - timedelta(days=1))
        periods = [period] + [Period.twelve_months_to(end) for end in ends[1:]]
        for each in reversed(periods):
            taken = take_snapshot(each)
            self.stdout.write(
                f"snapshot {taken.pk}: {each.words}, {taken.figures.count()} scopes, {taken.seconds:.1f} s"
            )

    def _print(self, report):
        self.stdout.write(f"{report.name}: {report.period.words}")
        for theme, lines in report.themes:
            self.stdout.write(f"  {theme}")
            for line in lines:
                self.stdout.write(f"    {line.measure.title}: {figure_words(line.here, line.measure.kind)}")
                for _key, words, count in line.categories:
                    self.stdout.write(f"      {words}: {count:,}")
