"""`resettle import FILE...`: prisoner, probation and CRDS booking records (docs/import.md)."""

import time
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from resettle.interop.importer import import_files


class Command(BaseCommand):
    help = "Import prisoner (Prisoner Search JSON), probation (JSON or CSV) and booking (CRDS JSON) records."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--person", help="the prison number CRDS bookings belong to, e.g. A1234BC")
        parser.add_argument("--rejected", type=Path, help="where to write rejected records (JSON)")

    def handle(self, *args, files, person, rejected, **options):
        missing = [str(path) for path in files if not path.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        started = time.perf_counter()
        with tqdm(unit="record", disable=options["verbosity"] == 0) as bar:
            report = import_files(files, person=person.upper() if person else None, progress=bar)
        seconds = time.perf_counter() - started
        for name, count in sorted(report.counts.items()):
            self.stdout.write(f"{name}: {count:,}")
        self.stdout.write(f"{len(report.changed_people):,} people changed, in {seconds:.1f} s")
        if report.rejections:
            path = rejected or Path(f"import-rejected-{datetime.now():%Y%m%d-%H%M%S}.json")
            report.write_rejections(path)
            for rejection in report.rejections[:20]:
                self.stderr.write(str(rejection))
            self.stderr.write(f"{len(report.rejections):,} rejected; the list is in {path.resolve()}")
