"""Settings come from the environment with safe production defaults; the `resettle` command wraps Django's."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "SECURE_COOKIES", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_serve_without_a_secret_key():
    result = run_python("import config.wsgi")
    assert result.returncode != 0
    assert "SECRET_KEY setting must not be empty" in result.stderr


def test_production_defaults_are_safe():
    result = run_python(
        "import config.settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.ALLOWED_HOSTS)",
        SECRET_KEY="x" * 50,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:3] == ["False", "True", "True"]
    assert "*" not in result.stdout


def test_database_url_selects_postgresql():
    result = run_python(
        "import config.settings as s; print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'])",
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/resettle",
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "resettle"]


def test_a_malformed_boolean_is_refused_naming_the_variable():
    result = run_python("import config.settings", DEBUG="maybe")
    assert "DEBUG must be true or false" in result.stderr


@pytest.mark.parametrize("command", [["help"], ["check"]])
def test_the_resettle_command_runs_django_management_commands(command):
    resettle = Path(sys.executable).with_name("resettle")
    result = subprocess.run(
        [str(resettle), *command],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    if command == ["help"]:
        assert "serve" in result.stdout and "migrate" in result.stdout


@pytest.mark.parametrize(
    ("cache_url", "engine"),
    [
        ("", "django.contrib.sessions.backends.db"),
        ("redis://127.0.0.1:6379/2", "django.contrib.sessions.backends.cached_db"),
    ],
)
def test_sessions_are_read_from_the_cache_only_where_every_process_shares_it(cache_url, engine):
    result = run_python(
        "import config.settings as s; print(s.SESSION_ENGINE)", SECRET_KEY="x" * 50, CACHE_URL=cache_url
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == engine
