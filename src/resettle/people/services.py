"""Writes to a person's record. Derived fields are set here and only here."""

from datetime import date

from django.db import transaction

from resettle.core.clock import today as clock_today
from resettle.rules.release import KeyDates, earliest_release, plan_to_earlier

from .models import CalculatedReleaseDates, Person, RecordedKeyDates
from .vocabulary import CustodyStatus, LegalStatus


def key_dates_from_record(recorded: RecordedKeyDates | None) -> KeyDates:
    """The dates the prison system records, as the rules' one KeyDates (the release summary and the
    readiness Case both read them through here)."""
    if recorded is None:
        return KeyDates()
    return KeyDates(
        ssd=recorded.sentence_start_date,
        crd=recorded.conditional_release_date,
        ard=recorded.automatic_release_date,
        ped=recorded.parole_eligibility_date,
        hdced=recorded.home_detention_curfew_eligibility_date,
        prrd=recorded.post_recall_release_date,
        ted=recorded.tariff_date,
        thd=recorded.target_hearing_date,
        # The prison records SED and LED; a single SLED when they agree.
        sled=recorded.licence_expiry_date or recorded.sentence_expiry_date,
        tused=recorded.topup_supervision_expiry_date,
        ersed=recorded.early_removal_scheme_eligibility_date,
        mtd=recorded.mid_term_date,
        apd=recorded.actual_parole_date,
        confirmed_release_date=recorded.confirmed_release_date,
    )


def key_dates_from_calculation(calculation: CalculatedReleaseDates | None) -> KeyDates | None:
    """Resettle's own calculation as KeyDates; None when it was not run or was refused."""
    if calculation is None or calculation.outcome != CalculatedReleaseDates.Outcome.CALCULATED:
        return None
    day = {kind: date.fromisoformat(value) for kind, value in calculation.dates.items()}
    return KeyDates(
        ssd=day.get("SSD"),
        crd=day.get("CRD"),
        ard=day.get("ARD"),
        ped=day.get("PED"),
        hdced=day.get("HDCED"),
        prrd=day.get("PRRD"),
        ted=day.get("TED"),
        sled=day.get("SLED") or day.get("LED") or day.get("SED"),
        tused=day.get("TUSED"),
        ersed=day.get("ERSED"),
        mtd=day.get("MTD"),
    )


def release_summary_for(
    person: Person,
    recorded: RecordedKeyDates | None,
    *,
    today: date,
    calculation: CalculatedReleaseDates | None = None,
):
    """The earliest release date to plan to, from the recorded dates and Resettle's own calculation."""
    if person.status == CustodyStatus.RELEASED:
        return None
    options = {
        "indeterminate": person.legal_status == LegalStatus.INDETERMINATE_SENTENCE,
        "recalled": person.status == CustodyStatus.RECALLED or person.legal_status == LegalStatus.RECALL,
        "today": today,
    }
    calculated = key_dates_from_calculation(calculation)
    return plan_to_earlier(
        earliest_release(key_dates_from_record(recorded), **options),
        earliest_release(calculated, **options) if calculated else None,
    )


def apply_release_summary(
    person: Person,
    recorded: RecordedKeyDates | None,
    *,
    today: date,
    calculation: CalculatedReleaseDates | None = None,
) -> bool:
    """Set the cached earliest release date on `person` (not saved). True if it changed."""
    explained = release_summary_for(person, recorded, today=today, calculation=calculation)
    new = (explained.on, explained.kind) if explained else (None, "")
    old = (person.earliest_release_date, person.earliest_release_type)
    person.earliest_release_date, person.earliest_release_type = new
    return new != old


def active_recorded_dates(person: Person) -> RecordedKeyDates | None:
    return RecordedKeyDates.objects.filter(booking__person=person, booking__is_active=True).first()


def active_calculation(person: Person) -> CalculatedReleaseDates | None:
    return CalculatedReleaseDates.objects.filter(booking__person=person, booking__is_active=True).first()


@transaction.atomic
def refresh_release_summary(person: Person, *, today=None) -> bool:
    """Recompute and save the person's earliest release date from his active booking."""
    changed = apply_release_summary(
        person,
        active_recorded_dates(person),
        today=today or clock_today(),
        calculation=active_calculation(person),
    )
    if changed:
        person.save(update_fields=["earliest_release_date", "earliest_release_type", "updated_at"])
    return changed
