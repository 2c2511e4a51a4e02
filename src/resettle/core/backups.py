"""Backing up and restoring the whole database: `resettle backup FILE` and `resettle restore FILE`.

PostgreSQL is dumped with `pg_dump --format=custom` and restored with `pg_restore --clean`, as its own tools
do it best (consistent while the service runs; the dump is compressed and can be restored table by table).
SQLite is copied with SQLite's online backup, which gives a consistent copy while the demo serves, where a
plain file copy could catch a write half-done in its write-ahead log."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    pass


def _vendor() -> str:
    if connection.vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"backups are made for PostgreSQL and SQLite, not {connection.vendor}")
    return connection.vendor


def _postgres_arguments() -> tuple[list[str], dict[str, str]]:
    """Where the database is, as pg_dump and pg_restore take it; the password goes in their environment,
    never on a command line that any user of the machine can read."""
    settings = connection.settings_dict
    arguments = [f"--dbname={settings['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            arguments.append(f"{option}={settings[key]}")
    environment = dict(os.environ)
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = settings["PASSWORD"]
    return arguments, environment


def _run(program: str, arguments: list[str], environment: dict[str, str]) -> None:
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed: install PostgreSQL's client tools")
    finished = subprocess.run(  # noqa: S603 - our own arguments, from the settings
        [program, *arguments], env=environment, capture_output=True, text=True, check=False
    )
    if finished.returncode != 0:
        raise BackupError(f"{program} failed: {finished.stderr.strip()}")


def back_up(path: Path) -> None:
    """Write the whole database to `path` (replaced if it exists)."""
    partial = path.with_name(path.name + ".partial")
    if _vendor() == "postgresql":
        arguments, environment = _postgres_arguments()
        _run("pg_dump", [*arguments, "--format=custom", "--no-owner", f"--file={partial}"], environment)
    else:
        connection.ensure_connection()
        with sqlite3.connect(partial) as copy:
            connection.connection.backup(copy)
        copy.close()
    # Renamed only when whole, so that a failed backup never replaces a good one under the same name.
    partial.replace(path)


def restore(path: Path) -> None:
    """Replace the whole database with the backup at `path`."""
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    if _vendor() == "postgresql":
        arguments, environment = _postgres_arguments()
        connection.close()  # pg_restore drops the tables this connection may hold locks on
        try:
            _run(
                "pg_restore",
                [*arguments, "--clean", "--if-exists", "--no-owner", "--single-transaction", str(path)],
                environment,
            )
        except BackupError as error:
            raise BackupError(f"{path} was not restored (the database is as it was): {error}") from None
    else:
        try:
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            source.execute("PRAGMA schema_version").fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not an SQLite backup ({error})") from None
        connection.ensure_connection()
        with source:
            source.backup(connection.connection)
        source.close()
