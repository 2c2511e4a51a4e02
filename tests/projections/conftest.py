"""A small estate for the projection screens and API: HMP Dartmoor with men due for release over the
coming year (two POMs on file), HMP Exeter holding no one, both in the South West, and a projection run."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from resettle.accounts.roles import Role
from resettle.projections.services import run_projection
from resettle.staff.models import StaffRole
from tests import factories
from tests.security.users import role_user

AS_OF = date(2027, 1, 4)


@dataclass
class ProjectionEstate:
    dartmoor: object
    exeter: object
    run: object
    users: dict


@pytest.fixture
def projected(db):
    south_west = factories.region(code="south-west", name="South West")
    pdu = factories.pdu(code="SW01", name="Exeter", region=south_west)
    dartmoor = factories.prison(code="DAI", name="HMP Dartmoor", region=south_west)
    exeter = factories.prison(code="EXI", name="HMP Exeter", region=south_west)
    for weeks in (3, 10, 20, 30, 40):
        factories.person(
            at=dartmoor,
            release_area=pdu,
            recorded={"conditional_release_date": AS_OF + timedelta(weeks=weeks)},
            risk={"rosh_level": "HIGH"},
        )
    for _ in range(2):
        factories.staff(role=StaffRole.PRISON_POM, prison=dartmoor)
    factories.staff(role=StaffRole.COM, pdu=pdu)
    run = run_projection(as_of=AS_OF, months=12, paths=20, seed=1)
    users = {
        Role.NATIONAL_LEAD: role_user(Role.NATIONAL_LEAD),
        Role.SPO: role_user(Role.SPO, prison=dartmoor),
        Role.GOVERNOR: role_user(Role.GOVERNOR, prison=exeter),
        Role.POM: role_user(Role.POM, prison=dartmoor),
    }
    return ProjectionEstate(dartmoor, exeter, run, users)
