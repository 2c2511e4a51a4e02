"""The idle timeout (resettle.accounts.idle): a session ends SESSION_COOKIE_AGE seconds after its last
renewal, and requests renew it at most once a minute rather than writing the session row every time."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from resettle.accounts import idle
from resettle.accounts.roles import Role
from tests import factories
from tests.security.users import role_user, sign_in

pytestmark = pytest.mark.django_db


def session_writes(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return sum(
        1
        for q in captured.captured_queries
        if q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]
    )


@pytest.fixture
def signed_in(client):
    prison = factories.prison()
    sign_in(client, role_user(Role.POM, prison=prison))
    return client


def test_renewal_is_due_a_minute_after_the_last():
    assert idle.due_for_renewal(None, 1_000)
    assert not idle.due_for_renewal(1_000, 1_000 + idle.RENEW_AFTER_SECONDS - 1)
    assert idle.due_for_renewal(1_000, 1_000 + idle.RENEW_AFTER_SECONDS)


def test_the_first_request_renews_and_the_next_within_a_minute_does_not(signed_in):
    assert session_writes(signed_in, "/my-caseload/") == 1
    assert session_writes(signed_in, "/my-caseload/") == 0


def test_a_request_a_minute_later_moves_the_expiry_on(signed_in, monkeypatch):
    signed_in.get("/my-caseload/")
    session = Session.objects.get()
    first_expiry = session.expire_date
    later = idle.time.time() + idle.RENEW_AFTER_SECONDS + 5
    monkeypatch.setattr(idle.time, "time", lambda: later)

    assert session_writes(signed_in, "/my-caseload/") == 1
    assert Session.objects.get().expire_date > first_expiry


def test_a_session_ends_the_idle_age_after_its_last_renewal(signed_in, settings):
    signed_in.get("/my-caseload/")
    expiry = Session.objects.get().expire_date
    assert abs(expiry - (timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE))) < timedelta(
        seconds=5
    )


def test_a_visitor_without_a_session_is_not_given_one(client):
    response = client.get(reverse("login"))

    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()
