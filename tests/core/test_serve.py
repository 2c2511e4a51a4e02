"""`resettle serve` starts gunicorn and answers: the command `make run` and the benchmarks rely on."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from resettle.core.errors import MAX_ADDRESS_CHARACTERS


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
        deadline = time.monotonic() + 90  # a bound on starting, generous for a busy machine
        while True:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=2).read()
                break
            except OSError:
                assert server.poll() is None, f"resettle serve stopped: {server.stderr.read()}"
                assert time.monotonic() < deadline, "resettle serve did not answer within 90 s"
                time.sleep(0.3)
        assert body == b"ok"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_production_configuration_serves_a_page_and_its_styles_from_a_fresh_data_directory(tmp_path):
    """Issue 16 §7: DEBUG off and a data directory as a fresh clone has it (nothing collected, no database):
    `resettle serve` alone, then a page and the stylesheet it links to by its hashed name. The sign-in page
    reads no table, so the test spares itself the migrations' twenty seconds."""
    port = free_port()
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": "production-test-key-" + "x" * 40,
        "RESETTLE_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'resettle.sqlite3'}",
        "BEHIND_TLS_PROXY": "true",
        "CELERY_BROKER_URL": "",
    }
    server = subprocess.Popen(
        [str(bin_dir / "resettle"), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        page = _get_when_up(f"http://127.0.0.1:{port}/sign-in", server)
        assert page.status == 200
        html = page.read().decode()
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', html).group(1)
        assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet), f"{stylesheet} is not a hashed name"
        assert _get(f"http://127.0.0.1:{port}{stylesheet}").status == 200
        # Issue 18 §7: gunicorn's own limit on the request line answered a long address with a bare "URI
        # Too Long"; the application answers it, and refuses only what is longer than its own limit.
        assert _get(f"http://127.0.0.1:{port}/sign-in?next=/{'x' * 10_000}").status == 200
        with pytest.raises(urllib.error.HTTPError) as refused:
            _get(f"http://127.0.0.1:{port}/sign-in?next=/{'x' * MAX_ADDRESS_CHARACTERS}")
        assert refused.value.code == 414 and "The web address is too long" in refused.value.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(url: str):
    # The TLS proxy's header: production redirects plain HTTP to HTTPS.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    return urllib.request.urlopen(request, timeout=5)


def _get_when_up(url: str, server: subprocess.Popen):
    deadline = time.monotonic() + 60
    while True:
        try:
            return _get(url)
        except urllib.error.HTTPError:
            raise
        except OSError:
            assert server.poll() is None, f"resettle serve stopped: {server.stderr.read()}"
            assert time.monotonic() < deadline, "resettle serve did not answer within 60 s"
            time.sleep(0.3)
