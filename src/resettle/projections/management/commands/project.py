"""`resettle project`: project releases, approved-premises beds and offender-manager workload for every
prison, region and the country, and store the figures as a dated run (issue 11).

`--profile NAME` is a what-if of the release rules: every man's dates are recalculated (not stored) under
that CRDS rule profile, and the run counts the releases it brings earlier and whether their MAPPA, handover
and approved-premises deadlines can still be met. `--rate NAME=VALUE` is a what-if of a rate.

`--backtest` projects instead from 12 and 6 months back and prints the error against the releases the
history holds, by months ahead; nothing is stored.
"""

import argparse
from dataclasses import fields

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from resettle.core.clock import today
from resettle.core.management.arguments import iso_date
from resettle.projections.models import ProjectionFigures
from resettle.projections.services import back_test, complete_run, run_projection, take_run
from resettle.rules.explained import long_date
from resettle.rules.projection.rates import Rates
from resettle.rules.sentencing import profile_names


def rate_change(text: str) -> tuple[str, float | int]:
    """NAME=VALUE for a rate in rates.yml, typed as the rate is."""
    name, _, value = text.partition("=")
    kinds = {field.name: field.type for field in fields(Rates)}
    if name not in kinds:
        raise argparse.ArgumentTypeError(f"unknown rate {name!r}; the rates are {', '.join(kinds)}")
    try:
        return name, kinds[name](value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{name}: {value!r} is not a {kinds[name].__name__}") from error


DEADLINE_WORDS = {
    "mappa_level_set": "MAPPA level set 6 months before release",
    "com_at_handover": "COM allocated by the handover",
    "approved_premises_application": "approved-premises application 6 months before release",
}

# The inspectorate set Dartmoor's coming releases against its last year's (rulebook A4); so does this.
DARTMOOR = "DAI"


class Command(BaseCommand):
    help = "Project releases and the work they bring, per prison, region and nationally."

    def add_arguments(self, parser):
        parser.add_argument("--paths", type=int, default=1000, help="Monte Carlo paths (default 1000)")
        parser.add_argument("--months", type=int, default=24, help="months ahead (default 24)")
        parser.add_argument("--seed", type=int, default=0, help="random seed: the same seed reproduces a run")
        parser.add_argument("--as-of", type=iso_date, help="project from this day (default today)")
        parser.add_argument("--backtest", action="store_true", help="compare with history; store nothing")
        parser.add_argument(
            "--rate",
            action="append",
            default=[],
            type=rate_change,
            metavar="NAME=VALUE",
            help="what-if: run with this rate changed (repeatable), e.g. --rate hdc_approval=0.5",
        )
        parser.add_argument(
            "--profile",
            default="",
            choices=["", *profile_names()],
            help="what-if: every man's dates under this rule profile, e.g. sds-50",
        )
        parser.add_argument("--run", type=int, help=argparse.SUPPRESS)  # a run queued by the page

    def handle(self, *args, paths, months, seed, as_of, backtest, rate, profile, run, **options):
        as_of = as_of or today()
        if paths < 1:
            raise CommandError("--paths: at least 1")
        if backtest:
            return self._backtest(as_of, paths, seed)
        with tqdm(total=4, desc="projecting", unit="step", disable=options["verbosity"] < 1) as bar:
            try:
                if run is not None:
                    queued = take_run(run)
                    if queued is None:
                        raise CommandError(f"run: no queued projection run {run}")
                    run = complete_run(queued, progress=bar)
                else:
                    run = run_projection(
                        as_of=as_of,
                        months=months,
                        paths=paths,
                        seed=seed,
                        changes=dict(rate),
                        profile=profile,
                        progress=bar,
                    )
            except ValueError as error:
                raise CommandError(str(error)) from error
        self.stdout.write(
            f"projection run {run.pk}: {run.men} men projected, {run.undated} held with no date"
        )
        for warning in run.warnings:
            self.stdout.write(f"warning: {warning}")
        if run.profile:
            self._effect(run.profile, run.profile_effect)
        national = run.figures.get(scope=ProjectionFigures.Scope.NATIONAL)
        self._year("England and Wales", national)
        for figures in run.figures.filter(scope=ProjectionFigures.Scope.PRISON, code=DARTMOOR):
            self._year(figures.name, figures)
            self.stdout.write(
                f"{figures.name}: released in the last 12 months ({figures.months_before}) "
                f"{sum(figures.series['released_before']):,}"
            )
        self.stdout.write(f"took {run.seconds:.1f} s")

    def _effect(self, profile, effects):
        for key, words in (
            ("earlier_under_profile", f"{profile} releases earlier than the live rules"),
            ("earlier_under_live", f"the live rules release earlier than {profile} would"),
        ):
            effect = effects[key]
            self.stdout.write(
                f"{words}: {effect['earlier']:,} men within 12 months "
                f"({effect['brought_in']:,} of them brought into the 12 months)"
            )
            for name, deadline in DEADLINE_WORDS.items():
                counted = effect[name]
                self.stdout.write(f"  {deadline}: {counted['met']:,} of {counted['applies']:,} still in time")

    def _year(self, name, figures):
        releases = figures.series["releases_total"]
        mean, low, high = (sum(releases[key][:12]) for key in ("mean", "p10", "p90"))
        self.stdout.write(
            f"{name}: releases in the next 12 months {mean:,.0f} (paths' 10th-90th percentiles of each month "
            f"summed: {low:,.0f}-{high:,.0f})"
        )

    def _backtest(self, as_of, paths, seed):
        for result in back_test(as_of=as_of, paths=paths, seed=seed):
            self.stdout.write(f"back-test from {long_date(result.origin)}")
            self.stdout.write(
                "  months ahead | national APE % | in band | prisons MAPE % | prisons in band %"
            )
            for national, prisons in zip(result.national, result.prisons, strict=True):
                self.stdout.write(
                    f"  {national.months_ahead:>12} | {national.mape:>14.1f} | "
                    f"{'yes' if national.coverage == 100 else 'no':>7} | {prisons.mape:>14.1f} | "
                    f"{prisons.coverage:>17.0f}"
                )
