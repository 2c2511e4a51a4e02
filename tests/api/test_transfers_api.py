"""Transfer planning over the API: the latest national run, a prison's moves, a man's transfer, and the
decisions an SPO or a governor of his prison makes on it, with the same scope and audit as everything else."""

from datetime import timedelta

import pytest

from resettle.accounts.roles import Role
from resettle.audit.models import Action, AuditEntry
from resettle.core.clock import today
from resettle.people.models import Person
from resettle.planning.models import Transfer, TransferEvent, TransferStatus
from resettle.planning.services import run_transfer_plan
from tests import factories
from tests.api.conftest import token_client
from tests.security.users import role_user

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
PLAN = "/api/v1/transfers/plan/"


def _decide(client, transfer, decision: str, note: str = ""):
    return client.post(
        f"/api/v1/transfers/{transfer.pk}/decision/", {"decision": decision, "note": note}, format="json"
    )


@pytest.fixture
def exeter(estate):
    """A resettlement prison in his region serving his release area, with places and coordinates."""
    area = estate.man.release_area
    area.latitude, area.longitude = 50.72, -3.53
    area.save()
    prison = factories.prison(
        code="EXI",
        name="HMP Exeter",
        region=estate.prison.region,
        is_resettlement_prison=True,
        operational_capacity=500,
        latitude=50.73,
        longitude=-3.54,
    )
    prison.release_areas_served.add(area)
    return prison


@pytest.fixture
def planned(estate, exeter):
    """The run of the plan that proposes moving the estate's man from Dartmoor to Exeter: he is released
    in 20 weeks, so within the 26-week horizon and with more than 12 weeks to arrive."""
    Person.objects.filter(pk=estate.man.pk).update(
        earliest_release_date=today() + timedelta(weeks=20), security_category="C"
    )
    result = run_transfer_plan(as_of=today(), horizon_weeks=26)
    return result.run


@pytest.fixture
def transfer(planned, estate):
    return Transfer.objects.get(person=estate.man)


# --- the plan ----------------------------------------------------------------------------------------------


def test_before_any_run_the_plan_is_a_404_problem(estate):
    response = token_client(estate.users[Role.NATIONAL_LEAD]).get(PLAN)

    assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    assert "No transfer plan" in response.json()["detail"]


def test_the_plan_gives_the_runs_counts_and_its_moves_by_region_and_prison(planned, estate):
    body = token_client(estate.users[Role.NATIONAL_LEAD]).get(PLAN).json()

    assert (body["needs"], body["placed"], body["unplaced"]) == (1, 1, 0)
    assert body["as_of"] == today().isoformat() and body["horizon_weeks"] == 26
    assert body["run_by"] is None and body["unplaced_by_reason"] == {} and body["warnings"] == []
    assert body["finished_at"] and body["total_seconds"] is not None
    [region] = body["regions"]
    assert region["name"] == "South West"
    assert (region["out_proposed"], region["incoming"], region["unplaced"]) == (1, 1, 0)
    prisons = {p["code"]: p for p in region["prisons"]}
    assert prisons["DAI"]["out_proposed"] == 1 and prisons["EXI"]["incoming"] == 1


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.SPO, 200),
        (Role.GOVERNOR, 200),
        (Role.REGIONAL_LEAD, 200),
        (Role.INSPECTOR, 200),
        (Role.POM, 403),
        (Role.COM, 403),
        (Role.ADMINISTRATOR, 403),
    ],
)
def test_those_who_plan_transfers_read_the_plan(planned, estate, role, status):
    assert token_client(estate.users[role]).get(PLAN).status_code == status


# --- one man ------------------------------------------------------------------------------------------------


def test_his_transfers_show_the_proposal_and_why(planned, estate):
    body = token_client(estate.users[Role.POM]).get(f"/api/v1/people/{estate.man.prison_number}/transfers/")

    proposal = body.json()["open"]
    assert proposal["status"] == "PROPOSED"
    assert (proposal["from_prison"], proposal["to_prison"]) == ("DAI", "EXI")
    assert proposal["rank"] == 1 and "HMP Exeter" in proposal["because"][0] and proposal["events"] == []
    outcome = body.json()["outcome"]
    assert outcome["placed"] and outcome["reason"] is None and outcome["transfer"] == proposal["id"]
    assert body.json()["history"] == []
    assert AuditEntry.objects.filter(action=Action.VIEW, people=[estate.man.prison_number]).exists()


def test_an_unplaced_man_is_told_why(estate, exeter):
    Person.objects.filter(pk=estate.man.pk).update(
        earliest_release_date=today() + timedelta(weeks=20), security_category=""
    )
    run_transfer_plan(as_of=today(), horizon_weeks=26)

    body = token_client(estate.users[Role.SPO]).get(f"/api/v1/people/{estate.man.prison_number}/transfers/")

    outcome = body.json()["outcome"]
    assert body.json()["open"] is None
    assert not outcome["placed"] and outcome["reason"] == "EXCLUDED" and outcome["because"]
    assert outcome["reason_words"] == "Excluded from transfer"


