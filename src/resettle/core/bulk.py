"""Inserting many rows fast: PostgreSQL's COPY where the database is PostgreSQL, Django's bulk_create
elsewhere. For rows whose ids the caller does not need (COPY returns none): a readiness cache, say, where
a national refresh writes millions of rows and bulk_create spends most of its time building SQL."""

from django.db import connection
from django.db.models import AutoField, BigAutoField, Model

BULK_CREATE_BATCH = 2000


def insert(model: type[Model], rows: list[Model]) -> None:
    """Insert `rows` (instances of `model`, not yet saved) as bulk_create would, without their ids."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(rows, batch_size=BULK_CREATE_BATCH)
        return
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, AutoField | BigAutoField)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"  # noqa: S608 - names from the model
        ) as copy,
    ):
        for row in rows:
            copy.write_row([f.get_db_prep_save(f.pre_save(row, add=True), connection) for f in fields])


def refresh_statistics() -> None:
    """After loading many rows at once: the query planner's statistics of every table as it now stands.
    Until autovacuum next samples them, PostgreSQL plans for the tables as they were (a prison's men
    estimated at one row, say) and picks plans that are slow on the real numbers."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
