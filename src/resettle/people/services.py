"""Writes to a person's record. Derived fields are set here and only here."""

from django.db import transaction

from resettle.core.clock import today as clock_today
from resettle.rules.release import KeyDates, earliest_release

from .models import Person, RecordedKeyDates
from .vocabulary import CustodyStatus, LegalStatus


def key_dates_from_record(recorded: RecordedKeyDates | None) -> KeyDates:
    if recorded is None:
        return KeyDates()
    return KeyDates(
        crd=recorded.conditional_release_date,
        ard=recorded.automatic_release_date,
        ped=recorded.parole_eligibility_date,
        prrd=recorded.post_recall_release_date,
        ted=recorded.tariff_date,
        thd=recorded.target_hearing_date,
    )


def release_summary_for(person: Person, recorded: RecordedKeyDates | None, *, today):
    """The earliest release date for a person, from his recorded dates (pure apart from the arguments)."""
    if person.status == CustodyStatus.RELEASED:
        return None
    return earliest_release(
        key_dates_from_record(recorded),
        indeterminate=person.legal_status == LegalStatus.INDETERMINATE_SENTENCE,
        recalled=person.status == CustodyStatus.RECALLED or person.legal_status == LegalStatus.RECALL,
        today=today,
    )


def apply_release_summary(person: Person, recorded: RecordedKeyDates | None, *, today) -> bool:
    """Set the cached earliest release date on `person` (not saved). True if it changed."""
    explained = release_summary_for(person, recorded, today=today)
    new = (explained.on, explained.kind) if explained else (None, "")
    old = (person.earliest_release_date, person.earliest_release_type)
    person.earliest_release_date, person.earliest_release_type = new
    return new != old


def active_recorded_dates(person: Person) -> RecordedKeyDates | None:
    return RecordedKeyDates.objects.filter(booking__person=person, booking__is_active=True).first()


@transaction.atomic
def refresh_release_summary(person: Person, *, today=None) -> bool:
    """Recompute and save the person's earliest release date from his active booking's recorded dates."""
    changed = apply_release_summary(person, active_recorded_dates(person), today=today or clock_today())
    if changed:
        person.save(update_fields=["earliest_release_date", "earliest_release_type", "updated_at"])
    return changed
