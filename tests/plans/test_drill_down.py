"""Issue 18 §3: every figure of the dashboard links to the men behind it, the worklists for a transfer to a
resettlement prison and for men maintaining innocence, the caseload's readiness, accommodation and transfer
columns, and shares beside counts."""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse

from resettle.accounts.roles import Role
from resettle.people.selectors import OPEN_TRANSFER_STATUSES, RAG_CODES
from resettle.planning.models import OPEN_TRANSFER, Transfer
from resettle.plans.models import Rag
from resettle.plans.services import refresh_readiness
from tests import factories
from tests.security.users import role_user, sign_in

from .conftest import MAPPA_ELIGIBLE, MAPPA_LEVEL_SET, TODAY, housed, man

pytestmark = pytest.mark.django_db


def rows(response) -> list:
    return response.context["rows"]


def caseload(client, prison, **query):
    return client.get(reverse("caseload", args=[prison.code]), query)


def test_the_codes_the_caseload_names_are_those_of_the_apps_above_it():
    assert set(RAG_CODES) == set(Rag.values)
    assert set(OPEN_TRANSFER_STATUSES) == {str(status) for status in OPEN_TRANSFER}


class TestDashboardLinks:
    def test_each_check_row_links_to_its_steps_alone(self, spo, prison):
        man(prison, days=5)
        html = unescape(spo.get(reverse("dashboard", args=[prison.code])).content.decode())
        board_row = spo.get(reverse("dashboard", args=[prison.code])).context["board"].by_check[0]
        link = f"{reverse('worklist', args=[prison.code, 'overdue'])}?check={board_row.check_id}"
        assert link in html
        narrowed = spo.get(link)
        assert {r.finding.check_id for r in rows(narrowed)} == {board_row.check_id}
        assert len(rows(narrowed)) == board_row.overdue

    def test_an_unknown_check_is_refused_by_name(self, spo, prison):
        response = spo.get(reverse("worklist", args=[prison.code, "overdue"]), {"check": "no-such-check"})
        assert response.status_code == 404

    def test_the_cards_and_the_months_link_to_the_men_they_count(self, spo, prison):
        man(prison, days=5)
        man(prison, days=40)
        response = spo.get(reverse("dashboard", args=[prison.code]))
        board, html = response.context["board"], unescape(response.content.decode())
        for rag in RAG_CODES:
            assert f"{reverse('caseload', args=[prison.code])}?rag={rag}" in html
            assert caseload(spo, prison, rag=rag).context["page"].paginator.count == board.rag[rag]
        for bar in board.months[:3]:
            month = f"{bar.month:%Y-%m}"
            assert f"?release_month={month}" in html
            assert caseload(spo, prison, release_month=month).context["page"].paginator.count == bar.total

    def test_shares_stand_beside_counts(self, spo, prison):
        man(prison, days=150, risk=MAPPA_ELIGIBLE)
        man(prison, days=150, risk=MAPPA_LEVEL_SET)
        html = unescape(spo.get(reverse("dashboard", args=[prison.code])).content.decode())
        assert "50% of 2 MAPPA-eligible men" in html


class TestNewWorklists:
    def test_transfer_lists_men_out_of_their_area_released_within_26_weeks_with_any_proposed_move(
        self, spo, prison
    ):
        area = factories.pdu()
        soon = man(prison, days=120, release_area=area)
        later = man(prison, days=400, release_area=area)
        to = factories.prison(name="HMP Exeter")
        Transfer.objects.create(
            person=soon,
            from_prison=prison,
            to_prison=to,
            proposed_on=TODAY + timedelta(days=14),
            latest_arrival=TODAY + timedelta(days=36),
            rank=1,
        )
        refresh_readiness([soon.pk], today=TODAY)
        response = spo.get(reverse("worklist", args=[prison.code, "transfer"]))
        listed = [r.finding.person for r in rows(response)]
        assert listed == [soon] and later not in listed
        assert "Proposed: HMP Exeter" in unescape(response.content.decode())

    def test_maintaining_innocence_lists_men_without_an_intervention_decided(self, spo, prison):
        denies = man(prison, days=300, risk={"maintains_innocence": True})
        man(prison, days=300)
        response = spo.get(reverse("worklist", args=[prison.code, "maintaining-innocence"]))
        assert [r.finding.person for r in rows(response)] == [denies]


class TestCaseload:
    def test_shows_readiness_accommodation_and_transfer(self, spo, prison):
        housed(man(prison, days=40))
        html = unescape(caseload(spo, prison).content.decode())
        assert "Readiness</th>" in html and "Accommodation</th>" in html and "Transfer</th>" in html
        assert "Settled accommodation" in html
        assert "govuk-tag--red" in html or "govuk-tag--orange" in html

    def test_a_bad_release_month_is_named_and_left_out(self, spo, prison):
        man(prison, days=40)
        response = caseload(spo, prison, release_month="2027-13")
        assert "Release month must be a year and month" in unescape(response.content.decode())
        assert response.context["page"].paginator.count == 1

    def test_links_its_csv_with_the_same_filters(self, spo, prison):
        man(prison, days=40)
        html = unescape(caseload(spo, prison, rag="RED").content.decode())
        assert f"{reverse('caseload-csv', args=[prison.code])}?rag=RED" in html


def test_a_worklist_links_its_csv(spo, prison):
    man(prison, days=5)
    html = unescape(spo.get(reverse("worklist", args=[prison.code, "overdue"])).content.decode())
    assert reverse("worklist-csv", args=[prison.code, "overdue"]) in html


@pytest.fixture
def spo(client, prison):
    return sign_in(client, role_user(Role.SPO, prison=prison))
