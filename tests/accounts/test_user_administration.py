"""What an administrator does to users through the admin site goes into the hash-chained audit trail with
its before and after (issue 16 §2): roles, passwords, the active flag, API tokens and authenticators. And he
cannot give himself a role: another administrator must."""

from datetime import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.accounts.roles import Role
from resettle.api import tokens
from resettle.audit.models import Action, AuditEntry
from tests.security.users import role_user, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator():
    # With every Django permission, as a real one has, so that only Resettle's own rules hold him back.
    return role_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(administrator):
    return sign_in(Client(), administrator)


def change_form(client, user, **changes) -> dict:
    """The user's admin change form as it stands, with `changes`, ready to post."""
    form = client.get(reverse("admin:accounts_user_change", args=[user.pk])).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = changes.get(name, form[name].value())
        if isinstance(value, datetime):  # the admin's split date and time inputs
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = local.date().isoformat(), local.strftime("%H:%M:%S")
        elif value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = value
    return data


def last_entry() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def entries_about(user, *, after: int) -> list[AuditEntry]:
    """What was recorded of changes to `user` since entry `after`, the last before the test's own doing."""
    return list(AuditEntry.objects.filter(record=f"accounts.User:{user.pk}", pk__gt=after).order_by("id"))


def test_adding_a_role_records_the_roles_before_and_after_and_nothing_else(admin_client, administrator):
    colleague = role_user(Role.POM)
    lead = Group.objects.get_or_create(name=Role.NATIONAL_LEAD.value)[0]
    groups = [*colleague.groups.values_list("pk", flat=True), lead.pk]
    mark = last_entry()

    admin_client.post(
        reverse("admin:accounts_user_change", args=[colleague.pk]),
        change_form(admin_client, colleague, groups=groups),
    )

    (changed,) = entries_about(colleague, after=mark)
    assert changed.action == Action.CHANGE and changed.actor == administrator
    assert changed.changes == {"groups": [["POM"], ["National lead", "POM"]]}  # no spurious date_joined


def test_removing_a_role_is_recorded_too(admin_client):
    colleague = role_user(Role.POM, Role.SPO)
    spo = Group.objects.get(name=Role.SPO.value)
    mark = last_entry()

    admin_client.post(
        reverse("admin:accounts_user_change", args=[colleague.pk]),
        change_form(admin_client, colleague, groups=[spo.pk]),
    )

    assert [e.changes for e in entries_about(colleague, after=mark)] == [
        {"groups": [["POM", "SPO"], ["SPO"]]}
    ]


def test_a_role_given_from_the_groups_side_is_recorded_on_the_user():
    colleague = role_user()
    lead = Group.objects.get_or_create(name=Role.NATIONAL_LEAD.value)[0]
    mark = last_entry()

    lead.user_set.add(colleague)

    assert [e.changes for e in entries_about(colleague, after=mark)] == [{"groups": [[], ["National lead"]]}]


def test_setting_a_password_is_recorded_without_the_password_or_its_hash(admin_client, administrator):
    colleague = role_user(Role.POM)
    hash_before = colleague.password
    mark = last_entry()

    admin_client.post(
        reverse("admin:auth_user_password_change", args=[colleague.pk]),
        {
            "password1": "another-long-password-9",
            "password2": "another-long-password-9",
            "usable_password": "true",
        },
    )

    colleague.refresh_from_db()
    (changed,) = entries_about(colleague, after=mark)
    before, after = changed.changes["password"]
    assert colleague.password != hash_before and before != after
    assert hash_before not in str(changed.changes) and colleague.password not in str(changed.changes)
    assert changed.actor == administrator


def test_deactivating_a_user_is_recorded(admin_client):
    colleague = role_user(Role.POM)
    mark = last_entry()

    admin_client.post(
        reverse("admin:accounts_user_change", args=[colleague.pk]),
        change_form(admin_client, colleague, is_active=False),
    )

    assert [e.changes for e in entries_about(colleague, after=mark)] == [{"is_active": [True, False]}]


def test_deleting_an_authenticator_is_recorded_without_its_key(admin_client, administrator):
    colleague = role_user(Role.POM)
    device = TOTPDevice.objects.create(user=colleague, name="Authenticator app", confirmed=True)

    admin_client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})

    (deleted,) = AuditEntry.objects.filter(record=f"otp_totp.TOTPDevice:{device.pk}", action=Action.DELETE)
    assert deleted.actor == administrator
    assert deleted.changes["user_id"] == [colleague.pk, None] and deleted.changes["confirmed"] == [True, None]
    assert device.key not in str(deleted.changes)


def test_signing_in_with_an_authenticator_records_nothing_about_the_device(client):
    """The device's drift and throttling counters change at every code given: they are not changes."""
    colleague = role_user(Role.POM)
    device = TOTPDevice.objects.create(user=colleague, name="Authenticator app", confirmed=True)
    device.throttle_increment()
    device.save()

    assert not AuditEntry.objects.filter(record=f"otp_totp.TOTPDevice:{device.pk}", action=Action.CHANGE)


def test_api_tokens_issued_and_revoked_are_recorded_without_their_secret():
    colleague = role_user(Role.POM)
    token, secret = tokens.issue(colleague, "nightly sync")

    call_command("api-token", "revoke", token.prefix, verbosity=0)

    made, revoked = AuditEntry.objects.filter(record=f"api.ApiToken:{token.pk}").order_by("id")
    assert (made.action, made.changes["name"], made.changes["user_id"]) == (
        Action.CREATE,
        [None, "nightly sync"],
        [None, colleague.pk],
    )
    assert revoked.action == Action.CHANGE and revoked.changes["revoked_at"][0] is None
    assert secret not in str(made.changes) and token.key_hash not in str(made.changes)


def test_an_administrator_cannot_give_himself_a_role(admin_client, administrator):
    lead = Group.objects.get_or_create(name=Role.NATIONAL_LEAD.value)[0]
    mine = list(administrator.groups.values_list("pk", flat=True))
    mark = last_entry()

    admin_client.post(
        reverse("admin:accounts_user_change", args=[administrator.pk]),
        {**change_form(admin_client, administrator), "groups": [*mine, lead.pk], "is_superuser": "on"},
    )

    assert list(administrator.groups.values_list("name", flat=True)) == [Role.ADMINISTRATOR.value]
    assert not entries_about(administrator, after=mark)


def test_another_administrator_can_give_him_one(admin_client):
    other = role_user(Role.ADMINISTRATOR, is_staff=True)
    lead = Group.objects.get_or_create(name=Role.NATIONAL_LEAD.value)[0]
    mine = list(other.groups.values_list("pk", flat=True))

    admin_client.post(
        reverse("admin:accounts_user_change", args=[other.pk]),
        change_form(admin_client, other, groups=[*mine, lead.pk]),
    )

    assert set(other.groups.values_list("name", flat=True)) == {
        Role.ADMINISTRATOR.value,
        Role.NATIONAL_LEAD.value,
    }


def test_no_administrator_can_read_an_authenticators_key_on_the_admin_site(admin_client):
    colleague = role_user(Role.POM)
    device = TOTPDevice.objects.create(user=colleague, name="Authenticator app", confirmed=True)

    page = admin_client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])).content.decode()

    assert device.key not in page and "qrcode" not in page
