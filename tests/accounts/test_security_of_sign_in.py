"""Hardened sign-in: lockout, the second factor, headers, and production settings that pass Django's
deployment checks."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.accounts.models import EnrolmentCode
from resettle.accounts.roles import Role
from resettle.accounts.two_factor import issue_enrolment_code
from resettle.audit.models import Action, AuditEntry
from tests import factories
from tests.security.users import current_code, role_user, sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
ROOT = Path(__file__).resolve().parents[2]


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, settings):
    role_user(Role.POM, username="pom")

    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "pom", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "pom", "password": PASSWORD})

    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_second_factor_is_required_before_any_case_page(client):
    prison = factories.prison()
    user = role_user(Role.SPO, username="spo", prison=prison)
    client.post(reverse("login"), {"username": "spo", "password": PASSWORD})

    response = client.get(reverse("caseload", args=[prison.code]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-setup"))
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    assert client.get(reverse("prison-list"))["Location"].startswith(reverse("two-factor-verify"))


def test_enrolment_shows_a_qr_code_and_accepts_only_the_right_code(client):
    user = role_user(Role.POM, username="pom")
    client.post(reverse("login"), {"username": "pom", "password": PASSWORD})
    client.post(reverse("two-factor-setup"), {"enrolment_code": issue_enrolment_code(user)})

    page = client.get(reverse("two-factor-setup")).content.decode()
    wrong = client.post(
        reverse("two-factor-setup"), {"code": "000000" if current_code(user) != "000000" else "111111"}
    )
    # A wrong code makes the device wait before it accepts another (django-otp throttling); skip the wait.
    TOTPDevice.objects.get(user=user).throttle_reset()
    right = client.post(reverse("two-factor-setup"), {"code": current_code(user), "next": "/prisons/"})

    assert '<svg class="app-qr-code" role="img"' in page and "<script" not in page.split("</head>")[1]
    assert "The code is not right or has expired" in wrong.content.decode()
    assert right["Location"] == "/prisons/"
    assert TOTPDevice.objects.get(user=user).confirmed


def test_the_password_alone_cannot_register_an_authenticator(client):
    """Issue 16 §8: enrolment was trust-on-first-use; now it takes an administrator's one-time code."""
    user = role_user(Role.POM, username="pom")
    client.post(reverse("login"), {"username": "pom", "password": PASSWORD})

    page = client.get(reverse("two-factor-setup")).content.decode()
    guessed = client.post(reverse("two-factor-setup"), {"enrolment_code": "ABCD-EFGH-JKMN"})

    assert "enter the enrolment code your local administrator gave you" in page
    assert "app-qr-code" not in page and not TOTPDevice.objects.filter(user=user).exists()
    assert "The enrolment code is not right" in guessed.content.decode()
    assert AuditEntry.objects.filter(action=Action.SIGN_IN_FAILED, actor=user, detail__contains="enrolment")


def test_an_enrolment_code_works_once_for_its_own_user_and_until_it_expires(client):
    user, other = role_user(Role.POM, username="pom"), role_user(Role.POM, username="other")
    used, expired, others = (
        issue_enrolment_code(user),
        issue_enrolment_code(user),
        issue_enrolment_code(other),
    )
    EnrolmentCode.objects.filter(user=user).update(expires_at=timezone.now() - timedelta(seconds=1))
    fresh = issue_enrolment_code(user)
    client.post(reverse("login"), {"username": "pom", "password": PASSWORD})

    refused = [
        client.post(reverse("two-factor-setup"), {"enrolment_code": code}).status_code
        for code in (used, expired, others)
    ]
    accepted = client.post(reverse("two-factor-setup"), {"enrolment_code": fresh.lower().replace("-", " ")})
    client.get(reverse("two-factor-setup"))
    client.post(reverse("two-factor-setup"), {"code": current_code(user)})

    assert refused == [200, 200, 200] and accepted.status_code == 302
    assert EnrolmentCode.objects.get(user=user, used_at__isnull=False).expires_at > timezone.now()
    assert TOTPDevice.objects.get(user=user).confirmed
    again = Client()
    again.post(reverse("login"), {"username": "pom", "password": PASSWORD})
    assert again.get(reverse("two-factor-setup"))["Location"] == reverse("two-factor-verify")


