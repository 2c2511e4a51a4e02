"""Who is signed in is read afresh on every request (resettle.accounts.principal): a role taken away, an
authenticator removed or a user deactivated is seen by his very next request."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.accounts.roles import Role
from tests import factories
from tests.security.users import role_user, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def prison():
    return factories.prison(code="DAI")


@pytest.fixture
def spo(prison):
    return role_user(Role.SPO, prison=prison)


@pytest.fixture
def signed_in(client, spo):
    return sign_in(client, spo)


def dashboard(client, prison):
    return client.get(reverse("dashboard", args=[prison.code]))


def test_a_role_taken_away_is_refused_on_the_next_request(signed_in, spo, prison):
    assert dashboard(signed_in, prison).status_code == 200

    spo.groups.remove(Group.objects.get(name=Role.SPO))

    assert dashboard(signed_in, prison).status_code == 403


def test_a_role_given_is_allowed_on_the_next_request(client, prison):
    user = role_user(prison=prison)
    signed_in = sign_in(client, user)
    assert dashboard(signed_in, prison).status_code == 403

    user.groups.add(Group.objects.get_or_create(name=Role.SPO)[0])

    assert dashboard(signed_in, prison).status_code == 200


def test_a_renamed_group_is_no_longer_the_role(signed_in, prison):
    assert dashboard(signed_in, prison).status_code == 200

    Group.objects.filter(name=Role.SPO).update(name="Former SPOs")

    assert dashboard(signed_in, prison).status_code == 403


def test_a_deactivated_user_is_signed_out_on_the_next_request(signed_in, spo, prison):
    assert dashboard(signed_in, prison).status_code == 200

    spo.is_active = False
    spo.save()
    response = dashboard(signed_in, prison)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_removed_authenticator_asks_for_the_second_factor_again(signed_in, spo, prison):
    assert dashboard(signed_in, prison).status_code == 200

    TOTPDevice.objects.filter(user=spo).delete()
    response = dashboard(signed_in, prison)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-setup"))


def test_an_authenticator_no_longer_confirmed_no_longer_verifies_him(signed_in, spo, prison):
    TOTPDevice.objects.filter(user=spo).update(confirmed=False)

    response = dashboard(signed_in, prison)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-setup"))


def test_only_the_authenticator_he_signed_in_with_verifies_him(signed_in, spo, prison):
    """Another confirmed authenticator of his is not the one his session gave a code from."""
    TOTPDevice.objects.create(user=spo, name="Another", confirmed=True)
    TOTPDevice.objects.filter(user=spo, name="Authenticator app").delete()

    response = dashboard(signed_in, prison)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-verify"))


def test_another_users_authenticator_does_not_verify_him(client, spo, prison):
    signed_in = sign_in(client, spo)
    other = TOTPDevice.objects.create(user=factories.user(), name="Theirs", confirmed=True)
    session = signed_in.session
    session["otp_device_id"] = other.persistent_id
    session.save()

    response = dashboard(signed_in, prison)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-verify"))


def test_his_roles_and_authenticators_are_read_in_one_statement(signed_in, prison):
    dashboard(signed_in, prison)
    with CaptureQueriesContext(connection) as captured:
        assert dashboard(signed_in, prison).status_code == 200

    reading = [q["sql"] for q in captured.captured_queries if "otp_totp_totpdevice" in q["sql"]]
    assert len(reading) == 1 and "auth_group" in reading[0]
    assert not any("auth_group" in q["sql"] for q in captured.captured_queries if q["sql"] not in reading)
