"""Writes for transfer planning: running the national plan and moving a transfer through its statuses.

Every change goes through here, audited; a completed transfer moves the man to his new prison and
refreshes his readiness, as calls a reader can follow (no signals).
"""

import time
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from resettle.audit.models import Action
from resettle.audit.recorder import record as audit
from resettle.core import shared
from resettle.estate.models import Prison
from resettle.people.models import Person
from resettle.plans.services import refresh_readiness
from resettle.rules.planning.needs import DEFAULT_HORIZON_WEEKS, Horizon
from resettle.rules.planning.transfers import Plan, plan_transfers
from resettle.rules.policy import in_words
from resettle.rules.readiness.settings import DEFAULT_SETTINGS

from .facts import transfer_problem
from .models import (
    NEXT_STATUSES,
    PLANNED,
    Transfer,
    TransferEvent,
    TransferHold,
    TransferOutcome,
    TransferPlanRun,
    TransferStatus,
)

# The readiness check's notice (rulebook §4.1) and a week more for him to move in.
TRANSFER_NOTICE_DAYS = DEFAULT_SETTINGS.resettlement_transfer_days_before_release
MINIMUM_HORIZON_WEEKS = -(-TRANSFER_NOTICE_DAYS // 7) + 1
TOO_SHORT = (
    f"The horizon must be at least {MINIMUM_HORIZON_WEEKS} weeks ({in_words(TRANSFER_NOTICE_DAYS)}' notice "
    "and one to move in)"
)


class TransferChangeRefused(ValueError):
    """A status change the transfer's current status does not allow, or a missing reason."""


@dataclass(frozen=True)
class PlanResult:
    plan: Plan
    needs: int
    warnings: list[str]
    total_seconds: float
    run: TransferPlanRun | None  # None for a dry run


def horizon_for(as_of: date, weeks: int = DEFAULT_HORIZON_WEEKS) -> Horizon:
    return Horizon(as_of=as_of, weeks=weeks, days_before_release=TRANSFER_NOTICE_DAYS)


def run_transfer_plan(
    *,
    as_of: date,
    horizon_weeks: int = DEFAULT_HORIZON_WEEKS,
    user=None,
    dry_run: bool = False,
    run: TransferPlanRun | None = None,
) -> PlanResult:
    """Plan every man in need nationally; unless a dry run, store the run, its outcomes and its proposals
    (replacing the proposals nobody acted on)."""
    started = time.perf_counter()
    if horizon_weeks < MINIMUM_HORIZON_WEEKS:
        raise ValueError(f"horizon-weeks: {TOO_SHORT[0].lower()}{TOO_SHORT[1:]}.")
    problem, warnings = transfer_problem(horizon_for(as_of, horizon_weeks))
    plan = plan_transfers(problem)
    if dry_run:
        return PlanResult(plan, len(problem.needs), warnings, time.perf_counter() - started, None)
    run = _store(
        plan, problem, warnings, as_of=as_of, weeks=horizon_weeks, user=user, run=run, started=started
    )
    return PlanResult(plan, len(problem.needs), warnings, run.total_seconds, run)


def _pressure(plan: Plan, problem) -> dict:
    return {
        code: {"free": list(free), "arrivals": list(plan.arrivals.get(code, [0] * len(free)))}
        for code, free in problem.free_places.items()
    }


@transaction.atomic
def _store(plan, problem, warnings, *, as_of, weeks, user, run, started) -> TransferPlanRun:
    people = dict(
        Person.objects.filter(prison_number__in=[n.prison_number for n in problem.needs]).values_list(
            "prison_number", "id"
        )
    )
    prisons = dict(Prison.objects.values_list("code", "id"))
    if run is None:
        run = TransferPlanRun(as_of=as_of, horizon_weeks=weeks, run_by=user)
    # Only the latest run's outcomes are kept (runs keep their counts); removed first, so that deleting the
    # superseded proposals has no links left to clear.
    TransferOutcome.objects.all().delete()
    superseded = Transfer.objects.filter(status=TransferStatus.PROPOSED)
    touched = {pk for pair in superseded.values_list("from_prison_id", "to_prison_id") for pk in pair}
    superseded.delete()
    run.status = TransferPlanRun.Status.FINISHED
    run.needs, run.placed, run.unplaced = len(problem.needs), len(plan.placements), len(plan.unplaced)
    run.unplaced_by_reason = plan.unplaced_by_reason()
    run.objective, run.solve_seconds = plan.objective, plan.solve_seconds
    run.pressure, run.warnings = _pressure(plan, problem), warnings
    run.save()
    needs = {need.prison_number: need for need in problem.needs}
    # Decisions made while the plan was being solved stand: no proposal for a man whose move someone has
    # since agreed, nor to a prison someone has since rejected for him. The next run plans them afresh.
    agreed_meanwhile = set(
        Transfer.objects.filter(status__in=PLANNED, person_id__in=people.values()).values_list(
            "person_id", flat=True
        )
    )
    rejected_meanwhile = set(
        Transfer.objects.filter(status=TransferStatus.REJECTED, person_id__in=people.values()).values_list(
            "person_id", "to_prison_id"
        )
    )
    proposed = [
        p
        for p in plan.placements
        if people[p.prison_number] not in agreed_meanwhile
        and (people[p.prison_number], prisons[p.to_prison]) not in rejected_meanwhile
    ]
    transfers = Transfer.objects.bulk_create(
        [
            Transfer(
                person_id=people[p.prison_number],
                from_prison_id=prisons[p.from_prison],
                to_prison_id=prisons[p.to_prison],
                proposed_on=p.arrives_on,
                latest_arrival=needs[p.prison_number].latest_arrival,
                rank=int(p.destination.rank),
                distance_km=p.destination.distance_km,
                because=list(p.because),
                run=run,
            )
            for p in proposed
        ],
        batch_size=2000,
    )
    # The prisons' shared lists show each man's proposed move (the caseload, the transfer worklist): those
    # of every prison a proposal left or now names are out of date.
    touched |= {pk for t in transfers for pk in (t.from_prison_id, t.to_prison_id)}
    shared.forget([shared.prison(pk) for pk in touched])
    by_man = {t.person_id: t for t in transfers}
    outcomes = [
        TransferOutcome(
            run=run,
            person_id=people[p.prison_number],
            from_prison_id=prisons[p.from_prison],
            transfer=by_man.get(people[p.prison_number]),
            release_on=needs[p.prison_number].release_on,
            latest_arrival=needs[p.prison_number].latest_arrival,
            because=list(p.because),
        )
        for p in plan.placements
    ] + [
        TransferOutcome(
            run=run,
            person_id=people[u.prison_number],
            from_prison_id=prisons[u.from_prison],
            release_on=needs[u.prison_number].release_on,
            latest_arrival=needs[u.prison_number].latest_arrival,
            reason=u.reason,
            because=list(u.because),
        )
        for u in plan.unplaced
    ]
    TransferOutcome.objects.bulk_create(outcomes, batch_size=2000)
    run.finished_at = timezone.now()
    run.total_seconds = time.perf_counter() - started
    run.save(update_fields=["finished_at", "total_seconds"])
    audit(
        Action.CREATE,
        user=user,
        record=f"transfer plan run {run.pk}",
        detail=f"Transfer plan as of {as_of}: {run.needs} in need, {run.placed} proposed, {run.unplaced} unplaced",
    )
    return run


def change_status(
    transfer: Transfer, status: TransferStatus, *, by, note: str = "", on: date | None = None
) -> Transfer:
    """Move a transfer on (accept, reject, book, complete, cancel), with who and when; a rejection or a
    cancellation needs its reason. Completing it moves the man to the receiving prison."""
    with transaction.atomic():
        locked = (
            Transfer.objects.select_for_update()
            .select_related("person", "to_prison", "from_prison")
            .get(pk=transfer.pk)
        )
        if status not in NEXT_STATUSES.get(locked.status, set()):
            raise TransferChangeRefused(
                f"status: a {locked.get_status_display().lower()} transfer cannot be {TransferStatus(status).label.lower()}."
            )
        if status in (TransferStatus.REJECTED, TransferStatus.CANCELLED) and not note.strip():
            raise TransferChangeRefused("note: give the reason for rejecting or cancelling the transfer.")
        before = locked.status
        locked.status = status
        locked.note = note.strip() or locked.note
        locked.status_changed_by = by
        locked.status_changed_at = timezone.now()
        if status == TransferStatus.BOOKED and on is not None:
            locked.proposed_on = on
        locked.save()
        TransferEvent.objects.create(transfer=locked, status=status, by=by, note=note.strip())
        audit(
            Action.CHANGE,
            user=by,
            people=[locked.person.prison_number],
            record=f"transfer {locked.pk}",
            changes={"status": [before, status], **({"note": note.strip()} if note.strip() else {})},
        )
        if status == TransferStatus.COMPLETED:
            _move(locked, by)
    refresh_readiness([locked.person_id])
    return locked


def _move(transfer: Transfer, by) -> None:
    person = (
        Person.objects.select_for_update(of=("self",))
        .select_related("current_prison")
        .get(pk=transfer.person_id)
    )
    if not person.in_custody or person.current_prison_id != transfer.from_prison_id:
        where = person.current_prison.name if person.current_prison else "not in custody"
        raise TransferChangeRefused(
            f"status: he is no longer held at {transfer.from_prison.name} ({where}); cancel the transfer instead."
        )
    before = person.current_prison.code
    Person.objects.filter(pk=person.pk).update(current_prison=transfer.to_prison)
    audit(
        Action.CHANGE,
        user=by,
        people=[person.prison_number],
        record=f"person {person.prison_number}",
        changes={"current_prison": [before, transfer.to_prison.code]},
        detail=f"Transferred to {transfer.to_prison.name}",
    )


def record_hold(person: Person, *, reason: str, by, on: date) -> TransferHold:
    """Record why he is not to be moved (on hold for court, medical...); the next plan excludes him."""
    if not reason.strip():
        raise TransferChangeRefused("reason: give the reason he is not to be moved.")
    hold = TransferHold.objects.create(person=person, reason=reason.strip(), recorded_by=by, recorded_on=on)
    shared.forget([shared.person(person.pk)])
    audit(
        Action.CREATE,
        user=by,
        people=[person.prison_number],
        record=f"transfer hold {hold.pk}",
        changes={"reason": hold.reason},
    )
    return hold


def lift_holds(person: Person, *, by, on: date) -> int:
    lifted = TransferHold.objects.filter(person=person, lifted_on__isnull=True).update(lifted_on=on)
    if lifted:
        shared.forget([shared.person(person.pk)])
        audit(
            Action.CHANGE,
            user=by,
            people=[person.prison_number],
            record="transfer holds",
            changes={"lifted_on": on},
        )
    return lifted
