"""Reads for the transfer-planning screens and API: the latest run, its summary by region and prison, a
prison's moves, the unplaced men with reasons, bed pressure, and one man's transfer status. Lists of men
go through the access policy, so nobody sees a man he should not; counts of the whole plan are figures
about prisons, not people."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from resettle.accounts.policy import people_seen_by
from resettle.accounts.roles import Role
from resettle.accounts.scope import Scope
from resettle.estate.models import Prison

from .models import OPEN_TRANSFER, Transfer, TransferHold, TransferOutcome, TransferPlanRun, TransferStatus


def latest_run() -> TransferPlanRun | None:
    return TransferPlanRun.objects.filter(status=TransferPlanRun.Status.FINISHED).first()


def latest_run_id() -> int | None:
    """Which run `latest_run` is, without its row: a run's JSON figures took a man's page longer to decode
    than the rest of its reads."""
    return (
        TransferPlanRun.objects.filter(status=TransferPlanRun.Status.FINISHED)
        .values_list("pk", flat=True)
        .first()
    )


# A national plan takes seconds; a run still queued or running after this long has died with its process.
STALE_AFTER = timedelta(hours=1)


def pending_run() -> TransferPlanRun | None:
    return TransferPlanRun.objects.filter(
        status__in=[TransferPlanRun.Status.QUEUED, TransferPlanRun.Status.RUNNING],
        requested_at__gte=timezone.now() - STALE_AFTER,
    ).first()


def failed_run() -> TransferPlanRun | None:
    """The newest run, if it failed: administrators and leads see its error on the plan page."""
    newest = TransferPlanRun.objects.first()
    return newest if newest and newest.status == TransferPlanRun.Status.FAILED else None


@dataclass(frozen=True)
class PrisonRow:
    code: str
    name: str
    region: str
    out_proposed: int
    out_agreed: int
    incoming: int
    unplaced: int


@dataclass(frozen=True)
class RegionRow:
    name: str
    prisons: list[PrisonRow]

    @property
    def out_proposed(self) -> int:
        return sum(p.out_proposed for p in self.prisons)

    @property
    def out_agreed(self) -> int:
        return sum(p.out_agreed for p in self.prisons)

    @property
    def incoming(self) -> int:
        return sum(p.incoming for p in self.prisons)

    @property
    def unplaced(self) -> int:
        return sum(p.unplaced for p in self.prisons)


def plan_by_region(run: TransferPlanRun | None) -> list[RegionRow]:
    """Moves out (proposed and agreed), moves in and unplaced men, per prison within each region; in four
    queries whatever the size of the plan. Prisons with nothing to show are left out."""
    out = _counts(Transfer.objects.filter(status__in=OPEN_TRANSFER), "from_prison_id", "status")
    incoming = _counts(Transfer.objects.filter(status__in=OPEN_TRANSFER), "to_prison_id")
    unplaced = (
        _counts(TransferOutcome.objects.filter(run=run).exclude(reason=""), "from_prison_id") if run else {}
    )
    regions: dict[str, list[PrisonRow]] = {}
    for prison in Prison.objects.select_related("region").order_by("region__name", "name"):
        row = PrisonRow(
            code=prison.code,
            name=prison.name,
            region=prison.region.name,
            out_proposed=out.get((prison.pk, TransferStatus.PROPOSED), 0),
            out_agreed=out.get((prison.pk, TransferStatus.ACCEPTED), 0)
            + out.get((prison.pk, TransferStatus.BOOKED), 0),
            incoming=incoming.get((prison.pk,), 0),
            unplaced=unplaced.get((prison.pk,), 0),
        )
        if row.out_proposed or row.out_agreed or row.incoming or row.unplaced:
            regions.setdefault(prison.region.name, []).append(row)
    return [RegionRow(name, rows) for name, rows in regions.items()]


def _counts(queryset: QuerySet, *fields: str) -> dict[tuple, int]:
    return {
        tuple(row[f] for f in fields): row["n"] for row in queryset.values(*fields).annotate(n=Count("id"))
    }


def moves_by_week(
    run: TransferPlanRun | None, *, prison: Prison | None = None
) -> list[tuple[date, int, int]]:
    """(week starting, men proposed to move out that week, men agreed) for the plan's horizon."""
    if run is None:
        return []
    transfers = Transfer.objects.filter(status__in=OPEN_TRANSFER)
    if prison is not None:
        transfers = transfers.filter(Q(from_prison=prison) | Q(to_prison=prison))
    counts = _counts(transfers, "proposed_on", "status")
    weeks = []
    for week in range(run.horizon_weeks):
        start = run.as_of + timedelta(weeks=week)
        days = [start + timedelta(days=d) for d in range(7)]
        proposed = sum(counts.get((day, TransferStatus.PROPOSED), 0) for day in days)
        agreed = sum(
            counts.get((day, s), 0) for day in days for s in (TransferStatus.ACCEPTED, TransferStatus.BOOKED)
        )
        weeks.append((start, proposed, agreed))
    return weeks


