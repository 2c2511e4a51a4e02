"""Start `resettle serve` (gunicorn) in the background for a benchmark, and stop it afterwards."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *, workers: int):
    port = free_port()
    resettle = Path(sys.executable).with_name("resettle")
    process = subprocess.Popen(
        [str(resettle), "serve", "--port", str(port), "--workers", str(workers)],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start: {process.stderr.read()}") from None
                time.sleep(0.3)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
