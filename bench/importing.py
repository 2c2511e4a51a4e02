"""Importing a national Prisoner Search extract: the issue asks that 85,000 records import in minutes.

Runs in a database of its own with only the estate in it (`python -m bench.importing`, which `make bench`
starts for its last rows), so that the men it brings never weigh on the other figures. The file is written
afresh, every record a new man. The baseline is the floor under any importer: reading and checking the
same records, then bulk-inserting their Person rows (rolled back); for the second import, which should
store nothing, only the reading and checking.
"""

import argparse
import dataclasses
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from .database import configure_django, recreate_database
from .report import Row, print_table

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/resettle_bench_import"
# A prison number series and booking ids the demo never hands out.
SERIES = "K"
FIRST_BOOKING = 9_000_000


def _prison_number(n: int) -> str:
    """The n-th number of the series: K0000AA, K0001AA... K9999AA, K0000AB..."""
    letters = n // 10000
    return f"{SERIES}{n % 10000:04d}{chr(65 + letters // 26 % 26)}{chr(65 + letters % 26)}"


def _prisoner(rng: random.Random, n: int, prison, today: date) -> dict:
    from resettle.demo.names import full_name

    female = prison.estate == "FEMALE"
    first, middle, last = full_name(rng, female)
    born = today - timedelta(days=rng.randint(18 * 365, 75 * 365))
    received = today - timedelta(days=rng.randint(1, 6 * 365))
    months = rng.choice((6, 9, 12, 18, 24, 36, 48, 60, 96))
    expiry = received + timedelta(days=months * 30)
    recall = rng.random() < 0.08
    record = {
        "prisonerNumber": _prison_number(n),
        "pncNumber": f"{born.year + 18}/{rng.randrange(10_000_000):07d}{rng.choice('ABCDEFGHJKLMNPQRTUVWXY')}",
        "bookingId": str(FIRST_BOOKING + n),
        "bookNumber": f"{n % 100000:05d}{rng.choice('ABCDE')}",
        "firstName": first.upper(),
        "middleNames": middle.upper(),
        "lastName": last.upper(),
        "dateOfBirth": born.isoformat(),
        "gender": "Female" if female else "Male",
        "status": "ACTIVE IN",
        "inOutStatus": "IN",
        "lastMovementTypeCode": "ADM",
        "legalStatus": "RECALL" if recall else "SENTENCED",
        "recall": recall,
        "imprisonmentStatus": "LR_ORA" if recall else "SENT03",
        "prisonId": prison.code,
        "prisonName": prison.name,
        "cellLocation": f"{rng.choice('ABCDEFGH')}-{rng.randint(1, 4)}-{rng.randint(1, 40):03d}",
        "category": rng.choice("BCCCCDD") if not female else "",
        "receptionDate": received.isoformat(),
        "sentenceStartDate": received.isoformat(),
        "conditionalReleaseDate": (received + timedelta(days=months * 15)).isoformat(),
        "homeDetentionCurfewEligibilityDate": (received + timedelta(days=months * 15 - 180)).isoformat()
        if months < 48 and rng.random() < 0.5
        else None,
        "licenceExpiryDate": expiry.isoformat(),
        "sentenceExpiryDate": expiry.isoformat(),
        "topupSupervisionExpiryDate": (expiry + timedelta(days=365)).isoformat() if months < 24 else None,
        "nationality": "British",
        "religion": rng.choice(("Church of England", "Roman Catholic", "Muslim", "No religion")),
        "maritalStatus": rng.choice(("Single-not married/in civil partnership", "Married", "Divorced")),
        "mostSeriousOffence": "Theft from the person of another",
    }
    return {name: value for name, value in record.items() if value is not None}


def write_national_file(path: Path, count: int, *, seed: int = 1) -> None:
    """`count` Prisoner Search records, one JSON object a line, spread over the estate by capacity."""
    from resettle.core.clock import today
    from resettle.estate.models import Prison

    rng = random.Random(seed)
    prisons = list(Prison.objects.order_by("code"))
    weights = [prison.operational_capacity for prison in prisons]
    on = today()
    with path.open("w", encoding="utf-8") as out:
        for n, prison in enumerate(rng.choices(prisons, weights, k=count)):
            out.write(json.dumps(_prisoner(rng, n, prison, on)) + "\n")


