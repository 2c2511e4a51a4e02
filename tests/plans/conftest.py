from datetime import date, timedelta

import pytest

from resettle.accounts.roles import Role
from resettle.plans.models import AccommodationCategory, AccommodationPlan
from resettle.plans.services import refresh_readiness, save_record
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


# A man subject to notification is MAPPA category 1; with a level set a month ago, or without one.
MAPPA_ELIGIBLE = {"subject_to_notification": True, "mappa_category": 1}
MAPPA_LEVEL_SET = {**MAPPA_ELIGIBLE, "mappa_level": 1, "mappa_level_set_on": TODAY - timedelta(days=30)}


def housed(person) -> None:
    """His first-night accommodation confirmed today: settled, at an address."""
    save_record(
        AccommodationPlan,
        person,
        version=0,
        values={"category": AccommodationCategory.SETTLED, "address": "1 Mill Lane", "confirmed_on": TODAY},
        today=TODAY,
    )


@pytest.fixture
def spo(client, prison):
    return sign_in(client, role_user(Role.SPO, prison=prison, first_name="Alex", last_name="Morgan"))
