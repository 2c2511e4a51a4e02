"""Users of each role for the security tests, and signing them in as far as the second factor."""

from django.contrib.auth.models import Group
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.accounts.roles import Role
from tests import factories


def role_user(*roles: Role, staff=None, **fields):
    """A user holding `roles`, scoped by `fields` (prison=, region=, pdu=), signing in as `staff`."""
    user = factories.user(**fields)
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    if staff is not None:
        staff.user = user
        staff.save(update_fields=["user"])
    return user


def sign_in(client, user):
    """Sign `user` in on `client` with his password and a confirmed authenticator, as after both steps."""
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def current_code(user) -> str:
    """The code his authenticator app would show now."""
    device = TOTPDevice.objects.get(user=user)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
