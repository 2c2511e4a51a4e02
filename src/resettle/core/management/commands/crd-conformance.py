"""`resettle crd-conformance DIR`: how far the release-date engine agrees with CRDS's own test cases.

A report, not a gate: it exits 0 whatever the pass rate, and non-zero only when DIR is not a fixture
directory. DEBUG=1 (or -v 2) adds why each failing case failed."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resettle.core.conformance import FixturesMissing, run


class Command(BaseCommand):
    help = "Run the release-date engine over a CRDS fixture directory and report the pass rate."

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", type=Path, help="holds overall_calculation/, overall_calculation_response/, params/"
        )

    def handle(self, *args, directory, **options):
        try:
            report = run(directory)
        except FixturesMissing as missing:
            raise CommandError(str(missing)) from None
        verbose = options["verbosity"] > 1 or os.environ.get("DEBUG", "") not in ("", "0")
        self.stdout.write("\n".join(report.lines(verbose=verbose)))
