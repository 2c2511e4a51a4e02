"""The layout every page shares (core/base.html)."""

import pytest
from django.test import Client
from django.urls import reverse

from resettle.accounts.roles import Role
from tests.security.users import sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.POM, Role.INSPECTOR, Role.ADMINISTRATOR])
def test_every_signed_in_page_links_the_api_documentation_in_its_footer(estate, role):
    """Issue 18 §7: the API's documentation is found where a user looks for it; the API applies each
    user's own access, so every signed-in user may read it."""
    signed_in = sign_in(Client(), estate.users[role]).get(reverse("home"), follow=True).content.decode()
    signed_out = Client().get(reverse("login")).content.decode()

    assert f'<a class="govuk-footer__link" href="{reverse("api:docs")}">API documentation</a>' in signed_in
    assert reverse("api:docs") not in signed_out
