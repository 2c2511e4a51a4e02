"""Pages under load, each against the bare Django page measured in the same run."""

from .load import run_load
from .report import Row


def page_rows(
    port: int, pages: list[tuple[str, str]], *, cookie: str, label: str, concurrency: int, requests: int
) -> list[Row]:
    bare = run_load("127.0.0.1", port, "/health/live", concurrency=concurrency, requests=requests)
    rows = []
    for name, path in pages:
        page = run_load("127.0.0.1", port, path, cookie=cookie, concurrency=concurrency, requests=requests)
        if page.errors:
            raise SystemExit(f"{path}: {page.errors} of {page.requests} requests did not answer 200")
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
