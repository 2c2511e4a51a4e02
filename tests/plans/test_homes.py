"""Issue 18 §5: every role has a home after signing in, the header names what he works on, leads and
inspectors see the prisons they oversee side by side, and an empty prison's dashboard says so in words."""

from datetime import timedelta

import pytest
from django.urls import reverse

from resettle.accounts.models import InspectionGrant
from resettle.accounts.roles import Role
from resettle.people.models import Person
from resettle.staff.models import StaffRole
from tests import factories
from tests.security.users import role_user, sign_in

from .conftest import TODAY, man

pytestmark = pytest.mark.django_db


def home_of(client, user) -> str:
    sign_in(client, user)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    return response.url


def header(client) -> str:
    html = client.get(reverse("prison-list")).content.decode()
    return html.split("app-header__user-name", 1)[1].split("</li>", 1)[0]


class TestEveryRoleHasAHome:
    def test_a_pom_starts_at_his_cases(self, client, prison):
        staff = factories.staff(StaffRole.PRISON_POM)
        assert home_of(client, role_user(Role.POM, prison=prison, staff=staff)) == reverse("my-caseload")

    @pytest.mark.parametrize("role", [Role.SPO, Role.GOVERNOR])
    def test_an_spo_or_governor_starts_at_his_prisons_dashboard(self, client, prison, role):
        assert home_of(client, role_user(role, prison=prison)) == reverse("dashboard", args=[prison.code])

    def test_a_com_starts_at_his_cases(self, client, prison):
        staff = factories.staff(StaffRole.COM)
        assert home_of(client, role_user(Role.COM, prison=prison, staff=staff)) == reverse("my-caseload")

    def test_a_mappa_coordinator_starts_at_the_mappa_eligible_men_without_a_level(self, client, prison):
        user = role_user(Role.MAPPA_COORDINATOR, prison=prison, region=prison.region)
        assert home_of(client, user) == reverse("worklist", args=[prison.code, "mappa-no-level"])

    @pytest.mark.parametrize("role", [Role.REGIONAL_LEAD, Role.NATIONAL_LEAD])
    def test_a_lead_starts_at_the_prisons_he_oversees(self, client, prison, role):
        user = role_user(role, prison=prison, region=prison.region)
        assert home_of(client, user) == reverse("prisons-overview")

    def test_an_inspector_starts_at_the_prisons_he_oversees(self, client, prison):
        user = role_user(Role.INSPECTOR, prison=prison)
        InspectionGrant.objects.create(
            inspector=user,
            prison=prison,
            starts_on=TODAY - timedelta(days=1),
            ends_on=TODAY + timedelta(days=9),
        )
        assert home_of(client, user) == reverse("prisons-overview")

    def test_an_administrator_without_a_case_role_starts_at_the_audit_trail(self, client):
        assert home_of(client, role_user(Role.ADMINISTRATOR)) == reverse("audit-trail")


class TestTheHeader:
    def test_names_the_prison_of_one_who_works_in_it(self, client, prison):
        sign_in(client, role_user(Role.SPO, prison=prison))
        assert prison.name in header(client)

    def test_names_the_region_not_a_prison_for_a_regional_lead(self, client, prison):
        sign_in(client, role_user(Role.REGIONAL_LEAD, prison=prison, region=prison.region))
        shown = header(client)
        assert prison.region.name in shown and prison.name not in shown

    def test_names_no_prison_for_a_national_lead(self, client, prison):
        sign_in(client, role_user(Role.NATIONAL_LEAD, prison=prison))
        shown = header(client)
        assert "All prisons" in shown and prison.name not in shown

    def test_offers_my_cases_only_to_those_with_cases_allocated(self, client, prison):
        sign_in(client, role_user(Role.GOVERNOR, prison=prison))
        html = client.get(reverse("prison-list")).content.decode()
        assert reverse("my-caseload") not in html


class TestOverview:
    def test_lists_every_prison_he_oversees_with_its_counts_linking_to_its_dashboard(self, client, prison):
        other = factories.prison(name="HMP Exeter", region=prison.region)
        elsewhere = factories.prison(name="HMP Durham")
        man(prison, days=5)
        man(prison, days=40)
        man(other, days=3000, risk={"rosh_level": "LOW", "rosh_assessed_on": TODAY})
        sign_in(client, role_user(Role.REGIONAL_LEAD, region=prison.region))
        response = client.get(reverse("prisons-overview"))
        figures = {row.prison: row for row in response.context["figures"]}
        assert set(figures) == {prison, other}
        assert elsewhere not in figures
        assert figures[prison].in_custody == 2 and figures[other].in_custody == 1
        assert figures[prison].red + figures[prison].amber + figures[prison].green == 2
        assert figures[prison].releasing_in_12_weeks == 2 and figures[other].releasing_in_12_weeks == 0
        assert figures[prison].overdue_steps > 0
        assert reverse("dashboard", args=[other.code]) in response.content.decode()

    def test_counts_what_each_prisons_dashboard_counts(self, client, prison):
        man(prison, days=5)
        man(prison, days=150, risk={"subject_to_notification": True, "mappa_category": 1})
        sign_in(client, role_user(Role.NATIONAL_LEAD))
        row = client.get(reverse("prisons-overview")).context["figures"][0]
        board = client.get(reverse("dashboard", args=[prison.code])).context["board"]
        lists = {definition.slug: n for definition, n in board.worklists}
        assert (row.red, row.amber, row.green) == (board.rag["RED"], board.rag["AMBER"], board.rag["GREEN"])
        assert row.mappa_without_level == lists["mappa-no-level"] == 1
        assert row.mappa_eligible == 1

    def test_a_parole_hearing_is_not_counted_as_a_release_as_the_caseload_does_not(self, client, prison):
        """Issue 18 §4 (rules.release.is_release_date): a TED or THD is when the Parole Board may consider
        release, so a man whose earliest date is one is not releasing within 12 weeks."""
        man(prison, days=40)
        awaiting_parole = man(prison, days=50)
        Person.objects.filter(pk=awaiting_parole.pk).update(earliest_release_type="THD")
        sign_in(client, role_user(Role.NATIONAL_LEAD))
        row = client.get(reverse("prisons-overview")).context["figures"][0]
        assert (row.in_custody, row.releasing_in_12_weeks) == (2, 1)

    def test_costs_the_same_queries_for_two_prisons_or_six(self, client, prison):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        sign_in(client, role_user(Role.NATIONAL_LEAD))

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(reverse("prisons-overview")).status_code == 200
            return len(captured)

        man(prison, days=5)
        man(factories.prison(), days=5)
        queries()  # the first request renews the session's idle timeout
        few = queries()
        for _ in range(4):
            man(factories.prison(), days=40)
        assert queries() == few


def test_an_empty_prisons_dashboard_says_it_holds_no_men(client, prison):
    sign_in(client, role_user(Role.SPO, prison=prison))
    html = client.get(reverse("dashboard", args=[prison.code])).content.decode()
    assert f"{prison.name} holds no men at present" in html
    assert "<svg" not in html


@pytest.mark.parametrize(
    ("n", "total", "shown"),
    [(12, 40, "30%"), (0, 40, "0%"), (1, 400, "less than 1%"), (399, 400, "more than 99%"), (3, 0, "")],
)
def test_a_share_beside_a_count_never_rounds_a_few_to_none_or_to_all(n, total, shown):
    from resettle.plans.templatetags.readiness import percent_of

    assert percent_of(n, total) == shown
