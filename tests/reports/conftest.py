"""A small estate for the inspection reports: HMP Dartmoor (not a resettlement prison) and HMP Exeter (the
resettlement prison serving the Exeter delivery unit), men released from each in the year to 30 November
2026 with what became of them, and men held at Dartmoor on its last day."""

from dataclasses import dataclass
from datetime import date

import pytest

from resettle.accounts.models import InspectionGrant
from resettle.accounts.roles import Role
from resettle.people.models import Booking, Offence, Person
from resettle.people.vocabulary import CustodyStatus
from resettle.plans.models import AccommodationCategory, DayOneAppointment, ReleaseOutcome
from resettle.rules.inspection.period import Period
from resettle.staff.models import AllocationRole, StaffRole
from tests import factories
from tests.security.users import role_user

YEAR = Period.twelve_months_to(date(2026, 11, 30))


@dataclass
class ReportEstate:
    dartmoor: object
    exeter: object
    released: list
    held: list
    users: dict


def released_man(prison, pdu, *, on, sexual=False, accommodation="", day_one=False, mappa=None):
    man = factories.person(
        at=prison,
        status=CustodyStatus.RELEASED,
        release_area=pdu,
        risk={"mappa_category": mappa, "mappa_level": 1 if mappa else None},
    )
    Booking.objects.filter(person=man).update(is_active=False, released_on=on, released_from=prison)
    Person.objects.filter(pk=man.pk).update(current_prison=None)  # released: held nowhere now
    if sexual:
        sentence = factories.sentence(man, booking=man.bookings.get())
        Offence.objects.create(
            sentence=sentence, description="Sexual assault", committed_on=date(2022, 1, 1), is_sexual=True
        )
    if accommodation:
        ReleaseOutcome.objects.create(person=man, accommodation_on_release=accommodation, recorded_on=on)
    if day_one:
        DayOneAppointment.objects.create(person=man, appointment_on=on)
    return man


@pytest.fixture
def report_estate(db, settings):
    settings.RESETTLE_TODAY = "2026-12-03"
    south_west = factories.region(code="south-west", name="South West")
    exeter_pdu = factories.pdu(code="SW01", name="Exeter", region=south_west)
    dartmoor = factories.prison(code="DAI", name="HMP Dartmoor", region=south_west)
    exeter = factories.prison(code="EXI", name="HMP Exeter", region=south_west, is_resettlement_prison=True)
    exeter.release_areas_served.add(exeter_pdu)
    released = [
        released_man(
            dartmoor,
            exeter_pdu,
            on=date(2026, 3, 1),
            sexual=True,
            accommodation=AccommodationCategory.HOMELESS,
            mappa=1,
        ),
        released_man(
            dartmoor,
            exeter_pdu,
            on=date(2026, 6, 1),
            accommodation=AccommodationCategory.SETTLED,
            day_one=True,
        ),
        released_man(dartmoor, exeter_pdu, on=date(2026, 11, 30)),
        released_man(
            exeter, exeter_pdu, on=date(2026, 5, 1), accommodation=AccommodationCategory.SETTLED, day_one=True
        ),
        released_man(dartmoor, exeter_pdu, on=date(2025, 11, 30)),  # the day before the year: not counted
    ]
    held = [
        factories.person(at=dartmoor, release_area=exeter_pdu, risk={"mappa_category": 1, "mappa_level": 2}),
        factories.person(at=dartmoor, release_area=exeter_pdu, risk={"maintains_innocence": True}),
        factories.person(at=dartmoor, risk={}),
    ]
    com = factories.staff(StaffRole.COM, pdu=exeter_pdu)
    factories.allocate(held[0], com, role=AllocationRole.COM, allocated_on=date(2026, 1, 1))
    users = {
        Role.INSPECTOR: role_user(Role.INSPECTOR),
        Role.GOVERNOR: role_user(Role.GOVERNOR, prison=exeter),
        Role.NATIONAL_LEAD: role_user(Role.NATIONAL_LEAD),
        Role.POM: role_user(Role.POM, prison=dartmoor),
    }
    InspectionGrant.objects.create(
        inspector=users[Role.INSPECTOR],
        prison=dartmoor,
        starts_on=date(2026, 11, 20),
        ends_on=date(2026, 12, 20),
    )
    return ReportEstate(dartmoor, exeter, released, held, users)
