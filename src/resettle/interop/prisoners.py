"""A prisoner record in the Prisoner Search shape (../shared/docs/anchors.md §4) → Person, his booking
and the key dates the prison system holds for it."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db.models import Q

from resettle.audit.changes import creation_entry
from resettle.audit.recorder import record_all
from resettle.core import bulk
from resettle.core.clock import today
from resettle.estate.models import Prison
from resettle.people.models import Booking, Person, RecordedKeyDates
from resettle.people.vocabulary import CustodyStatus, LegalStatus, SecurityCategory

from . import fields
from .fields import Invalid
from .rows import checked, write

# Prisoner Search date fields with a column of the same name (snake_case) on RecordedKeyDates.
KEY_DATE_FIELDS = (
    "sentenceStartDate",
    "conditionalReleaseDate",
    "automaticReleaseDate",
    "paroleEligibilityDate",
    "homeDetentionCurfewEligibilityDate",
    "homeDetentionCurfewActualDate",
    "licenceExpiryDate",
    "sentenceExpiryDate",
    "topupSupervisionExpiryDate",
    "postRecallReleaseDate",
    "tariffDate",
    "actualParoleDate",
    "confirmedReleaseDate",
)
BOOKING_ID = re.compile(r"^[0-9]{1,20}$")


@cache  # a file's records share a few dozen keys: worked out once each, not once a record
def snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


@dataclass(frozen=True)
class PrisonerRecord:
    person: dict
    booking_id: str
    booking: dict
    key_dates: dict

    @property
    def prison_number(self) -> str:
        return self.person["prison_number"]


def _booking_id(raw: dict) -> str:
    value = raw.get("bookingId")
    # Prisoner Search sends it as a string; older extracts as a number.
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not BOOKING_ID.match(value.strip()):
        raise Invalid("bookingId", f"{str(value)[:40]!r} is not a NOMIS booking id (digits)")
    return value.strip()


def _prison(raw: dict, field: str, prisons: Mapping[str, Prison], *, required: bool) -> Prison | None:
    code = fields.text(raw, field, required=required, max_length=10).upper()
    if not code or code == "OUT":
        if required:
            raise Invalid(field, "is required for a man in custody")
        return None
    prison = prisons.get(code)
    if prison is None:
        raise Invalid(field, f"{code!r} is not a prison Resettle knows")
    return prison


def _custody(raw: dict) -> str:
    status = fields.text(raw, "status", max_length=40).upper()
    if status.startswith("INACTIVE"):
        return CustodyStatus.RELEASED
    return CustodyStatus.RECALLED if raw.get("recall") is True else CustodyStatus.IN_CUSTODY


def _dated_sensibly(born: date, received: date) -> None:
    if born > today():
        raise Invalid("dateOfBirth", f"{born} is in the future")
    if received < born:
        raise Invalid("receptionDate", f"{received} is before his date of birth ({born})")


def read(raw: dict, prisons: Mapping[str, Prison]) -> PrisonerRecord:
    """The record checked in full; `prisons` are those Resettle knows, by code."""
    number = fields.prison_number(raw)
    status = _custody(raw)
    born = fields.day(raw, "dateOfBirth", required=True)
    received = fields.day(raw, "receptionDate") or fields.day(raw, "lastAdmissionDate")
    if received is None:
        raise Invalid("receptionDate", "is required (or lastAdmissionDate)")
    _dated_sensibly(born, received)
    in_custody = status != CustodyStatus.RELEASED
    category = fields.text(raw, "category", max_length=10).upper()
    person = {
        "prison_number": number,
        "first_name": fields.text(raw, "firstName", required=True, max_length=100),
        "middle_names": fields.text(raw, "middleNames", max_length=200),
        "last_name": fields.text(raw, "lastName", required=True, max_length=100),
        "date_of_birth": born,
        "gender": fields.text(raw, "gender", max_length=20) or "Male",
        "pnc_number": fields.text(raw, "pncNumber", max_length=20),
        "status": status,
        "legal_status": fields.choice(raw, "legalStatus", LegalStatus.values) or LegalStatus.SENTENCED,
        "current_prison": _prison(raw, "prisonId", prisons, required=in_custody) if in_custody else None,
        "cell_location": fields.text(raw, "cellLocation", max_length=30),
        # NOMIS has categories Resettle does not plan by (young offender, women's, unsentenced): kept blank.
        "security_category": category if category in SecurityCategory.values else "",
    }
    key_dates = {snake(name): fields.day(raw, name) for name in KEY_DATE_FIELDS}
    expiry, start = key_dates["sentence_expiry_date"], key_dates["sentence_start_date"]
    if expiry and start and expiry < start:
        raise Invalid("sentenceExpiryDate", f"{expiry} is before the sentence start date ({start})")
    released_on = None if in_custody else fields.day(raw, "lastMovementDate")
    if released_on and released_on < received:
        raise Invalid("lastMovementDate", f"{released_on} is before his reception ({received})")
    booking = {
        "book_number": fields.text(raw, "bookNumber", max_length=10),
        "is_active": in_custody,
        "received_on": received,
        "released_from": None if in_custody else _prison(raw, "lastPrisonId", prisons, required=False),
        "released_on": released_on,
    }
    return PrisonerRecord(person, _booking_id(raw), booking, key_dates)


class Existing:
    """The people and bookings a batch of prisoner records may change, read in two queries rather than
    three a record. A batch holds prisoner records only, and a file names each prison number and booking
    id once (the importer rejects repeats): no record of the batch changes a row another was read with."""

    def __init__(self, records: list[PrisonerRecord]):
        self.people: dict[str, Person] = {}
        self.bookings: dict[str, Booking] = {}
        self.active: dict[int, list[Booking]] = {}
        if not records:
            return
        self.people = {
            p.prison_number: p
            for p in Person.objects.filter(prison_number__in=[r.prison_number for r in records])
        }
        for booking in Booking.objects.filter(
            Q(booking_id__in=[r.booking_id for r in records])
            | Q(person__in=self.people.values(), is_active=True)
        ).select_related("recorded_dates"):
            self.bookings[booking.booking_id] = booking
            if booking.is_active:
                self.active.setdefault(booking.person_id, []).append(booking)


def store(record: PrisonerRecord, existing: Existing) -> tuple[Person, bool]:
    """Write the record (the caller holds the transaction). Returns the person and whether anything changed."""
    values = {name: value for name, value in record.person.items() if name != "prison_number"}
    found = existing.people.get(record.prison_number)
    person, person_changed = write(found, Person, {"prison_number": record.prison_number}, values)
    this = existing.bookings.get(record.booking_id)
    if this is not None and this.person_id != person.pk:
        raise Invalid(
            "bookingId", f"{record.booking_id} is already the booking of {this.person.prison_number}"
        )
    superseded = False
    if record.booking["is_active"]:
        # A new booking replaces the one he was last received on: at most one is active. Saved one by one
        # so that the change is audited.
        for old in existing.active.get(person.pk, []):
            if old is not this:
                old.is_active, superseded = False, True
                old.save(update_fields=["is_active"])
    booking, booking_changed = write(
        this, Booking, {"booking_id": record.booking_id}, {"person": person, **record.booking}
    )
    dates = getattr(this, "recorded_dates", None)
    _, dates_changed = write(dates, RecordedKeyDates, {"booking": booking}, record.key_dates)
    return person, bool(person_changed or superseded or booking_changed or dates_changed)


def is_new(record: PrisonerRecord, existing: Existing) -> bool:
    """A man not on file under a booking not on file: nothing of his to compare, supersede or refuse."""
    return record.prison_number not in existing.people and record.booking_id not in existing.bookings


@dataclass(frozen=True)
class NewMan:
    """The rows of one new man, checked as write() checks them, not yet stored."""

    person: Person
    booking: Booking
    dates: RecordedKeyDates


def new_man(record: PrisonerRecord) -> NewMan:
    """His rows, or Invalid naming the field at fault, exactly as store() would refuse them."""
    person = checked(Person(**record.person))
    booking = checked(Booking(booking_id=record.booking_id, person=person, **record.booking))
    return NewMan(person, booking, checked(RecordedKeyDates(booking=booking, **record.key_dates)))


def store_new(men: list[NewMan]) -> None:
    """Store new men together, a few statements for the lot rather than six a man, with the audit entries
    store() would write for each row (the caller holds the transaction: all of them or none)."""
    bulk.insert_with_ids(Person, [m.person for m in men])
    for m in men:
        m.booking.person = m.person  # the person's id, now that he has one
    bulk.insert_with_ids(Booking, [m.booking for m in men])
    for m in men:
        m.dates.booking = m.booking
    bulk.insert_with_ids(RecordedKeyDates, [m.dates for m in men])
    record_all(
        [
            creation_entry(row, people=[m.person.prison_number])
            for m in men
            for row in (m.person, m.booking, m.dates)
        ]
    )