def transfers_seen(scope: Scope) -> QuerySet[Transfer]:
    return Transfer.objects.filter(person__in=people_seen_by(scope)).select_related(
        "person", "from_prison", "to_prison", "status_changed_by"
    )


def prison_moves(scope: Scope, prison: Prison) -> tuple[QuerySet[Transfer], QuerySet[Transfer]]:
    """Open transfers out of and into `prison` that he may see, soonest first."""
    seen = transfers_seen(scope).filter(status__in=OPEN_TRANSFER)
    return seen.filter(from_prison=prison), seen.filter(to_prison=prison)


def unplaced_men(
    scope: Scope, run: TransferPlanRun | None, *, prison: Prison | None = None, reason: str = ""
):
    if run is None:
        return TransferOutcome.objects.none()
    outcomes = (
        TransferOutcome.objects.filter(run=run, person__in=people_seen_by(scope))
        .exclude(reason="")
        .select_related("person", "from_prison")
    )
    if prison is not None:
        outcomes = outcomes.filter(from_prison=prison)
    if reason:
        outcomes = outcomes.filter(reason=reason)
    return outcomes


@dataclass(frozen=True)
class WeekPressure:
    week_starting: date
    free: int  # free places before the plan's arrivals
    arrivals: int  # men the plan brings in that week
    left: int  # free places left after every arrival so far


def bed_pressure(run: TransferPlanRun | None, prison: Prison) -> list[WeekPressure]:
    found = (run.pressure or {}).get(prison.code) if run else None
    if not found:
        return []
    weeks, arrived = [], 0
    for week, (free, arrivals) in enumerate(zip(found["free"], found["arrivals"], strict=True)):
        arrived += arrivals
        weeks.append(WeekPressure(run.as_of + timedelta(weeks=week), free, arrivals, free - arrived))
    return weeks


@dataclass(frozen=True)
class PersonTransfer:
    open: Transfer | None
    outcome: TransferOutcome | None
    history: list[Transfer]
    hold: TransferHold | None = None


def person_transfer(person) -> PersonTransfer:
    transfers = list(
        Transfer.objects.filter(person=person)
        .select_related("from_prison", "to_prison", "status_changed_by")
        .prefetch_related("events__by")
        .order_by("-created_at")
    )
    open_ = next((t for t in transfers if t.status in OPEN_TRANSFER), None)
    run = latest_run()
    outcome = TransferOutcome.objects.filter(run=run, person=person).first() if run else None
    hold = TransferHold.objects.filter(person=person, lifted_on__isnull=True).first()
    return PersonTransfer(open_, outcome, [t for t in transfers if t is not open_], hold)


def can_decide(scope: Scope, transfer: Transfer) -> bool:
    """An SPO or governor of the prison he leaves or the one he goes to."""
    return scope.has(Role.SPO, Role.GOVERNOR) and scope.prison_id in (
        transfer.from_prison_id,
        transfer.to_prison_id,
    )
