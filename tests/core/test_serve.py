"""`resettle serve` starts gunicorn and answers: the command `make run` and the benchmarks rely on."""

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


def test_resettle_serve_answers_the_health_check():
    port = free_port()
    resettle = Path(sys.executable).with_name("resettle")
    env = {**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "config.settings"}
    server = subprocess.Popen(
        [str(resettle), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=2).read()
                break
            except OSError:
                assert server.poll() is None, f"resettle serve stopped: {server.stderr.read()}"
                assert time.monotonic() < deadline, "resettle serve did not answer within 30 s"
                time.sleep(0.3)
        assert body == b"ok"
    finally:
        server.terminate()
        server.wait(timeout=30)
