"""`python -m bench.explain`: every query of the busiest pages at national scale, timed, and the plan of
each slow one under EXPLAIN (ANALYZE, BUFFERS), for docs/performance.md. Needs the national demo in the
bench database (`make bench` loads it)."""

import argparse
import os
import tempfile
import time

from .database import DEFAULT_DATABASE, configure_django
from .screens import screens, someone_held_at
from .session import busiest_prison, signed_in_cookie

SLOW_MS = 5.0


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.explain", description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--page", help="only pages whose name contains this")
    args = parser.parse_args()
    configure_django(args.database_url, tempfile.mkdtemp(prefix="resettle-explain-"))
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("collectstatic", interactive=False, verbosity=0)
    prison = busiest_prison()
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies.load(signed_in_cookie(prison))
    for name, path in screens(prison, someone_held_at(prison)):
        if args.page and args.page not in name:
            continue
        client.get(path)  # warm: the first request also loads templates and caches
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            status = client.get(path).status_code
            total = (time.perf_counter() - started) * 1000
        print(f"\n## {name} ({path}): {status}, {total:.0f} ms, {len(captured)} queries")
        for query in captured.captured_queries:
            ms = float(query["time"]) * 1000
            print(f"- {ms:7.1f} ms  {query['sql'][:160]}")
            if ms >= SLOW_MS and query["sql"].lstrip().upper().startswith("SELECT"):
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                    print("\n".join("      " + row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