def test_a_man_out_of_scope_is_a_404(planned, estate):
    response = token_client(estate.users[Role.SPO]).get(
        f"/api/v1/people/{estate.other_man.prison_number}/transfers/"
    )

    assert response.status_code == 404 and response["Content-Type"] == PROBLEM


# --- a prison -----------------------------------------------------------------------------------------------


def test_a_prisons_moves_unplaced_men_and_bed_pressure_and_the_list_is_audited(planned, estate, exeter):
    spo = token_client(estate.users[Role.SPO])

    body = spo.get("/api/v1/prisons/DAI/transfers/").json()

    assert body["prison"] == "DAI" and body["run"]["id"] == planned.pk
    assert [t["prison_number"] for t in body["outgoing"]] == [estate.man.prison_number]
    assert body["incoming"] == [] and body["unplaced"] == []
    assert len(body["bed_pressure"]) == 26
    listed = AuditEntry.objects.filter(action=Action.LIST).latest("id")
    assert listed.people == [estate.man.prison_number] and listed.actor == estate.users[Role.SPO]
    assert listed.query["api"] == "/api/v1/prisons/DAI/transfers/"


def test_the_receiving_prisons_bed_pressure_counts_the_arrival(planned, estate):
    body = token_client(estate.users[Role.NATIONAL_LEAD]).get("/api/v1/prisons/EXI/transfers/").json()

    first = body["bed_pressure"][0]
    assert [t["prison_number"] for t in body["incoming"]] == [estate.man.prison_number]
    assert (first["week_starting"], first["free"], first["arrivals"], first["left"]) == (
        today().isoformat(),
        500,
        1,
        499,
    )


def test_a_prison_lists_its_unplaced_men_with_the_reason(estate, exeter):
    Person.objects.filter(pk=estate.man.pk).update(
        earliest_release_date=today() + timedelta(weeks=20), security_category="A"
    )
    run_transfer_plan(as_of=today(), horizon_weeks=26)

    body = token_client(estate.users[Role.GOVERNOR]).get("/api/v1/prisons/DAI/transfers/").json()

    [unplaced] = body["unplaced"]
    assert unplaced["prison_number"] == estate.man.prison_number and unplaced["reason"] == "EXCLUDED"
    assert "Category A" in unplaced["because"][0] and body["outgoing"] == []


def test_before_any_run_a_prison_has_nothing_planned(estate):
    body = token_client(estate.users[Role.SPO]).get("/api/v1/prisons/DAI/transfers/").json()

    assert body["run"] is None and body["outgoing"] == body["unplaced"] == body["bed_pressure"] == []


def test_another_prisons_transfers_are_a_404_and_a_pom_may_not_read_them(planned, estate):
    assert token_client(estate.users[Role.SPO]).get("/api/v1/prisons/LEI/transfers/").status_code == 404
    assert token_client(estate.users[Role.POM]).get("/api/v1/prisons/DAI/transfers/").status_code == 403


# --- decisions ----------------------------------------------------------------------------------------------


def test_the_spo_of_his_prison_accepts_the_proposal(transfer, estate):
    spo = estate.users[Role.SPO]

    response = _decide(token_client(spo), transfer, "ACCEPTED", "Agreed with Exeter's OMU")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ACCEPTED" and body["status_changed_by"] == spo.username
    assert [(e["status"], e["by"], e["note"]) for e in body["events"]] == [
        ("ACCEPTED", spo.username, "Agreed with Exeter's OMU")
    ]
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED and transfer.status_changed_by == spo
    assert TransferEvent.objects.get(transfer=transfer).by == spo
    changed = AuditEntry.objects.filter(action=Action.CHANGE, record=f"transfer {transfer.pk}").get()
    assert changed.people == [estate.man.prison_number] and changed.actor == spo


def test_his_history_shows_who_moved_it_on(transfer, estate):
    _decide(token_client(estate.users[Role.SPO]), transfer, "ACCEPTED")
    _decide(token_client(estate.users[Role.GOVERNOR]), transfer, "CANCELLED", "Court appearance")

    body = token_client(estate.users[Role.SPO]).get(f"/api/v1/people/{estate.man.prison_number}/transfers/")

    [cancelled] = body.json()["history"]
    assert body.json()["open"] is None and cancelled["status"] == "CANCELLED"
    assert [(e["status"], e["by"], e["note"]) for e in cancelled["events"]] == [
        ("ACCEPTED", estate.users[Role.SPO].username, ""),
        ("CANCELLED", estate.users[Role.GOVERNOR].username, "Court appearance"),
    ]


