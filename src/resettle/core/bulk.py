"""Writing many rows fast: PostgreSQL's COPY and one UPDATE ... FROM (VALUES ...) where the database is
PostgreSQL, Django's bulk_create and bulk_update elsewhere. The rows are plain tuples of column values, not
model instances: a national refresh writes millions of readiness rows and touches every man, and building
an instance per row, or bulk_update's CASE per field and row, cost more than the writing."""

from collections.abc import Iterable, Sequence

from django.db import IntegrityError, connection, transaction
from django.db.models import AutoField, BigAutoField, JSONField, Model

BATCH = 2000


def _fields(model: type[Model], names: Sequence[str]):
    return [model._meta.get_field(name) for name in names]


def insert(model: type[Model], columns: Sequence[str], rows: Iterable[tuple]) -> None:
    """Insert `rows`, each a tuple of values for `columns` (field names; `person_id` for a foreign key), as
    the fields hold them. No ids come back (COPY returns none)."""
    rows = list(rows)
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create((model(**dict(zip(columns, row, strict=True))) for row in rows), BATCH)
        return
    from psycopg.types.json import Jsonb

    fields = _fields(model, columns)
    as_json = [n for n, field in enumerate(fields) if isinstance(field, JSONField)]
    quote = connection.ops.quote_name
    names = ", ".join(quote(field.column) for field in fields)
    # The raw cursor's COPY raises psycopg's errors: wrapped, they are Django's, as any query's are.
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"  # noqa: S608 - names from the model
        ) as copy,
    ):
        for row in rows:
            if as_json:
                row = list(row)
                for n in as_json:
                    row[n] = Jsonb(row[n])
            copy.write_row(row)


def insert_instances(model: type[Model], instances: Iterable[Model]) -> None:
    """Insert unsaved instances of `model` whose ids nobody needs afterwards, as bulk_create would store
    them (defaults and auto_now included)."""
    _insert_fields(
        model,
        [f for f in model._meta.concrete_fields if not isinstance(f, AutoField | BigAutoField)],
        instances,
    )


def _insert_fields(model: type[Model], fields: list, instances: Iterable[Model]) -> None:
    """Insert `fields` of each instance, as its save would store them (defaults and auto_now included)."""
    insert(
        model,
        [f.attname for f in fields],
        (tuple(f.pre_save(instance, add=True) for f in fields) for instance in instances),
    )


def insert_with_ids(model: type[Model], instances: Sequence[Model]) -> None:
    """Insert unsaved instances of `model` as bulk_create would, each given its id (as bulk_create gives
    it): on PostgreSQL the ids are drawn from the table's sequence first, then the rows COPYed with them,
    where bulk_create's one INSERT of every value, returning the ids, cost a new man's import more than his
    readiness."""
    if not instances:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(instances, BATCH)
        return
    pk = model._meta.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, len(instances)],
        )
        for instance, (value,) in zip(instances, cursor.fetchall(), strict=True):
            setattr(instance, pk.attname, value)
    _insert_fields(model, list(model._meta.concrete_fields), instances)
    for instance in instances:
        instance._state.adding = False
        instance._state.db = connection.alias


def upsert(
    model: type[Model],
    instances: Iterable[Model],
    *,
    unique_field: str,
    update_fields: Sequence[str],
    known: set,
) -> None:
    """Store instances of `model`, one per value of `unique_field`, replacing the row of any value in `known`
    (those already stored). The rest are COPYed: an insert that must also look for a conflict costs a
    national import several times as much. Should one of them have been stored meanwhile (by another
    process), all are stored as updates instead."""
    instances = list(instances)
    attname = model._meta.get_field(unique_field).attname
    new = [instance for instance in instances if getattr(instance, attname) not in known]
    stored = [instance for instance in instances if getattr(instance, attname) in known]
    try:
        with transaction.atomic():
            insert_instances(model, new)
    except IntegrityError:
        stored = instances
    model.objects.bulk_create(
        stored, BATCH, update_conflicts=True, unique_fields=[unique_field], update_fields=update_fields
    )


def update(model: type[Model], columns: Sequence[str], rows: Iterable[tuple]) -> None:
    """Set `columns` (field names) of the rows whose primary key is first in each tuple, the values after."""
    rows = list(rows)
    if not rows:
        return
    if connection.vendor != "postgresql":
        instances = [model(pk=row[0], **dict(zip(columns, row[1:], strict=True))) for row in rows]
        model.objects.bulk_update(instances, columns, batch_size=BATCH)
        return
    quote = connection.ops.quote_name
    fields = [model._meta.pk, *_fields(model, columns)]
    # The casts type the VALUES list's columns, which PostgreSQL otherwise reads as text.
    values = "(" + ", ".join(f"%s::{field.db_type(connection)}" for field in fields) + ")"
    names = [f"c{n}" for n in range(len(fields))]
    assignments = ", ".join(
        f"{quote(f.column)} = v.{name}" for f, name in zip(fields[1:], names[1:], strict=True)
    )
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            cursor.execute(
                f"UPDATE {table} AS t SET {assignments} "  # noqa: S608 - names from the model
                f"FROM (VALUES {', '.join([values] * len(batch))}) AS v({', '.join(names)}) "
                f"WHERE t.{quote(fields[0].column)} = v.{names[0]}",
                [value for row in batch for value in row],
            )


def derived_commit_not_waiting_for_the_disk() -> None:
    """Inside a transaction that writes only rows derived from others (calculated dates, readiness): its
    commit returns without waiting for the disk, which for a batch of 2,000 men's findings costs as much as
    writing them. A crash could lose the last such commits, never a record anybody entered, and the next
    refresh (nightly at the latest) derives them again. Inside somebody's own transaction (its records'
    commit must wait) it does nothing."""
    if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def refresh_statistics() -> None:
    """After loading many rows at once: the query planner's statistics of every table as it now stands.
    Until autovacuum next samples them, PostgreSQL plans for the tables as they were (a prison's men
    estimated at one row, say) and picks plans that are slow on the real numbers."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
