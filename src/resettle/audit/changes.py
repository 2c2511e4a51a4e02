"""Generic change auditing: `track(Model)` records every save and delete of a model's rows with the
fields that changed, before and after. Bulk writes (bulk_create, queryset.update) send no signals: code
that makes them records what it did with recorder.imported or recorder.record itself."""

from django.db.models.signals import post_delete, post_save, pre_save

from .models import Action
from .recorder import entry, record


def _values(instance, names: list[str]) -> dict:
    return {name: getattr(instance, name) for name in names}


# What track() audits of each model: the fields to record, and the path to the Person a row is about.
_TRACKED: dict[type, tuple[list[str], str]] = {}


def creation_entry(instance, *, people: list[str] | None = None):
    """The CREATE entry track() writes for a new row of a tracked model, for writers that insert rows in
    bulk (no signals): the same fields, before None and after as stored. `people` saves a query a row."""
    names, person = _TRACKED[type(instance)]
    return entry(
        Action.CREATE,
        record=f"{type(instance)._meta.label}:{instance.pk}",
        changes=_changed({}, _values(instance, names)),
        people=people if people is not None else _about(instance, person),
    )


def _changed(before: dict, after: dict) -> dict:
    """Each field whose value differs, as [before, after] (a new row's fields set, from None)."""
    return {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}


def _about(instance, person: str) -> list[str]:
    if person == "self":
        return [instance.prison_number]
    number = _number_via(instance, person) if person else ""
    return [number] if number else []


def track(model, *, person: str = "", ignore: tuple[str, ...] = ()) -> None:
    """Audit every change to `model`. `person` is the path from a row to the Person it is about
    ("self" for Person itself, omitted for rows about no one); `ignore` lists fields never to record."""
    # Only fields a person can set: derived and automatic ones (editable=False) change with them.
    names = [
        f.attname
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in ignore
    ]
    label = model._meta.label
    _TRACKED[model] = (names, person)

    def about(instance) -> list[str]:
        return _about(instance, person)

    def before_save(sender, instance, raw=False, **kwargs):
        if raw or instance.pk is None:
            instance._audit_before = None
            return
        instance._audit_before = model._default_manager.filter(pk=instance.pk).values(*names).first()

    def after_save(sender, instance, created, raw=False, **kwargs):
        if raw:
            return
        before = getattr(instance, "_audit_before", None) or {}
        changed = _changed(before, _values(instance, names))
        if not changed:
            return
        action = Action.CREATE if created or not before else Action.CHANGE
        record(action, record=f"{label}:{instance.pk}", changes=changed, people=about(instance))

    def after_delete(sender, instance, **kwargs):
        removed = {name: [value, None] for name, value in _values(instance, names).items()}
        record(Action.DELETE, record=f"{label}:{instance.pk}", changes=removed, people=about(instance))

    uid = f"audit:{label}"
    pre_save.connect(before_save, sender=model, weak=False, dispatch_uid=f"{uid}:pre_save")
    post_save.connect(after_save, sender=model, weak=False, dispatch_uid=f"{uid}:post_save")
    post_delete.connect(after_delete, sender=model, weak=False, dispatch_uid=f"{uid}:post_delete")


def _number_via(instance, path: str) -> str:
    """The prison number at the end of `path` ("booking__person"). A cascade deletes children before
    their parents, so the parents can still be read when a child's deletion is recorded."""
    current = instance
    for step in path.split("__"):
        current = getattr(current, step, None)
        if current is None:
            return ""
    return current.prison_number
