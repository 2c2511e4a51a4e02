"""A prisoner record in the Prisoner Search shape (../shared/docs/anchors.md §4) → Person, his booking
and the key dates the prison system holds for it."""

import re
from dataclasses import dataclass
from datetime import date

from resettle.core.clock import today
from resettle.estate.models import Prison
from resettle.people.models import Booking, Person, RecordedKeyDates
from resettle.people.vocabulary import CustodyStatus, LegalStatus, SecurityCategory

from . import fields
from .fields import Invalid
from .rows import upsert

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


def _prison(raw: dict, field: str, *, required: bool) -> Prison | None:
    code = fields.text(raw, field, required=required, max_length=10).upper()
    if not code or code == "OUT":
        if required:
            raise Invalid(field, "is required for a man in custody")
        return None
    prison = Prison.objects.filter(code=code).first()
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


def read(raw: dict) -> PrisonerRecord:
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
        "current_prison": _prison(raw, "prisonId", required=in_custody) if in_custody else None,
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
        "released_from": None if in_custody else _prison(raw, "lastPrisonId", required=False),
        "released_on": released_on,
    }
    return PrisonerRecord(person, _booking_id(raw), booking, key_dates)


def store(record: PrisonerRecord) -> tuple[Person, bool]:
    """Write the record (the caller holds the transaction). Returns the person and whether anything changed."""
    values = {name: value for name, value in record.person.items() if name != "prison_number"}
    person, person_changed = upsert(Person, {"prison_number": record.prison_number}, values)
    existing = Booking.objects.filter(booking_id=record.booking_id).exclude(person=person).first()
    if existing is not None:
        raise Invalid(
            "bookingId", f"{record.booking_id} is already the booking of {existing.person.prison_number}"
        )
    superseded = False
    if record.booking["is_active"]:
        # A new booking replaces the one he was last received on: at most one is active. Saved one by one
        # so that the change is audited.
        for old in person.bookings.filter(is_active=True).exclude(booking_id=record.booking_id):
            old.is_active, superseded = False, True
            old.save(update_fields=["is_active"])
    booking, booking_changed = upsert(
        Booking, {"booking_id": record.booking_id}, {"person": person, **record.booking}
    )
    _, dates_changed = upsert(RecordedKeyDates, {"booking": booking}, record.key_dates)
    return person, bool(person_changed or superseded or booking_changed or dates_changed)
