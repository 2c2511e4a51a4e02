"""A probation block per man (from nDelius and OASys): CRN, community offender manager, tier, MAPPA and
RoSH. The same field names in JSON and as CSV columns (docs/import.md)."""

import re
from dataclasses import dataclass
from datetime import date

from resettle.core.clock import today
from resettle.people.models import TIER, Person, RiskProfile
from resettle.people.vocabulary import MappaCategory, MappaLevel, RoshLevel
from resettle.staff.models import Allocation, AllocationRole, StaffMember, StaffRole

from . import fields
from .fields import Invalid
from .rows import checked, upsert

CSV_COLUMNS = (
    "prisonerNumber",
    "crn",
    "comName",
    "comEmail",
    "comTeam",
    "tier",
    "mappaCategory",
    "mappaLevel",
    "mappaReviewDate",
    "roshLevel",
    "roshDate",
)
REQUIRED_CSV_COLUMNS = ("prisonerNumber", "crn")
CRN = re.compile(r"^[A-Z][0-9]{6}$")


@dataclass(frozen=True)
class ProbationRecord:
    prison_number: str
    crn: str
    com_name: str
    com_email: str
    com_team: str
    risk: dict


def _crn(raw: dict) -> str:
    crn = fields.text(raw, "crn", required=True, max_length=20).upper()
    if not CRN.match(crn):
        raise Invalid("crn", f"{crn!r} is not a case reference number (a letter and six digits)")
    return crn


def _tier(raw: dict) -> str:
    tier = fields.text(raw, "tier", max_length=10).upper()
    if tier and not TIER.regex.match(tier):
        raise Invalid("tier", f"{tier!r} is not a tier (B2 under v2, or a letter A to G under v3)")
    return tier


def _not_future(raw: dict, field: str) -> date | None:
    value = fields.day(raw, field)
    if value and value > today():
        raise Invalid(field, f"{value} is in the future: an assessment date cannot be")
    return value


def read(raw: dict) -> ProbationRecord:
    risk = {
        "tier": _tier(raw),
        "mappa_category": fields.choice(raw, "mappaCategory", MappaCategory.values),
        "mappa_level": fields.choice(raw, "mappaLevel", MappaLevel.values),
        "mappa_review_on": fields.day(raw, "mappaReviewDate"),
        "rosh_level": fields.choice(raw, "roshLevel", RoshLevel.values) or "",
        "rosh_assessed_on": _not_future(raw, "roshDate"),
    }
    if risk["mappa_level"] is not None and risk["mappa_category"] is None:
        raise Invalid("mappaLevel", "a MAPPA level needs a MAPPA category")
    return ProbationRecord(
        prison_number=fields.prison_number(raw),
        crn=_crn(raw),
        com_name=fields.text(raw, "comName", max_length=200),
        com_email=fields.text(raw, "comEmail", max_length=254).lower(),
        com_team=fields.text(raw, "comTeam", max_length=100),
        risk=risk,
    )


def _com(record: ProbationRecord) -> StaffMember | None:
    if not record.com_name:
        return None
    first, _, last = record.com_name.rpartition(" ")
    if not first:
        raise Invalid("comName", f"{record.com_name!r} needs a first and a last name")
    # nDelius staff are matched by e-mail when there is one: names are not unique. Matched by name, the
    # name is the lookup and not a value to write.
    names = {"first_name": first, "last_name": last}
    lookup, values = ({"email": record.com_email}, names) if record.com_email else (names, {})
    staff, _ = upsert(
        StaffMember,
        {**lookup, "role": StaffRole.COM},
        {**values, "team": record.com_team},
        prefix="com.",
    )
    return staff


def _allocate(person: Person, staff: StaffMember | None) -> bool:
    current = Allocation.objects.filter(person=person, role=AllocationRole.COM, ended_on__isnull=True).first()
    if staff is None or (current and current.staff_id == staff.pk):
        return False
    on = today()
    if current is not None:
        current.ended_on = max(on, current.allocated_on)
        current.reason = "Reallocated by a probation import"
        current.save()
    checked(Allocation(person=person, staff=staff, role=AllocationRole.COM, allocated_on=on)).save()
    return True


def store(record: ProbationRecord) -> tuple[Person, bool]:
    person = Person.objects.filter(prison_number=record.prison_number).first()
    if person is None:
        raise Invalid("prisonerNumber", f"no person {record.prison_number}: import his prisoner record first")
    person, crn_changed = upsert(Person, {"pk": person.pk}, {"crn": record.crn})
    _, risk_changed = upsert(RiskProfile, {"person": person}, record.risk)
    allocated = _allocate(person, _com(record))
    return person, bool(crn_changed or risk_changed or allocated)
