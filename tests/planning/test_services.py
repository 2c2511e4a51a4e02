"""Running the national transfer plan and moving transfers on (issue 10): what is stored, what the next run
counts, who did what and when, and that bad data gives reasons, never a crash."""

import pytest

from resettle.accounts.roles import Role
from resettle.audit.models import AuditEntry
from resettle.estate.models import Prison
from resettle.people.models import Person
from resettle.planning.models import Transfer, TransferOutcome, TransferPlanRun, TransferStatus
from resettle.planning.services import TransferChangeRefused, change_status, run_transfer_plan
from resettle.plans.models import ReadinessFinding
from resettle.plans.services import refresh_readiness
from tests import factories

from .conftest import AS_OF, man_at

pytestmark = pytest.mark.django_db


def plan(**kw):
    return run_transfer_plan(as_of=AS_OF, horizon_weeks=26, **kw)


def test_a_run_stores_its_counts_outcomes_and_proposals(planning_estate):
    """Exeter holds 3 with nobody listed there: 3 free places, 2 men in need, both placed in week 0."""
    result = plan()
    run = result.run
    assert (run.needs, run.placed, run.unplaced, run.status) == (2, 2, 0, TransferPlanRun.Status.FINISHED)
    proposals = Transfer.objects.filter(status=TransferStatus.PROPOSED)
    assert {t.to_prison.code for t in proposals} == {"EXI"}
    assert all(t.proposed_on == AS_OF for t in proposals)
    assert TransferOutcome.objects.filter(run=run, reason="").count() == 2
    assert run.pressure["EXI"]["free"][0] == 3 and run.pressure["EXI"]["arrivals"][0] == 2
    assert AuditEntry.objects.filter(record=f"transfer plan run {run.pk}").exists()


def test_a_run_makes_the_shared_lists_of_every_prison_it_proposes_moves_for_obsolete(planning_estate):
    """Issue 18 §3: the caseload and the transfer worklist show each man's proposed move, so a run that
    replaces the proposals makes the kept lists of the prisons on both ends out of date."""
    from resettle.core import shared

    owners = [shared.prison(planning_estate.dartmoor.pk), shared.prison(planning_estate.exeter.pk)]
    before = [shared.key(owner, AS_OF, "caseload") for owner in owners]
    plan()
    assert all(
        shared.key(owner, AS_OF, "caseload") != kept for owner, kept in zip(owners, before, strict=True)
    )


def test_a_dry_run_stores_nothing(planning_estate):
    result = plan(dry_run=True)
    assert result.run is None and len(result.plan.placements) == 2
    assert not Transfer.objects.exists() and not TransferPlanRun.objects.exists()


def test_the_next_run_replaces_proposals_but_counts_agreed_moves_as_planned(planning_estate):
    plan()
    accepted = Transfer.objects.first()
    change_status(accepted, TransferStatus.ACCEPTED, by=planning_estate.users[Role.SPO])
    third = man_at(planning_estate.dartmoor, planning_estate.pdu, weeks=24)
    fourth = man_at(planning_estate.dartmoor, planning_estate.pdu, weeks=25)
    run = plan().run
    # The accepted man is not planned again and his place at Exeter is taken: 3 - 1 agreed = 2 places for
    # the 3 men left in need (the other first-run man, the third, the fourth).
    assert run.needs == 3 and run.placed == 2 and run.unplaced_by_reason == {"ALL_FULL": 1}
    assert Transfer.objects.filter(status=TransferStatus.ACCEPTED).get() == accepted
    assert Transfer.objects.filter(status=TransferStatus.PROPOSED).count() == 2
    assert {third.pk, fourth.pk} & set(
        TransferOutcome.objects.filter(run=run).values_list("person_id", flat=True)
    )


def test_a_rejection_needs_a_reason_and_the_prison_is_not_offered_again(planning_estate):
    plan()
    proposal = Transfer.objects.first()
    spo = planning_estate.users[Role.SPO]
    with pytest.raises(TransferChangeRefused, match="^note:"):
        change_status(proposal, TransferStatus.REJECTED, by=spo, note="  ")
    change_status(proposal, TransferStatus.REJECTED, by=spo, note="Victim lives in Exeter")
    run = plan().run
    outcome = TransferOutcome.objects.get(run=run, person=proposal.person)
    assert outcome.reason == "NO_SUITABLE_PRISON"
    assert "were rejected for him by the prison" in outcome.because[0]


def test_a_transfer_moves_only_along_its_statuses(planning_estate):
    plan()
    proposal = Transfer.objects.first()
    spo = planning_estate.users[Role.SPO]
    with pytest.raises(TransferChangeRefused, match="^status:"):
        change_status(proposal, TransferStatus.COMPLETED, by=spo)
    stale = Transfer.objects.get(pk=proposal.pk)
    change_status(proposal, TransferStatus.ACCEPTED, by=spo)
    # A second decision made on the page as it was before the first: refused, the first one stands.
    with pytest.raises(TransferChangeRefused):
        change_status(stale, TransferStatus.REJECTED, by=spo, note="Too late")
    assert Transfer.objects.get(pk=proposal.pk).status == TransferStatus.ACCEPTED


