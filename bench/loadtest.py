"""`make loadtest`: Locust, headless, against the national demo on loopback, bounded in time and users.

Signs in a POM, an SPO and a national lead at the busiest prison (sessions past the second factor), starts
gunicorn as production runs it, drives it with bench/locustfile.py, and prints p50/p95/p99 per page and the
error count. Needs the national demo in the bench database (`make bench` loads it; or --load)."""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .database import DEFAULT_DATABASE, configure_django
from .server import gunicorn
from .session import busiest_prison, signed_in_cookie

ROLES = ["POM", "SPO", "National lead"]
PEOPLE_OPENED = 500


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--run-time", default="90s", help="how long, e.g. 90s or 3m")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--load", action="store_true", help="load the national demo first (minutes)")
    return parser.parse_args()


def write_plan(path: Path) -> None:
    from resettle.people.models import Person

    prison = busiest_prison()
    people = list(
        Person.objects.filter(current_prison=prison, status__in=["IN_CUSTODY", "RECALLED"])
        .order_by("prison_number")
        .values_list("prison_number", flat=True)[:PEOPLE_OPENED]
    )
    cookies = {role: signed_in_cookie(prison, role=role) for role in ROLES}
    path.write_text(
        json.dumps({"prison": prison.code, "people": people, "cookies": cookies}), encoding="utf-8"
    )


def print_stats(prefix: Path) -> int:
    """The per-page table from Locust's CSV, and the error count (the exit status is its being non-zero)."""
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        rows = list(csv.DictReader(stats))
    print(
        f"{'page':<34} {'requests':>9} {'errors':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'req/s':>7}"
    )
    errors = 0
    for row in rows:
        name = "all pages" if row["Name"] == "Aggregated" else row["Name"]
        print(
            f"{name:<34} {row['Request Count']:>9} {row['Failure Count']:>7} {row['50%']:>7} {row['95%']:>7} "
            f"{row['99%']:>7} {float(row['Requests/s']):>7.1f}"
        )
        if row["Name"] == "Aggregated":
            errors = int(row["Failure Count"])
    print(f"{errors} errors")
    return errors


def main() -> None:
    args = parse_args()
    env = configure_django(args.database_url, tempfile.mkdtemp(prefix="resettle-loadtest-"))
    from django.core.management import call_command

    from resettle.people.models import Person

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if args.load or not Person.objects.exists():
        call_command("demo", scale="national", seed=1, replace=True)
    folder = Path(tempfile.mkdtemp(prefix="resettle-loadtest-"))
    write_plan(folder / "plan.json")
    with gunicorn(env, workers=args.workers) as port:
        subprocess.run(
            [
                str(Path(sys.executable).with_name("locust")),
                "-f",
                str(Path(__file__).with_name("locustfile.py")),
                "--headless",
                "--host",
                f"http://127.0.0.1:{port}",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                args.run_time,
                "--csv",
                str(folder / "load"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env={**os.environ, "LOADTEST_PLAN": str(folder / "plan.json")},
            check=False,
        )
    errors = print_stats(folder / "load")
    raise SystemExit(1 if errors else 0)


if __name__ == "__main__":
    main()
