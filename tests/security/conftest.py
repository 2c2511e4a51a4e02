"""An estate where one man is within reach of every case role: the matrix and scope tests use it."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from resettle.accounts.models import InspectionGrant
from resettle.accounts.roles import Role
from resettle.core.clock import today
from resettle.staff.models import AllocationRole, StaffRole
from tests import factories

from .users import role_user


@dataclass
class Estate:
    prison: object
    other_prison: object
    man: object
    other_man: object
    users: dict


@pytest.fixture
def estate(db):
    south_west = factories.region(name="South West")
    dartmoor = factories.prison(code="DAI", name="HMP Dartmoor", region=south_west)
    exeter_pdu = factories.pdu(name="Exeter", region=south_west)
    elsewhere = factories.prison(code="LEI", name="HMP Leicester")
    pom = factories.staff(StaffRole.PRISON_POM, prison=dartmoor)
    com = factories.staff(StaffRole.COM, pdu=exeter_pdu)
    man = factories.person(at=dartmoor, release_area=exeter_pdu, risk={"mappa_category": 2})
    factories.allocate(man, pom)
    factories.allocate(man, com, role=AllocationRole.COM)
    other_man = factories.person(at=elsewhere, risk={"mappa_category": 1})
    users = {
        Role.POM: role_user(Role.POM, prison=dartmoor, staff=pom),
        Role.SPO: role_user(Role.SPO, prison=dartmoor),
        Role.COM: role_user(Role.COM, pdu=exeter_pdu, staff=com),
        Role.MAPPA_COORDINATOR: role_user(Role.MAPPA_COORDINATOR, region=south_west),
        Role.GOVERNOR: role_user(Role.GOVERNOR, prison=dartmoor),
        Role.REGIONAL_LEAD: role_user(Role.REGIONAL_LEAD, region=south_west),
        Role.NATIONAL_LEAD: role_user(Role.NATIONAL_LEAD),
        Role.INSPECTOR: role_user(Role.INSPECTOR),
        Role.ADMINISTRATOR: role_user(Role.ADMINISTRATOR, prison=dartmoor),
    }
    InspectionGrant.objects.create(
        inspector=users[Role.INSPECTOR],
        prison=dartmoor,
        starts_on=today() - timedelta(days=3),
        ends_on=today() + timedelta(days=3),
    )
    return Estate(dartmoor, elsewhere, man, other_man, users)
