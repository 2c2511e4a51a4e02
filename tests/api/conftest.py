import pytest
from rest_framework.test import APIClient

from resettle.accounts.roles import Role
from resettle.api import tokens
from resettle.plans.services import refresh_facts
from tests import factories
from tests.security.conftest import estate  # noqa: F401  (the estate every role can reach one man in)


@pytest.fixture
def man(estate):  # noqa: F811
    """The estate's man with a sentence, so that he has a booking, calculated release dates and readiness."""
    factories.sentence(estate.man)
    refresh_facts([estate.man.pk])
    return estate.man


def token_client(user) -> APIClient:
    _, secret = tokens.issue(user, "tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture
def spo(estate):  # noqa: F811
    return token_client(estate.users[Role.SPO])


@pytest.fixture
def governor(estate):  # noqa: F811
    return token_client(estate.users[Role.GOVERNOR])
