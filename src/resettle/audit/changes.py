"""Generic change auditing: `track(Model)` records every save and delete of a model's rows with the
fields that changed, before and after. Bulk writes (bulk_create, queryset.update) send no signals: code
that makes them records what it did with recorder.imported or recorder.record itself."""

import hashlib

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from .models import Action
from .recorder import entry, record


def _values(instance, names: list[str]) -> dict:
    return {name: getattr(instance, name) for name in names}


# What track() audits of each model: the fields to record, the path to the Person a row is about, and the
# fields recorded only by a fingerprint.
_TRACKED: dict[type, tuple[list[str], str, frozenset[str]]] = {}


def creation_entry(instance, *, people: list[str] | None = None):
    """The CREATE entry track() writes for a new row of a tracked model, for writers that insert rows in
    bulk (no signals): the same fields, before None and after as stored. `people` saves a query a row."""
    names, person, hidden = _TRACKED[type(instance)]
    return entry(
        Action.CREATE,
        record=f"{type(instance)._meta.label}:{instance.pk}",
        changes=_changed({}, _values(instance, names), hidden),
        people=people if people is not None else _about(instance, person),
    )


def fingerprint(value) -> str | None:
    """A secret (a password's hash, an authenticator's key) as the trail shows it: enough to see that it
    changed, and whether two entries speak of the same one, but nothing to sign in with or to guess from."""
    if value in (None, ""):
        return None
    return "fingerprint " + hashlib.sha256(str(value).encode()).hexdigest()[:12]


def _changed(before: dict, after: dict, hidden: frozenset[str] = frozenset()) -> dict:
    """Each field whose value differs, as [before, after] (a new row's fields set, from None); a hidden
    field's values by their fingerprints."""

    def shown(name, value):
        return fingerprint(value) if name in hidden else value

    return {
        name: [shown(name, before.get(name)), shown(name, value)]
        for name, value in after.items()
        if before.get(name) != value
    }


def _about(instance, person: str) -> list[str]:
    if person == "self":
        return [instance.prison_number]
    number = _number_via(instance, person) if person else ""
    return [number] if number else []


def track(model, *, person: str = "", ignore: tuple[str, ...] = (), hidden: tuple[str, ...] = ()) -> None:
    """Audit every change to `model`. `person` is the path from a row to the Person it is about
    ("self" for Person itself, omitted for rows about no one); `ignore` lists fields never to record, and
    `hidden` secrets whose changes are recorded by fingerprint only."""
    # Only fields a person can set: derived and automatic ones (editable=False) change with them.
    names = [
        f.attname
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in ignore
    ]
    label = model._meta.label
    secret = frozenset(hidden)
    _TRACKED[model] = (names, person, secret)

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
        changed = _changed(before, _values(instance, names), secret)
        if not changed:
            return
        action = Action.CREATE if created or not before else Action.CHANGE
        record(action, record=f"{label}:{instance.pk}", changes=changed, people=about(instance))

    def after_delete(sender, instance, **kwargs):
        removed = {
            name: [fingerprint(value) if name in secret else value, None]
            for name, value in _values(instance, names).items()
        }
        record(Action.DELETE, record=f"{label}:{instance.pk}", changes=removed, people=about(instance))

    uid = f"audit:{label}"
    pre_save.connect(before_save, sender=model, weak=False, dispatch_uid=f"{uid}:pre_save")
    post_save.connect(after_save, sender=model, weak=False, dispatch_uid=f"{uid}:post_save")
    post_delete.connect(after_delete, sender=model, weak=False, dispatch_uid=f"{uid}:post_delete")


def track_memberships(model, field: str) -> None:
    """Audit every change to `model`'s many-to-many `field` (a user's groups, which are his roles), made
    from either side, as the whole list before and after, on the entry of the row it belongs to."""
    relation = getattr(model, field).field
    through = relation.remote_field.through
    source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    label = model._meta.label

    def held(ids) -> dict[int, list[str]]:
        names = {pk: [] for pk in ids}
        for row in through.objects.filter(**{f"{source}_id__in": ids}).select_related(target):
            names[getattr(row, f"{source}_id")].append(str(getattr(row, target)))
        return {pk: sorted(listed) for pk, listed in names.items()}

    def concerned(instance, reverse: bool, pk_set) -> list[int]:
        if not reverse:
            return [instance.pk]
        if pk_set is not None:
            return list(pk_set)
        return list(
            through.objects.filter(**{f"{target}_id": instance.pk}).values_list(f"{source}_id", flat=True)
        )

    def changed(sender, instance, action, reverse, pk_set, **kwargs):
        if action.startswith("pre_"):
            instance._audit_members = held(concerned(instance, reverse, pk_set))
            return
        before = getattr(instance, "_audit_members", {})
        for pk, after in held(list(before)).items():
            if after != before[pk]:
                record(Action.CHANGE, record=f"{label}:{pk}", changes={field: [before[pk], after]})

    m2m_changed.connect(changed, sender=through, weak=False, dispatch_uid=f"audit:{label}:{field}")


def _number_via(instance, path: str) -> str:
    """The prison number at the end of `path` ("booking__person"). A cascade deletes children before
    their parents, so the parents can still be read when a child's deletion is recorded."""
    current = instance
    for step in path.split("__"):
        current = getattr(current, step, None)
        if current is None:
            return ""
    return current.prison_number
