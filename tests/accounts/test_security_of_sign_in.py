"""Hardened sign-in: lockout, the second factor, headers, and production settings that pass Django's
deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.accounts.roles import Role
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
