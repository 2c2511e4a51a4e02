"""Keep readiness fresh when a record it reads is saved one at a time: the man's details, dates, risk and
allocations. Plan records refresh through plans.services themselves.

Bulk writes (bulk_create, queryset.update: the release-date recalculation's store, the demo loader,
imports) send no signals; the code that makes them calls plans.services.refresh_readiness itself.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from resettle.core.freshness import refresh_each_change
from resettle.people.models import Person, RecordedKeyDates, RiskProfile
from resettle.staff.models import Allocation

DERIVED_PERSON_FIELDS = frozenset({"earliest_release_date", "earliest_release_type", "updated_at"})


def _refresh_after_commit(person_id: int | None) -> None:
    if person_id is None or not refresh_each_change():
        return

    def run() -> None:
        from .services import refresh_readiness

        refresh_readiness([person_id])

    transaction.on_commit(run)


def person_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= DERIVED_PERSON_FIELDS:
        return
    _refresh_after_commit(instance.pk)


def about_a_person(sender, instance, **kwargs):
    _refresh_after_commit(getattr(instance, "person_id", None))


def recorded_dates_saved(sender, instance, **kwargs):
    _refresh_after_commit(instance.booking.person_id if instance.booking_id else None)


def connect() -> None:
    post_save.connect(person_saved, sender=Person, dispatch_uid="plans:person")
    for model in (RiskProfile, Allocation):
        post_save.connect(about_a_person, sender=model, dispatch_uid=f"plans:{model.__name__}:save")
        post_delete.connect(about_a_person, sender=model, dispatch_uid=f"plans:{model.__name__}:delete")
    post_save.connect(recorded_dates_saved, sender=RecordedKeyDates, dispatch_uid="plans:recorded-dates")
