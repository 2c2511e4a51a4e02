"""Writing rows so that importing the same thing twice changes nothing, and checking them first."""

from django.core.exceptions import ValidationError

from .fields import Invalid


def checked(instance, prefix: str = "", exclude=()):
    """`instance` if its fields pass the model's own validation (lengths, patterns, choices), else Invalid
    naming the first field at fault: the database would truncate, or refuse, what the model refuses.

    Relations are not checked: the importer found every related row itself, and checking that it exists
    would cost a query per relation per record."""
    relations = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    try:
        instance.clean_fields(exclude=[*exclude, *relations, "id"])
        instance.clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise Invalid(f"{prefix}{field}", " ".join(messages)) from None
    return instance


def _holds(row, name: str, value) -> bool:
    field = row._meta.get_field(name)
    if field.is_relation:  # by id: reading the related row to compare it would cost a query
        return getattr(row, field.attname) == (value.pk if value is not None else None)
    return getattr(row, name) == value


def upsert(model, lookup: dict, values: dict, *, prefix: str = "", exclude=()) -> tuple[object, bool]:
    """The row matching `lookup`, made to hold `values`; saved only when something differs, so that a
    re-import leaves rows (and their audit trail and timestamps) untouched. Returns (row, changed)."""
    return write(
        model.objects.filter(**lookup).first(), model, lookup, values, prefix=prefix, exclude=exclude
    )


def write(row, model, lookup: dict, values: dict, *, prefix: str = "", exclude=()) -> tuple[object, bool]:
    """upsert() for a row the caller has already looked up (None when there is none yet)."""
    if row is None:
        row = checked(model(**lookup, **values), prefix, exclude)
        row.save()
        return row, True
    differs = {name: value for name, value in values.items() if not _holds(row, name, value)}
    if differs:
        for name, value in differs.items():
            setattr(row, name, value)
        checked(row, prefix, exclude).save()
    return row, bool(differs)