def test_a_rejection_without_a_note_is_a_400_naming_note(transfer, estate):
    response = _decide(token_client(estate.users[Role.SPO]), transfer, "REJECTED", "  ")

    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["type"] == "urn:resettle:problem:validation-error"
    assert problem["errors"][0]["field"] == "note" and problem["errors"][0]["pointer"] == "#/note"
    assert "reason" in problem["errors"][0]["detail"]
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PROPOSED and not TransferEvent.objects.exists()


def test_a_decision_the_status_does_not_allow_is_a_409_naming_decision(transfer, estate):
    response = _decide(token_client(estate.users[Role.SPO]), transfer, "BOOKED")

    assert response.status_code == 409 and response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["errors"][0]["field"] == "decision" and "proposed" in problem["errors"][0]["detail"]
    assert problem["detail"].startswith("decision: ")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"decision": "PROPOSED"}, "decision"),
        ({}, "decision"),
        ({"decision": "ACCEPTED", "note": ["why"]}, "note"),
        (["ACCEPTED"], None),
    ],
)
def test_a_decision_that_cannot_be_read_is_a_400_naming_the_field(transfer, estate, body, field):
    response = token_client(estate.users[Role.SPO]).post(
        f"/api/v1/transfers/{transfer.pk}/decision/", body, format="json"
    )

    assert response.status_code == 400 and response.json()["errors"][0]["field"] == field


def test_the_governor_of_another_prison_may_not_see_it_to_decide(transfer, estate):
    governor = role_user(Role.GOVERNOR, prison=estate.other_prison)

    response = _decide(token_client(governor), transfer, "ACCEPTED")

    assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PROPOSED


def test_one_who_sees_him_but_not_from_either_prison_is_refused_403(transfer, estate):
    """A governor of another prison who holds a second role that lets him see the man (a regional lead of
    his region) may read the transfer but is not a governor of either prison."""
    governor = role_user(
        Role.GOVERNOR, Role.REGIONAL_LEAD, prison=estate.other_prison, region=estate.prison.region
    )

    response = _decide(token_client(governor), transfer, "ACCEPTED")

    assert response.status_code == 403 and response["Content-Type"] == PROBLEM
    assert "SPO or a governor" in response.json()["detail"]
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PROPOSED


@pytest.mark.parametrize("role", [Role.NATIONAL_LEAD, Role.REGIONAL_LEAD, Role.INSPECTOR, Role.POM])
def test_those_who_only_read_the_plan_may_not_decide(transfer, estate, role):
    client = token_client(estate.users[role])

    assert client.get(f"/api/v1/people/{estate.man.prison_number}/transfers/").status_code == 200
    response = _decide(client, transfer, "ACCEPTED")

    assert response.status_code == 403 and response["Content-Type"] == PROBLEM
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PROPOSED


def test_a_national_lead_reads_the_plan_but_may_not_decide(transfer, estate):
    lead = token_client(estate.users[Role.NATIONAL_LEAD])

    assert lead.get(PLAN).status_code == 200
    assert _decide(lead, transfer, "ACCEPTED").status_code == 403


def test_an_unknown_transfer_is_a_404(planned, estate):
    response = _decide(token_client(estate.users[Role.SPO]), Transfer(pk=999999), "ACCEPTED")

    assert response.status_code == 404 and response["Content-Type"] == PROBLEM


def test_a_get_of_the_decision_is_405_once_past_the_access_check(transfer, estate):
    url = f"/api/v1/transfers/{transfer.pk}/decision/"

    assert token_client(estate.users[Role.SPO]).get(url).status_code == 405
    assert token_client(estate.users[Role.NATIONAL_LEAD]).get(url).status_code == 403


def test_completing_it_moves_him_to_the_receiving_prison(transfer, estate, exeter):
    spo = token_client(estate.users[Role.SPO])
    _decide(spo, transfer, "ACCEPTED")
    _decide(spo, transfer, "BOOKED")

    response = _decide(spo, transfer, "COMPLETED")

    assert response.status_code == 200 and response.json()["status"] == "COMPLETED"
    estate.man.refresh_from_db()
    assert estate.man.current_prison == exeter


def test_the_schema_describes_the_transfer_endpoints(estate):
    schema = token_client(estate.users[Role.SPO]).get(
        "/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )

    paths = schema.json()["paths"]
    assert {
        "/api/v1/transfers/plan/",
        "/api/v1/prisons/{prison_code}/transfers/",
        "/api/v1/people/{prison_number}/transfers/",
    } <= set(paths)
    decision = paths["/api/v1/transfers/{transfer_id}/decision/"]
    assert set(decision) == {"post"} and {"400", "403", "404", "409"} <= set(decision["post"]["responses"])
