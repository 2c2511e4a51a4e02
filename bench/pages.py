"""Pages under load, each against the bare Django page measured in the same run."""

from .load import LoadResult, run_load
from .report import Row

# The bare page answers in well under a millisecond: as many requests as a page gets would be over in a
# fraction of a second, too short a run for a steady figure. It gets this many times more, half before the
# pages and half after, pooled, so that its figure is of the same stretch of the run as theirs.
BARE_RUNS_LONGER = 5


def _bare(port: int, *, concurrency: int, requests: int) -> LoadResult:
    return run_load("127.0.0.1", port, "/health/live", concurrency=concurrency, requests=requests)


def _pooled(first: LoadResult, second: LoadResult) -> LoadResult:
    return LoadResult(
        first.path,
        first.requests + second.requests,
        first.errors + second.errors,
        first.seconds + second.seconds,
        first.latencies_ms + second.latencies_ms,
    )


def page_rows(
    port: int, pages: list[tuple[str, str]], *, cookie: str, label: str, concurrency: int, requests: int
) -> list[Row]:
    bare_requests = requests * BARE_RUNS_LONGER // 2
    before = _bare(port, concurrency=concurrency, requests=bare_requests)
    measured = []
    for name, path in pages:
        page = run_load("127.0.0.1", port, path, cookie=cookie, concurrency=concurrency, requests=requests)
        if page.errors:
            raise SystemExit(f"{path}: {page.errors} of {page.requests} requests did not answer 200")
        measured.append((name, page))
    bare = _pooled(before, _bare(port, concurrency=concurrency, requests=bare_requests))
    rows = []
    for name, page in measured:
        rows.append(
            Row(
                f"{name} ({label}, {concurrency} users)",
                "p50 / p95 ms, req/s",
                f"{page.p50:.1f} / {page.p95:.1f}, {page.per_second:.0f}",
                f"bare Django page {bare.p50:.1f} / {bare.p95:.1f}, {bare.per_second:.0f}",
                f"{page.p50 / bare.p50:.1f}x / {page.p95 / bare.p95:.1f}x",
            )
        )
    return rows
