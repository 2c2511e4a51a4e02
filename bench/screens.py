"""`python -m bench.screens`: the pages staff use all day, at 20 users on the national demo already in the
bench database, against the bare Django page in the same run (the rows `make bench` prints for them,
without the rest of the benchmark's half hour)."""

import argparse
import os
import tempfile

from .database import DEFAULT_DATABASE, configure_django
from .pages import page_rows
from .report import print_table
from .server import gunicorn
from .session import busiest_prison, signed_in_cookie

USERS = 20


def someone_held_at(prison) -> str:
    """The first man in custody there, by prison number: the same man in every run."""
    from resettle.people.models import Person

    return (
        Person.objects.filter(current_prison=prison, status="IN_CUSTODY")
        .order_by("prison_number")
        .values_list("prison_number", flat=True)
        .first()
    )


def screens(prison, someone: str) -> list[tuple[str, str]]:
    code = prison.code
    return [
        ("readiness dashboard", f"/prisons/{code}/dashboard/"),
        ("worklist: overdue", f"/prisons/{code}/worklists/overdue/"),
        ("worklist: due in 12 weeks", f"/prisons/{code}/worklists/due-12-weeks/"),
        ("caseload page 1", f"/prisons/{code}/caseload/"),
        ("caseload, due in 12 weeks, by RoSH", f"/prisons/{code}/caseload/?release=12-weeks&sort=rosh"),
        ("person", f"/people/{someone}/"),
        ("person: readiness", f"/people/{someone}/readiness/"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.screens", description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    env = configure_django(args.database_url, tempfile.mkdtemp(prefix="resettle-bench-"))
    from django.core.management import call_command

    from resettle.people.models import Person

    call_command("collectstatic", interactive=False, verbosity=0)
    prison = busiest_prison()
    someone = someone_held_at(prison)
    cookie = signed_in_cookie(prison)
    label = f"{prison.code}, SPO"
    with gunicorn(env, workers=args.workers) as port:
        rows = page_rows(
            port,
            screens(prison, someone),
            cookie=cookie,
            label=label,
            concurrency=USERS,
            requests=args.requests,
        )
    print_table("Resettle screens at national scale", [f"{Person.objects.count():,} people on record"], rows)


if __name__ == "__main__":
    main()