def transfer_finding(man):
    return ReadinessFinding.objects.filter(person=man, check_id="transferred-by-12-weeks").first()


def test_accepting_a_move_in_time_satisfies_the_transfer_check(planning_estate, settings):
    settings.RESETTLE_TODAY = AS_OF.isoformat()
    plan()
    move = Transfer.objects.first()
    refresh_readiness([move.person_id])
    assert transfer_finding(move.person).status == "due"  # a proposal is not an agreed move
    change_status(move, TransferStatus.ACCEPTED, by=planning_estate.users[Role.SPO])
    assert transfer_finding(move.person) is None


def test_completing_a_transfer_moves_him_and_audits_it(planning_estate):
    plan()
    move = Transfer.objects.first()
    spo = planning_estate.users[Role.SPO]
    change_status(move, TransferStatus.ACCEPTED, by=spo)
    change_status(move, TransferStatus.BOOKED, by=spo)
    change_status(move, TransferStatus.COMPLETED, by=spo)
    man = Person.objects.get(pk=move.person_id)
    assert man.current_prison.code == "EXI"
    assert [e.status for e in move.events.all()] == ["ACCEPTED", "BOOKED", "COMPLETED"]
    assert all(e.by == spo for e in move.events.all())
    assert AuditEntry.objects.filter(
        record=f"person {man.prison_number}", people=[man.prison_number]
    ).exists()


def test_bad_data_gives_reasons_not_a_crash(planning_estate):
    Prison.objects.filter(code="EXI").update(operational_capacity=None)
    nowhere = man_at(planning_estate.dartmoor, None, weeks=20)
    result = plan()
    reasons = {o.person_id: o.reason for o in TransferOutcome.objects.filter(run=result.run)}
    assert reasons[nowhere.pk] == "NO_RELEASE_AREA"
    assert reasons[planning_estate.men[0].pk] == "NO_SUITABLE_PRISON"
    assert result.run.warnings == ["HMP Exeter has no operational capacity recorded: no place offered there."]


def test_a_man_convicted_of_a_sexual_offence_is_offered_only_prisons_that_hold_such_men(planning_estate):
    Prison.objects.filter(code="EXI").update(accepts_sexual_offences=False)
    man = planning_estate.men[0]
    factories.sentence(man)
    man.active_booking.sentences.first().offences.update(is_sexual=True)
    result = plan()
    outcome = TransferOutcome.objects.get(run=result.run, person=man)
    assert outcome.reason == "NO_SUITABLE_PRISON" and "sexual offences" in outcome.because[0]


def test_the_horizon_must_allow_12_weeks_notice(planning_estate):
    with pytest.raises(ValueError, match="^horizon-weeks:"):
        run_transfer_plan(as_of=AS_OF, horizon_weeks=12)


def test_a_decision_made_while_the_plan_runs_stands(planning_estate, monkeypatch):
    """The plan reads the facts, then solves; an SPO accepting a proposal meanwhile keeps his decision and the
    run proposes nothing more for that man (one open transfer per man)."""
    from resettle.planning import services

    plan()
    first = Transfer.objects.order_by("pk").first()
    solve = services.plan_transfers

    def solve_then_accept(problem):
        answer = solve(problem)
        change_status(first, TransferStatus.ACCEPTED, by=planning_estate.users[Role.SPO])
        return answer

    monkeypatch.setattr(services, "plan_transfers", solve_then_accept)
    run = plan().run
    assert run.status == TransferPlanRun.Status.FINISHED
    assert list(Transfer.objects.filter(person=first.person).values_list("status", flat=True)) == ["ACCEPTED"]


def test_an_agreed_move_of_a_man_no_longer_there_is_not_counted_nor_completed(planning_estate):
    plan()
    move = Transfer.objects.order_by("pk").first()
    spo = planning_estate.users[Role.SPO]
    change_status(move, TransferStatus.ACCEPTED, by=spo)
    Person.objects.filter(pk=move.person_id).update(current_prison=factories.prison())
    with pytest.raises(TransferChangeRefused, match="no longer held at HMP Dartmoor"):
        change_status(move, TransferStatus.COMPLETED, by=spo)
    # Exeter's 3 places are all free again for the plan: the stale move takes none.
    assert plan().run.pressure["EXI"]["free"][0] == 3


def test_a_queued_run_that_fails_is_marked_failed_with_its_error(planning_estate, monkeypatch):
    from django.core.management import call_command

    from resettle.planning import services

    def broken(problem):
        raise RuntimeError("solver exploded")

    monkeypatch.setattr(services, "plan_transfers", broken)
    queued = TransferPlanRun.objects.create(as_of=AS_OF)
    with pytest.raises(RuntimeError):
        call_command("transfers", "plan", "--run", str(queued.pk))
    queued.refresh_from_db()
    assert (queued.status, queued.error) == (TransferPlanRun.Status.FAILED, "solver exploded")
