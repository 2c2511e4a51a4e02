"""A small closed-loop HTTP load generator: N keep-alive connections, each sending requests back to back."""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class LoadResult:
    path: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: tuple[float, ...]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.latencies_ms, n=20)[-1]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def run_load(
    host: str, port: int, path: str, *, cookie: str = "", concurrency: int, requests: int, warmup: int = 2
) -> LoadResult:
    """Send `requests` GETs for `path` over `concurrency` connections, after `warmup` on each that are not
    counted; any non-200 answer counts as an error."""
    headers = {"Cookie": cookie} if cookie else {}
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    remaining = iter(range(requests))

    def get(connection: http.client.HTTPConnection) -> int:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status

    def warm_up() -> None:
        warm = http.client.HTTPConnection(host, port, timeout=60)
        for _ in range(warmup):
            get(warm)
        warm.close()

    # Over as many connections at once as the load uses, so that every server process has read the page
    # once and kept what it shares: one connection reached one of them, whose siblings then read it for
    # the first time inside the measured run (the first page's p95 was 417 ms in one run, 84 in the next).
    warming = [threading.Thread(target=warm_up) for _ in range(concurrency)]
    for thread in warming:
        thread.start()
    for thread in warming:
        thread.join()

    def worker() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection(host, port, timeout=60)
        while True:
            with lock:
                if next(remaining, None) is None:
                    break
            started = time.perf_counter()
            status = get(connection)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                errors += status != 200
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return LoadResult(path, len(latencies), errors, time.perf_counter() - started, tuple(latencies))
