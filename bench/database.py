"""The benchmarks' database: made afresh on PostgreSQL, with Django configured as production runs it."""

import os

# Where `make bench` loads the national demo unless told otherwise (--database-url or BENCH_DATABASE_URL).
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/resettle_bench"


def configure_django(database_url: str, data_dir: str) -> dict[str, str]:
    env = {
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret-key-never-used-for-real-data",
        "SECURE_COOKIES": "false",
        # gunicorn serves plain HTTP on localhost here; production redirects to HTTPS.
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "RESETTLE_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    os.environ.update(env)
    import django

    django.setup()
    return env


def recreate_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
