import pytest
from django.urls import reverse

from resettle.accounts.roles import Role
from resettle.accounts.two_factor import issue_enrolment_code
from tests import factories
from tests.security.users import current_code, role_user, sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


@pytest.mark.parametrize(
    "url",
    ["/", "/prisons/", "/prisons/ABC/caseload/", "/people/A1234BC/"],
)
def test_every_page_sends_a_visitor_to_sign_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_sign_in_page_is_a_govuk_form(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Sign in – Resettle – HMPPS</title>" in html
    assert 'autocomplete="username"' in html
    assert 'type="password"' in html
    assert "Sign out" not in html


def test_signing_in_asks_for_the_second_factor_then_goes_to_the_pom_s_cases(client):
    prison = factories.prison()
    role_user(Role.POM, username="pom", prison=prison)

    response = client.post(reverse("login"), {"username": "pom", "password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == f"{reverse('two-factor-setup')}?next=%2F"
    client.post(
        reverse("two-factor-setup"), {"enrolment_code": issue_enrolment_code(response.context["user"])}
    )
    client.get(reverse("two-factor-setup"))
    response = client.post(
        reverse("two-factor-setup"),
        {"code": current_code(response.context["user"]), "next": "/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("my-caseload")
    html = response.content.decode()
    assert prison.name in html
    assert "Sign out" in html


def test_signing_in_returns_to_the_page_asked_for(client):
    factories.user("pom")

    response = client.post(reverse("login"), {"username": "pom", "password": PASSWORD, "next": "/prisons/"})

    assert response["Location"] == "/prisons/"


def test_a_wrong_password_shows_the_error_summary(client):
    factories.user("pom")

    response = client.post(reverse("login"), {"username": "pom", "password": "not-the-password"})

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Enter a correct username and password") == 2  # the summary and the field
    assert 'class="govuk-error-summary"' in html
    assert '<a href="#username">Enter a correct username and password</a>' in html
    assert "<title>Error: Sign in" in html
    assert "_auth_user_id" not in client.session


def test_empty_fields_are_named_in_the_error_summary(client):
    response = client.post(reverse("login"), {"username": "", "password": ""})

    html = response.content.decode()
    assert '<a href="#username">Enter your username</a>' in html
    assert '<a href="#password">Enter your password</a>' in html
    assert "govuk-input--error" in html


def test_sign_out_is_post_only(client):
    client.force_login(factories.user())

    assert client.get(reverse("logout")).status_code == 405

    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_home_without_a_caseload_prison_goes_to_the_prison_list(client):
    sign_in(client, role_user(Role.SPO))

    assert client.get("/")["Location"] == reverse("prison-list")


def test_home_for_an_administrator_without_a_case_role_is_the_audit_trail(client):
    sign_in(client, role_user(Role.ADMINISTRATOR, prison=factories.prison()))

    assert client.get("/")["Location"] == reverse("audit-trail")