def test_each_showing_of_the_set_up_page_makes_a_new_key(client):
    user = role_user(Role.POM, username="pom")
    client.post(reverse("login"), {"username": "pom", "password": PASSWORD})
    client.post(reverse("two-factor-setup"), {"enrolment_code": issue_enrolment_code(user)})

    first = client.get(reverse("two-factor-setup")).context["setup_key"]
    second = client.get(reverse("two-factor-setup")).context["setup_key"]

    assert first != second
    assert TOTPDevice.objects.filter(user=user).count() == 1  # the first key is gone, not kept unconfirmed


def test_an_administrator_issues_an_enrolment_code_on_the_admin_site_audited_and_never_his_own(client):
    administrator = role_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    colleague = role_user(Role.POM)
    sign_in(client, administrator)

    answer = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "issue_enrolment_code", "_selected_action": [colleague.pk, administrator.pk]},
        follow=True,
    )

    shown = [str(message) for message in answer.context["messages"]]
    (issued,) = EnrolmentCode.objects.all()
    assert issued.user == colleague and issued.issued_by == administrator
    assert any(f"Enrolment code for {colleague.username}: " in message for message in shown)
    assert "Another administrator must issue your own code" in shown
    created = AuditEntry.objects.get(action=Action.CREATE, record=f"accounts.EnrolmentCode:{issued.pk}")
    assert created.actor == administrator and created.changes["user_id"] == [None, colleague.pk]
    assert issued.code_hash not in str(created.changes)


def test_the_enrolment_code_command_prints_a_code_that_enrols_him(client, capsys):
    user = role_user(Role.POM, username="pom")

    call_command("enrolment-code", "pom")
    code = capsys.readouterr().out.strip()
    client.post(reverse("login"), {"username": "pom", "password": PASSWORD})

    assert client.post(reverse("two-factor-setup"), {"enrolment_code": code}).status_code == 302
    assert AuditEntry.objects.filter(action=Action.CREATE, record__startswith="accounts.EnrolmentCode:")
    with pytest.raises(CommandError, match="No active user called nobody"):
        call_command("enrolment-code", "nobody")
    assert user.enrolment_codes.count() == 1


def test_a_wrong_code_at_sign_in_is_refused_and_a_right_one_lets_him_in(client):
    user = role_user(Role.NATIONAL_LEAD, username="lead")
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client.post(reverse("login"), {"username": "lead", "password": PASSWORD})

    wrong = client.post(reverse("two-factor-verify"), {"code": "12345"})
    right = client.post(reverse("two-factor-verify"), {"code": current_code(user), "next": "/prisons/"})

    assert '<a href="#code">Enter the code as 6 digits, like 123456</a>' in wrong.content.decode()
    assert right["Location"] == "/prisons/"
    assert client.get("/prisons/").status_code == 200


def test_the_local_demo_setting_relaxes_the_second_factor(client, settings):
    settings.RESETTLE_REQUIRE_TWO_FACTOR = False
    client.force_login(role_user(Role.NATIONAL_LEAD))

    assert client.get(reverse("prison-list")).status_code == 200


def test_pages_carry_a_strict_content_security_policy_and_security_headers():
    client = sign_in(Client(), role_user(Role.NATIONAL_LEAD))

    response = client.get(reverse("prison-list"))

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert "camera=()" in response["Permissions-Policy"]


def test_production_settings_pass_the_deployment_checks_and_hash_with_argon2():
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DEBUG", "SECURE_", "DJANGO_"))}
    env = {
        **clean,
        "SECRET_KEY": "p7#Vq2!xL9@mR4$wZ8&nT1^bK6*cY3(hF5)jD0-sG2+aQe4Uo8Ir5Ty1",
        "DEBUG": "false",
    }
    resettle = Path(sys.executable).with_name("resettle")

    checked = subprocess.run(
        [str(resettle), "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    hashers = subprocess.run(
        [
            sys.executable,
            "-c",
            "import config.settings as s; print(s.PASSWORD_HASHERS[0], s.RESETTLE_REQUIRE_TWO_FACTOR)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert hashers.stdout.split() == ["django.contrib.auth.hashers.Argon2PasswordHasher", "True"]