def _timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def baseline_seconds(path: Path) -> tuple[float, float]:
    """Seconds to read and check every record as the importer does; and to do that, then insert all their
    Person rows in one bulk insert (rolled back)."""
    from django.db import transaction

    from resettle.estate.models import Prison
    from resettle.interop import prisoners
    from resettle.interop.reading import items
    from resettle.people.models import Person

    def people():
        prisons = {prison.code: prison for prison in Prison.objects.all()}
        return [Person(**prisoners.read(item.raw, prisons).person) for item in items(path)]

    read_seconds, _ = _timed(people)
    with transaction.atomic():
        insert_seconds, _ = _timed(lambda: Person.objects.bulk_create(people(), batch_size=5000))
        transaction.set_rollback(True)
    return read_seconds, insert_seconds


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f} ({count:,} in {seconds:.0f} s)"


def import_rows(count: int) -> list[Row]:
    """Import the national file, then import it again."""
    from resettle.interop.importer import import_files
    from resettle.plans.refreshing import Refreshing

    class TimedRefreshing(Refreshing):
        """How long the import waits, once every record is stored, for its men to be refreshed."""

        def finish(self) -> int:
            self.seconds, refreshed = _timed(super().finish)
            return refreshed

    refreshing = TimedRefreshing()

    with tempfile.TemporaryDirectory(prefix="resettle-bench-import-") as folder:
        path = Path(folder) / "prisoner-search-national.ndjson"
        write_national_file(path, count)
        megabytes = path.stat().st_size / 1024**2
        read_seconds, insert_seconds = baseline_seconds(path)
        first_seconds, first = _timed(lambda: import_files([path], refreshing=refreshing))
        refresh_seconds = refreshing.seconds
        again_seconds, again = _timed(lambda: import_files([path]))
    processes = refreshing.processes or 1
    assert first.counts == {"prisoner stored": count}, first.counts
    assert again.counts == {"prisoner unchanged": count} and not again.changed_people, again.counts
    return [
        Row(
            f"import a national Prisoner Search file ({count:,} men, {megabytes:.0f} MB)",
            "records/s",
            _rate(count, first_seconds),
            f"read, check and bulk-insert the people {count / insert_seconds:,.0f}/s",
            f"{first_seconds / insert_seconds:.1f}x",
        ),
        Row(
            f"  of which: storing and auditing every record (refreshed beside it by {processes} processes)",
            "records/s",
            _rate(count, first_seconds - refresh_seconds),
            f"read, check and bulk-insert the people {count / insert_seconds:,.0f}/s",
            f"{(first_seconds - refresh_seconds) / insert_seconds:.1f}x",
        ),
        Row(
            "  of which: then waiting for the rest of their dates and readiness to be refreshed",
            "seconds",
            f"{refresh_seconds:.0f} s",
            "",
            "",
        ),
        Row(
            "import the same file again (stores nothing)",
            "records/s",
            _rate(count, again_seconds),
            f"read and check the records {count / read_seconds:,.0f}/s",
            f"{again_seconds / read_seconds:.1f}x",
        ),
    ]


def import_rows_apart(database_url: str, *, records: int) -> list[Row]:
    """import_rows() in its own process and database."""
    command = [sys.executable, "-m", "bench.importing", "--database-url", database_url]
    output = subprocess.run(
        [*command, "--records", str(records), "--json"], check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    return [Row(**row) for row in json.loads(output)]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.importing", description=__doc__)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE, help="recreated with the estate only")
    parser.add_argument("--records", type=int, default=85_000)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON rather than a table")
    args = parser.parse_args()
    recreate_database(args.database_url)
    configure_django(args.database_url, tempfile.mkdtemp(prefix="resettle-bench-"))
    from django.core.management import call_command
    from django.db import transaction

    from resettle.demo.estate import build_estate

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        build_estate()
    rows = import_rows(args.records)
    if args.json:
        print(json.dumps([dataclasses.asdict(row) for row in rows]))
        return
    print_table(
        f"Resettle import benchmark, {date.today():%d %B %Y}",
        [
            f"PostgreSQL at {args.database_url.rsplit('@', 1)[-1]}, with the estate and no one else in it",
            f"{os.cpu_count()} cores shared by the importer and the database ({platform.python_version()})",
        ],
        rows,
    )


if __name__ == "__main__":
    main()
