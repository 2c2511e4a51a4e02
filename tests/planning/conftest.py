"""A small estate for transfer planning: HMP Dartmoor (not a resettlement prison) and HMP Exeter, the
resettlement prison serving the Exeter delivery unit, with men at Dartmoor due for release."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from resettle.accounts.roles import Role
from tests import factories
from tests.security.users import role_user

AS_OF = date(2027, 1, 4)


@dataclass
class PlanningEstate:
    dartmoor: object
    exeter: object
    pdu: object
    men: list
    users: dict


def release_in(weeks: int) -> date:
    return AS_OF + timedelta(weeks=weeks)


def man_at(prison, pdu, *, weeks: int, **fields):
    man = factories.person(
        at=prison,
        release_area=pdu,
        security_category="C",
        recorded={"conditional_release_date": release_in(weeks)},
        **fields,
    )
    assert man.earliest_release_date == release_in(weeks)
    return man


@pytest.fixture
def planning_estate(db):
    south_west = factories.region(code="south-west", name="South West")
    pdu = factories.pdu(code="SW01", name="Exeter", region=south_west, latitude=50.72, longitude=-3.53)
    dartmoor = factories.prison(
        code="DAI",
        name="HMP Dartmoor",
        region=south_west,
        accepts_sexual_offences=True,
        operational_capacity=650,
        latitude=50.549,
        longitude=-3.995,
    )
    exeter = factories.prison(
        code="EXI",
        name="HMP Exeter",
        region=south_west,
        category="B_LOCAL",
        is_resettlement_prison=True,
        accepts_sexual_offences=True,
        operational_capacity=3,
        latitude=50.73,
        longitude=-3.535,
    )
    exeter.release_areas_served.add(pdu)
    men = [man_at(dartmoor, pdu, weeks=20), man_at(dartmoor, pdu, weeks=22)]
    users = {
        Role.SPO: role_user(Role.SPO, prison=dartmoor),
        Role.GOVERNOR: role_user(Role.GOVERNOR, prison=exeter),
        Role.NATIONAL_LEAD: role_user(Role.NATIONAL_LEAD),
        Role.POM: role_user(Role.POM, prison=dartmoor),
    }
    return PlanningEstate(dartmoor, exeter, pdu, men, users)
