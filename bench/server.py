"""Start `resettle serve` (gunicorn) in the background for a benchmark, and stop it afterwards."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
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
    # Its log goes to a file, not a pipe: a pipe nobody reads fills up under load and stalls the server.
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(
            [str(resettle), "serve", "--port", str(port), "--workers", str(workers)],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=2).read()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise RuntimeError(f"gunicorn did not start: {log.read()[-4000:]}") from None
                    time.sleep(0.3)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=30)
