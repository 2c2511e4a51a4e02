"""Small builders for test data: each makes a valid row with sensible defaults, overridable by keyword."""

import itertools
from datetime import date, timedelta

from resettle.accounts.models import User
from resettle.estate.models import Prison, ProbationDeliveryUnit, Region
from resettle.people.models import Booking, Offence, Person, RecordedKeyDates, RiskProfile, Sentence
from resettle.people.services import refresh_release_summary
from resettle.people.vocabulary import SentenceCalcType
from resettle.staff.models import Allocation, AllocationRole, StaffMember, StaffRole

_sequence = itertools.count(1)


def region(**fields) -> Region:
    n = next(_sequence)
    return Region.objects.create(**{"code": f"region-{n}", "name": f"Region {n}", **fields})


def pdu(**fields) -> ProbationDeliveryUnit:
    n = next(_sequence)
    fields.setdefault("region", fields.get("region") or region())
    return ProbationDeliveryUnit.objects.create(**{"code": f"PDU{n}", "name": f"Delivery unit {n}", **fields})


def prison(**fields) -> Prison:
    n = next(_sequence)
    fields.setdefault("region", fields.get("region") or region())
    code = "".join(chr(ord("A") + (n // 26**i) % 26) for i in (2, 1, 0))
    defaults = {
        "code": code,
        "name": f"HMP Test {n}",
        "category": Prison.Category.C,
        "operational_capacity": 600,
    }
    return Prison.objects.create(**{**defaults, **fields})


def prison_number(n: int) -> str:
    return f"A{n:04d}{chr(ord('A') + n // 26 % 26)}{chr(ord('A') + n % 26)}"


def person(
    *, at: Prison | None = None, recorded: dict | None = None, risk: dict | None = None, **fields
) -> Person:
    """A man in custody at `at`, with one active booking, recorded key dates and a risk profile."""
    n = next(_sequence)
    defaults = {
        "prison_number": prison_number(n),
        "first_name": "John",
        "last_name": f"Smith{n}",
        "date_of_birth": date(1980, 1, 1),
        "current_prison": at or prison(),
    }
    man = Person.objects.create(**{**defaults, **fields})
    booking = Booking.objects.create(
        person=man, booking_id=str(100000 + n), received_on=date(2023, 1, 1), is_active=man.in_custody
    )
    RecordedKeyDates.objects.create(booking=booking, **(recorded or {}))
    RiskProfile.objects.create(person=man, **(risk or {}))
    refresh_release_summary(man, today=date(2026, 11, 27))
    return man


def sentence(man: Person, **fields) -> Sentence:
    defaults = {
        "booking": man.active_booking,
        "calc_type": SentenceCalcType.ADIMP_ORA,
        "sentence_date": date(2023, 3, 1),
        "years": 4,
        "line_sequence": next(_sequence),
    }
    made = Sentence.objects.create(**{**defaults, **fields})
    Offence.objects.create(
        sentence=made,
        description="Burglary (dwelling)",
        committed_on=made.sentence_date - timedelta(days=200),
    )
    return made


def staff(role=StaffRole.PRISON_POM, **fields) -> StaffMember:
    n = next(_sequence)
    return StaffMember.objects.create(
        **{"first_name": "Alex", "last_name": f"Officer{n}", "role": role, **fields}
    )


def allocate(man: Person, member: StaffMember, role=AllocationRole.PRIMARY_POM, **fields) -> Allocation:
    return Allocation.objects.create(
        person=man, staff=member, role=role, **{"allocated_on": date(2026, 1, 5), **fields}
    )


def user(
    username: str = "", *, prison: Prison | None = None, password: str = "a-long-test-password", **fields
) -> User:
    username = username or f"user{next(_sequence)}"
    return User.objects.create_user(username=username, password=password, caseload_prison=prison, **fields)
