"""The transfer-planning screens (issue 10): the national plan, a prison's moves and bed pressure, the
unplaced list, a decision on a proposal, a run started by a national lead, and the man's page."""

import pytest
from django.urls import reverse

from resettle.accounts.roles import Role
from resettle.planning.models import Transfer, TransferOutcome, TransferPlanRun, TransferStatus
from resettle.planning.services import run_transfer_plan
from tests.security.users import role_user, sign_in

from .conftest import AS_OF, man_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(planning_estate):
    man_at(planning_estate.dartmoor, planning_estate.pdu, weeks=10)  # too late
    run_transfer_plan(as_of=AS_OF, horizon_weeks=26)
    return planning_estate


def as_role(client, estate, role):
    return sign_in(client, estate.users[role])


def test_the_national_plan_shows_the_counts_and_the_reasons(client, planned):
    page = as_role(client, planned, Role.NATIONAL_LEAD).get(reverse("transfer-plan"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Men in need of a transfer" in text and "Too late: already inside 12 weeks of release" in text
    assert "HMP Dartmoor" in text and "Run the transfer plan" in text


def test_the_national_plan_page_reads_a_fixed_number_of_queries(
    client, planned, django_assert_max_num_queries
):
    signed_in = as_role(client, planned, Role.NATIONAL_LEAD)
    with django_assert_max_num_queries(20):
        signed_in.get(reverse("transfer-plan"))


def test_an_spo_sees_his_prisons_moves_with_the_bed_pressure_chart_and_table(client, planned):
    page = as_role(client, planned, Role.SPO).get(reverse("prison-transfers", args=["DAI"]))
    text = page.content.decode()
    assert "Moving out (2)" in text and "HMP Exeter" in text
    assert "<svg" in text and "Bed pressure as a table" in text
    assert "Too late" in text  # the unplaced man from Dartmoor


def test_the_unplaced_list_filters_by_reason(client, planned):
    signed_in = as_role(client, planned, Role.SPO)
    assert "1 man." in signed_in.get(reverse("transfers-unplaced") + "?reason=TOO_LATE").content.decode()
    assert "0 men." in signed_in.get(reverse("transfers-unplaced") + "?reason=ALL_FULL").content.decode()


def test_an_spo_accepts_a_proposal_and_a_rejection_needs_a_reason(client, planned):
    signed_in = as_role(client, planned, Role.SPO)
    first, second = Transfer.objects.order_by("pk")
    url = reverse("transfer-decide", args=[first.pk])
    assert signed_in.post(url, {"decision": "ACCEPTED"}).status_code == 302
    assert Transfer.objects.get(pk=first.pk).status == TransferStatus.ACCEPTED
    refused = signed_in.post(
        reverse("transfer-decide", args=[second.pk]), {"decision": "REJECTED", "note": ""}
    )
    assert refused.status_code == 200 and "Give the reason" in refused.content.decode()
    assert Transfer.objects.get(pk=second.pk).status == TransferStatus.PROPOSED


def test_the_receiving_governor_may_decide_but_a_pom_may_not(client, planned):
    move = Transfer.objects.first()
    url = reverse("transfer-decide", args=[move.pk])
    assert as_role(client, planned, Role.GOVERNOR).get(url).status_code == 200
    assert as_role(client, planned, Role.POM).get(url).status_code == 403


def test_a_national_lead_runs_the_plan_off_the_request(client, planned):
    signed_in = as_role(client, planned, Role.NATIONAL_LEAD)
    response = signed_in.post(
        reverse("transfer-plan-run"),
        {"horizon_weeks": "26"},
    )
    assert response.status_code == 302
    newest = TransferPlanRun.objects.first()
    assert (
        newest.status == TransferPlanRun.Status.FINISHED
        and newest.run_by == planned.users[Role.NATIONAL_LEAD]
    )


def test_a_bad_run_request_names_the_field(client, planned):
    signed_in = as_role(client, planned, Role.NATIONAL_LEAD)
    response = signed_in.post(
        reverse("transfer-plan-run"),
        {"horizon_weeks": "5"},
    )
    assert response.status_code == 200 and "at least 13 weeks" in response.content.decode()
    assert TransferPlanRun.objects.count() == 1


def test_his_page_shows_his_transfer(client, planned):
    man = planned.men[0]
    page = as_role(client, planned, Role.SPO).get(reverse("person", args=[man.prison_number]))
    text = page.content.decode()
    assert "Transfer to a resettlement prison" in text and "Proposed" in text and "HMP Exeter" in text


def test_an_spo_holds_a_man_from_transfer_and_the_next_plan_excludes_him(client, planned):
    man = planned.men[0]
    signed_in = as_role(client, planned, Role.SPO)
    url = reverse("transfer-hold", args=[man.prison_number])
    empty = signed_in.post(url, {"reason": " "})
    assert empty.status_code == 200 and "Enter why he is not to be moved" in empty.content.decode()
    assert signed_in.post(url, {"reason": "On hold for court: trial 3 March 2027"}).status_code == 302
    run_transfer_plan(as_of=AS_OF, horizon_weeks=26)
    outcome = TransferOutcome.objects.get(person=man)
    assert outcome.reason == "EXCLUDED" and outcome.because == [
        "Held from transfer: On hold for court: trial 3 March 2027"
    ]
    assert signed_in.post(url, {"lift": "1"}).status_code == 302
    run_transfer_plan(as_of=AS_OF, horizon_weeks=26)
    assert TransferOutcome.objects.get(person=man).reason == ""


def test_his_page_shows_a_hold_recorded_after_it_was_read_and_the_next_plan(client, planned):
    """His page's transfer is kept with his record (resettle.core.shared): recording a hold forgets it,
    and a new plan run is read afresh."""
    man = planned.men[0]
    signed_in = as_role(client, planned, Role.SPO)
    page = reverse("person", args=[man.prison_number])
    assert "On hold" not in signed_in.get(page).content.decode()
    signed_in.post(reverse("transfer-hold", args=[man.prison_number]), {"reason": "Trial 3 March 2027"})
    held = signed_in.get(page).content.decode()
    run_transfer_plan(as_of=AS_OF, horizon_weeks=26)
    replanned = signed_in.get(page).context["transfer"]

    assert "On hold" in held and "Trial 3 March 2027" in held
    assert replanned.outcome.reason == "EXCLUDED"


def test_a_second_run_is_refused_while_one_is_running(client, planned):
    TransferPlanRun.objects.create(as_of=AS_OF, status=TransferPlanRun.Status.RUNNING)
    signed_in = as_role(client, planned, Role.NATIONAL_LEAD)
    page = signed_in.post(reverse("transfer-plan-run"), {"horizon_weeks": "26"}, follow=True)
    assert "already running" in page.content.decode()
    assert TransferPlanRun.objects.count() == 2


def test_a_receiving_prisons_pom_sees_a_man_once_his_move_is_agreed_not_while_proposed(client, planned):
    from resettle.planning.services import change_status

    pom = role_user(Role.POM, prison=planned.exeter)
    move = Transfer.objects.first()
    url = reverse("person", args=[move.person.prison_number])
    assert sign_in(client, pom).get(url).status_code == 404
    change_status(move, TransferStatus.ACCEPTED, by=planned.users[Role.SPO])
    assert client.get(url).status_code == 200


def test_a_prisons_moves_are_paged_fifty_at_a_time_each_list_by_its_own_page(client, planning_estate):
    from resettle.planning.models import DestinationRank
    from tests import factories

    estate = planning_estate
    for _ in range(52):
        Transfer.objects.create(
            person=factories.person(at=estate.dartmoor),
            from_prison=estate.dartmoor,
            to_prison=estate.exeter,
            proposed_on=AS_OF,
            latest_arrival=AS_OF,
            rank=DestinationRank.values[0],
        )
    signed_in = as_role(client, estate, Role.SPO)
    first = signed_in.get(reverse("prison-transfers", args=["DAI"])).content.decode()
    second = signed_in.get(reverse("prison-transfers", args=["DAI"]) + "?out=2").content.decode()

    assert "Moving out (52)" in first and "Moving in (0)" in first
    assert first.count("HMP Exeter</td>") == 50 and second.count("HMP Exeter</td>") == 2
    assert 'href="?out=2#moving-out"' in first
