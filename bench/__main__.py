"""Run Resettle's benchmarks at national scale on PostgreSQL and print one table.

Usage: `make bench` (or `python -m bench --help`). Each run recreates its own database unless --reuse.
"""

import argparse
import os
import platform
import tempfile
import time
from datetime import date

from .database import DEFAULT_DATABASE, configure_django, recreate_database
from .importing import import_rows_apart
from .pages import page_rows
from .projection import projection_rows, simulation_row
from .readiness import evaluation_row
from .report import Row, print_table
from .screens import USERS, screens, someone_held_at
from .server import gunicorn
from .session import busiest_prison, signed_in_cookie
from .transfers import HIGHS_TIME_LIMIT, transfer_rows

NATIONAL_PEOPLE = 85_000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded national demo")
    parser.add_argument("--requests", type=int, default=400, help="requests per page measured")
    parser.add_argument(
        "--concurrency", type=int, default=USERS, help="concurrent keep-alive connections (users)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--highs-time-limit",
        type=float,
        default=HIGHS_TIME_LIMIT,
        help="seconds HiGHS may take on each transfer problem, the baseline of the transfer plan rows",
    )
    parser.add_argument(
        "--import-records", type=int, default=NATIONAL_PEOPLE, help="records in the national import file"
    )
    return parser.parse_args()


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def bare_person_insert_seconds(count: int) -> float:
    """The floor any loader stands on: bulk-inserting the same number of bare Person rows, then removing them."""
    from resettle.estate.models import Prison
    from resettle.people.models import Person

    prison = Prison.objects.order_by("code").first()
    people = [
        Person(
            prison_number=f"Z{n // 676:04d}{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}",
            first_name="Bench",
            last_name="Baseline",
            date_of_birth=date(1980, 1, 1),
            current_prison=prison,
        )
        for n in range(count)
    ]
    seconds = timed(lambda: Person.objects.bulk_create(people, batch_size=5000))
    Person.objects.filter(first_name="Bench", last_name="Baseline").delete()
    return seconds


def recalculation_row(*, workers: int) -> tuple[Row, float]:
    """Full recalculation of every active booking, against just loading the same bookings into the
    engine's input objects with the query the recalculation itself uses."""
    from resettle.people.models import CalculatedReleaseDates
    from resettle.people.release_dates import (
        bookings_for_calculation,
        in_batches,
        live_rules,
        prepare,
        recalculate_bookings,
    )

    rules = live_rules()
    load_seconds = timed(
        lambda: [
            prepare(booking, rules)
            for batch in in_batches(bookings_for_calculation(), 2000)
            for booking in batch
        ]
    )
    CalculatedReleaseDates.objects.all().delete()
    counts = {}
    full_seconds = timed(lambda: counts.update(recalculate_bookings(workers=workers)))
    bookings = counts["bookings"]
    row = Row(
        f"recalculate all release dates ({workers} processes)",
        "bookings/s",
        f"{bookings / full_seconds:,.0f} ({bookings:,} in {full_seconds:.0f} s)",
        f"load into engine input only {bookings / load_seconds:,.0f}/s",
        f"{full_seconds / load_seconds:.2f}x",
    )
    return row, full_seconds


def report_rows(port: int, *, prison, concurrency: int, requests: int) -> list[Row]:
    """The inspection report (issue 12) as a national lead reads it, from the snapshot the demo load took:
    the country's and the busiest prison's pages, and the country's PDF (fewer requests: each is a render)."""
    cookie = signed_in_cookie(prison, role="National lead")
    pages = [
        ("inspection report, England and Wales", "/reports/"),
        (f"inspection report, {prison.code}", f"/prisons/{prison.code}/report/"),
    ]
    rows = page_rows(
        port, pages, cookie=cookie, label="national lead", concurrency=concurrency, requests=requests
    )
    rows += page_rows(
        port,
        [("inspection report PDF, England and Wales", "/reports/national.pdf")],
        cookie=cookie,
        label="national lead",
        concurrency=2,
        requests=PDF_REQUESTS,
    )
    return rows


