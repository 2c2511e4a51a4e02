"""Who is signed in, beyond his user row: his roles and the authenticators he has confirmed, read in one
plain statement on every request.

Django reads his row (AuthenticationMiddleware and the session), django-otp the authenticator his session
names (OTPMiddleware) and the scope his groups, each through the ORM: building those two queries cost
more than the database's answers. Nothing here is kept beyond the request, so a role taken away, an
authenticator removed or a user deactivated (his row, read by Django) is seen by his next request, in
every process.
"""

from dataclasses import dataclass
from functools import cache

from django.contrib.auth.models import Group
from django.db import connection
from django.utils.functional import SimpleLazyObject
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import middleware as otp
from django_otp.plugins.otp_totp.models import TOTPDevice

# The persistent id django-otp keeps in the session for a TOTP device: "<app label>.<model>/<id>".
TOTP_LABEL = TOTPDevice._meta.label_lower


@dataclass(frozen=True)
class Principal:
    role_names: frozenset[str]
    # His TOTP devices that are confirmed: the ones whose code he may have signed in with.
    totp_device_ids: frozenset[int]


@cache
def _statement(vendor: str) -> str:
    q = connection.ops.quote_name
    groups = Group._meta.db_table
    membership = Group.user_set.through._meta.db_table  # the user model's groups, whatever it is called
    devices = TOTPDevice._meta.db_table
    return (
        f"SELECT g.{q('name')}, NULL FROM {q(groups)} g JOIN {q(membership)} m ON m.{q('group_id')} = g.{q('id')}"
        f" WHERE m.{q('user_id')} = %s"
        f" UNION ALL SELECT NULL, d.{q('id')} FROM {q(devices)} d WHERE d.{q('user_id')} = %s AND d.{q('confirmed')}"
    )


def principal(user) -> Principal:
    """His roles' names and confirmed authenticators, read once per user object (one request's)."""
    known = getattr(user, "_principal", None)
    if known is None:
        with connection.cursor() as cursor:
            cursor.execute(_statement(connection.vendor), [user.pk, user.pk])
            rows = cursor.fetchall()
        known = Principal(
            role_names=frozenset(name for name, _ in rows if name is not None),
            totp_device_ids=frozenset(int(device) for _, device in rows if device is not None),
        )
        user._principal = known
    return known


class OTPMiddleware(otp.OTPMiddleware):
    """django-otp's, but a TOTP device named by the session is checked against his confirmed devices
    (`principal`) rather than read by itself: one his, and confirmed, is verified, and its row read only
    if something uses it. Any other kind of device is read as django-otp reads it."""

    def _verify_user_sync(self, request, user):
        self._init_user_fields(user)
        if user.is_authenticated:
            persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
            device = self._device_of(request, user, persistent_id) if persistent_id else None
            # With no device, as django-otp: the session's claim to a second factor is forgotten.
            user.otp_device = device if device is not None else self._finalize_device(request, user, None)
        return user

    def _device_of(self, request, user, persistent_id: str):
        label, _, device_id = self._normalize_persistent_id(persistent_id).rpartition("/")
        if label != TOTP_LABEL or not device_id.isdigit():
            return self._finalize_device(request, user, self._device_from_persistent_id(persistent_id))
        if int(device_id) not in principal(user).totp_device_ids:
            return None
        return SimpleLazyObject(lambda: TOTPDevice.objects.get(pk=int(device_id), user=user, confirmed=True))
