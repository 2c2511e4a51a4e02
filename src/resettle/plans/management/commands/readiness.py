"""`resettle readiness`: evaluate one self-contained case (a scenario file) without the database.

    resettle readiness --input case.json --as-of 2027-01-04 --json
    resettle readiness --list-checks

The input schema is documented, with an example, in docs/readiness.md."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resettle.core.clock import today
from resettle.core.management.arguments import iso_date
from resettle.rules.readiness import CATALOGUE, CaseInvalid, case_from_json, evaluate_case, report_to_json


class Command(BaseCommand):
    help = "Evaluate the readiness checks for one case in a JSON file, or list the checks."
    requires_system_checks = []  # a pure calculation: no models, no database
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--input", type=Path, help="a case as JSON (docs/readiness.md)")
        parser.add_argument(
            "--as-of", type=iso_date, help="evaluate as on this day, YYYY-MM-DD (default today)"
        )
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument(
            "--list-checks", action="store_true", help="print the catalogue: id, title, source"
        )

    def handle(self, *args, **options):
        if options["list_checks"]:
            for check in CATALOGUE:
                self.stdout.write(f"{check.id}\t{check.title}\t{check.source}")
            return
        if options["input"] is None:
            raise CommandError("--input FILE.json is required (or --list-checks)")
        try:
            case = case_from_json(json.loads(options["input"].read_text()))
        except OSError as error:
            raise CommandError(f"--input: {error.strerror}: {options['input']}") from None
        except json.JSONDecodeError as error:
            raise CommandError(f"--input: not valid JSON ({error})") from None
        except CaseInvalid as error:
            raise CommandError(str(error)) from None
        report = report_to_json(evaluate_case(case, options["as_of"] or today()))
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
            return
        for finding in report["findings"]:
            due = finding["due_date"] or "-"
            self.stdout.write(
                f"{finding['status']:<15}{due:<12}{finding['severity']:<9}{finding['check']}: {finding['reason']}"
            )
