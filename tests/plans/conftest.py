from datetime import date, timedelta

import pytest

from resettle.accounts.roles import Role
from resettle.plans.services import refresh_readiness
from tests import factories
from tests.security.users import role_user, sign_in

TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def fixed_today(settings):
    settings.RESETTLE_TODAY = TODAY.isoformat()


@pytest.fixture
def prison(db):
    return factories.prison(name="HMP Dartmoor", code="DAI")


def man(prison, *, days: int | None = 100, risk: dict | None = None, **fields):
    """A man at `prison` due out in `days` (CRD), evaluated."""
    recorded = {"sentence_start_date": TODAY - timedelta(days=700)}
    if days is not None:
        recorded["conditional_release_date"] = TODAY + timedelta(days=days)
    person = factories.person(at=prison, recorded=recorded, risk=risk, **fields)
    refresh_readiness([person.pk], today=TODAY)
    return person


@pytest.fixture
def spo(client, prison):
    return sign_in(client, role_user(Role.SPO, prison=prison, first_name="Alex", last_name="Morgan"))
