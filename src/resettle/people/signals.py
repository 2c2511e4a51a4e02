"""Keep calculated release dates fresh: any change to what the calculation reads recalculates the booking.

Bulk writes (bulk_create, queryset.update) send no signals; the code that makes them (the demo loader,
imports) calls release_dates.recalculate_bookings itself.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from resettle.core.freshness import refresh_each_change

from .models import Adjustment, Booking, Offence, Person, RiskProfile, Sentence

DERIVED_PERSON_FIELDS = frozenset({"earliest_release_date", "earliest_release_type", "updated_at"})


def _recalculate_after_commit(booking_id: int | None) -> None:
    if booking_id is None or not refresh_each_change():
        return

    def run() -> None:
        from .release_dates import recalculate

        booking = Booking.objects.filter(pk=booking_id, is_active=True).first()
        if booking is not None:
            recalculate(booking)

    transaction.on_commit(run)


@receiver([post_save, post_delete], sender=Sentence)
@receiver([post_save, post_delete], sender=Adjustment)
def booking_changed(sender, instance, **kwargs):
    _recalculate_after_commit(instance.booking_id)


@receiver([post_save, post_delete], sender=Offence)
def offence_changed(sender, instance, **kwargs):
    if not refresh_each_change():
        return
    booking_id = Sentence.objects.filter(pk=instance.sentence_id).values_list("booking_id", flat=True).first()
    _recalculate_after_commit(booking_id)


@receiver(post_save, sender=RiskProfile)
@receiver(post_save, sender=Person)
def person_facts_changed(sender, instance, update_fields=None, **kwargs):
    # Date of birth and sex-offender notification change the dates (TUSED, HDCED); saving only the
    # derived earliest release date, which this very calculation sets, does not.
    if (update_fields and set(update_fields) <= DERIVED_PERSON_FIELDS) or not refresh_each_change():
        return
    person_id = instance.person_id if isinstance(instance, RiskProfile) else instance.pk
    for booking_id in Booking.objects.filter(person_id=person_id, is_active=True).values_list(
        "pk", flat=True
    ):
        _recalculate_after_commit(booking_id)
