"""Writing rows so that importing the same thing twice changes nothing, and checking them first."""

from django.core.exceptions import ValidationError

from .fields import Invalid


def checked(instance, prefix: str = "", exclude=()):
    """`instance` if its fields pass the model's own validation (lengths, patterns, choices), else Invalid
    naming the first field at fault: the database would truncate, or refuse, what the model refuses."""
    try:
        instance.clean_fields(exclude=[*exclude, "id"])
        instance.clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise Invalid(f"{prefix}{field}", " ".join(messages)) from None
    return instance


def upsert(model, lookup: dict, values: dict, *, prefix: str = "", exclude=()) -> tuple[object, bool]:
    """The row matching `lookup`, made to hold `values`; saved only when something differs, so that a
    re-import leaves rows (and their audit trail and timestamps) untouched. Returns (row, changed)."""
    row = model.objects.filter(**lookup).first()
    if row is None:
        row = checked(model(**lookup, **values), prefix, exclude)
        row.save()
        return row, True
    differs = {name: value for name, value in values.items() if getattr(row, name) != value}
    if differs:
        for name, value in differs.items():
            setattr(row, name, value)
        checked(row, prefix, exclude).save()
    return row, bool(differs)