PDF_REQUESTS = 10


def someone_calculated(prison) -> str:
    """A man at `prison` whose release dates were calculated, for the API's dates endpoint."""
    from resettle.people.models import CalculatedReleaseDates

    calculated = CalculatedReleaseDates.objects.filter(
        booking__person__current_prison=prison, booking__is_active=True, outcome="CALCULATED"
    )
    return calculated.values_list("booking__person__prison_number", flat=True).first()


def main() -> None:
    args = parse_args()
    data_dir = tempfile.mkdtemp(prefix="resettle-bench-")
    if not args.reuse:
        recreate_database(args.database_url)
    env = configure_django(args.database_url, data_dir)
    from django.core.management import call_command

    from resettle.people.models import Person

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    rows: list[Row] = []
    if not (args.reuse and Person.objects.exists()):
        load_seconds = timed(lambda: call_command("demo", scale="national", seed=args.seed, replace=True))
        people = Person.objects.count()
        baseline_seconds = bare_person_insert_seconds(people)
        rows.append(
            Row(
                "national demo load",
                "people/s",
                f"{people / load_seconds:,.0f} ({people:,} in {load_seconds:.0f} s)",
                f"bare Person bulk insert {people / baseline_seconds:,.0f}/s",
                f"{load_seconds / baseline_seconds:.1f}x",
            )
        )

    recalculation, recalculation_seconds = recalculation_row(workers=args.workers)
    rows.append(recalculation)
    rows.append(evaluation_row())
    rows.append(simulation_row())
    rows.extend(projection_rows(recalculation_seconds=recalculation_seconds))
    transfers = transfer_rows(national=True, time_limit=args.highs_time_limit)
    rows.extend(transfers.rows)

    prison = busiest_prison()
    cookie = signed_in_cookie(prison)
    label = f"{prison.code}, {prison.people.exclude(status='RELEASED').count():,} men"
    # The API, as a system reading a prison's men, one man's dates and a worklist would use it.
    api = [
        ("API: people search, one prison (page of 50)", f"/api/v1/people/?prison={prison.code}"),
        ("API: one man's release dates", f"/api/v1/people/{someone_calculated(prison)}/release-dates/"),
        ("API: worklist overdue (page of 50)", f"/api/v1/prisons/{prison.code}/worklists/overdue/"),
    ]
    with gunicorn(env, workers=args.workers) as port:
        # The screens staff use all day (bench.screens), then the API, each against the bare page.
        for pages in (screens(prison, someone_held_at(prison)), api):
            rows.extend(
                page_rows(
                    port,
                    pages,
                    cookie=cookie,
                    label=label,
                    concurrency=args.concurrency,
                    requests=args.requests,
                )
            )
        rows.extend(report_rows(port, prison=prison, concurrency=args.concurrency, requests=args.requests))
    rows.extend(import_rows_apart(f"{args.database_url}_import", records=args.import_records))

    print_table(
        f"Resettle benchmarks, {date.today():%d %B %Y}",
        [
            f"PostgreSQL at {args.database_url.rsplit('@', 1)[-1]}; {Person.objects.count():,} people on record",
            f"served by gunicorn ({args.workers} workers x 4 threads) with DEBUG off, as `resettle serve` does",
            f"load from this machine: {args.concurrency} keep-alive connections, {args.requests} requests per page, "
            f"signed-in session; {os.cpu_count()} cores shared by server, database and load ({platform.python_version()})",
            f"transfer plans: HiGHS (SciPy milp, mip_rel_gap 0) on the same problem, limited to "
            f"{args.highs_time_limit:g} s; the month's cohort is built from the estate's data files, seeded",
        ],
        rows,
    )
    if transfers.mismatches:
        raise SystemExit("Transfer plan objectives differ from HiGHS: " + "; ".join(transfers.mismatches))


if __name__ == "__main__":
    main()
