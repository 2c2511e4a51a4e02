"""Writes a generated estate to the database: the estate, staff, then people in batches.

Rows are bulk-inserted in dependency order; each batch of people is one transaction, and the ids each
insert returns (on SQLite and PostgreSQL alike) are picked up by the rows that point at them.
"""

import csv
import random
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice

from dateutil.relativedelta import relativedelta
from django.db import transaction
from tqdm import tqdm

from resettle.accounts.models import InspectionGrant, User
from resettle.audit.models import AuditEntry
from resettle.core import bulk
from resettle.estate.models import Prison, ProbationDeliveryUnit, Region
from resettle.people.models import (
    Adjustment,
    Booking,
    CalculatedReleaseDates,
    Offence,
    Person,
    RecordedKeyDates,
    RiskProfile,
    Sentence,
)
from resettle.people.release_dates import recalculate_bookings
from resettle.planning.models import TransferPlanRun
from resettle.planning.services import run_transfer_plan
from resettle.plans.models import AccommodationPlan
from resettle.projections.models import ProjectionRun
from resettle.projections.services import run_projection
from resettle.reports.models import ReportSnapshot
from resettle.reports.report import default_period
from resettle.reports.services import take_snapshot
from resettle.rules.inspection.period import Period
from resettle.staff.models import Allocation, StaffMember

from . import staff
from .calculation import Calculator
from .estate import DATA, Estate, PrisonSpec, build_estate, prison_specs
from .identifiers import Identifiers
from .people import PersonRecord, PrisonPopulation, release_area_chances
from .plans import generate_plans
from .profiles import UNSENTENCED_KINDS, population_for
from .users import DEMO_USERNAMES, DemoUser, create_demo_users

PRISON_SCALE = ("DAI", "EXI", "CWI")  # Dartmoor and two resettlement prisons near it
NATIONAL_IN_CUSTODY = 85_000
BATCH = 2_000
WORKERS = 2  # processes the engine runs in, at both scales
DEMO_PROJECTION_PATHS = 200
TREND_MONTHS = 11  # snapshots of the 12 months to each of the 11 month ends before the latest


@dataclass(frozen=True)
class Headcount:
    spec: PrisonSpec
    in_custody: int
    released: int


@dataclass
class Summary:
    counts: Counter = field(default_factory=Counter)
    users: list[tuple[User, DemoUser]] = field(default_factory=list)
    seconds: float = 0.0
    engine: Counter = field(default_factory=Counter)
    peopled: list[str] = field(default_factory=list)  # the names of the prisons given people

    @property
    def people(self) -> int:
        return self.counts["people"]


def headcounts(scale: str, seed: int) -> list[Headcount]:
    """How many people each prison holds and released: national occupancy of about 96% of operational
    capacity, each prison a little above or below; the same figures at both scales."""
    specs = prison_specs()
    fill = NATIONAL_IN_CUSTODY / sum(spec.operational_capacity for spec in specs)
    found = []
    for spec in specs:
        if scale == "prison" and spec.code not in PRISON_SCALE:
            continue
        rng = random.Random(f"{seed}:{spec.code}:headcount")
        in_custody = round(spec.operational_capacity * fill * rng.uniform(0.98, 1.02))
        found.append(Headcount(spec, in_custody, round(in_custody * population_for(spec).releases_per_place)))
    return found


def _report_rolls(estate: Estate, seed: int) -> None:
    """Every prison reports its roll, as NOMIS does, at both scales: at prison scale the other prisons hold
    men whose records the demo does not make, and the transfer plan must still find them nearly full."""
    for count in headcounts("national", seed):
        estate.prisons[count.spec.code].roll = count.in_custody
    Prison.objects.bulk_update(estate.prisons.values(), ["roll"])


def courts_by_region() -> dict[str, list[str]]:
    with open(DATA / "courts.csv", newline="", encoding="utf-8") as f:
        found: dict[str, list[str]] = {}
        for row in csv.DictReader(f):
            found.setdefault(row["region"], []).append(row["court"])
    return found


def generate_staff(seed: int, estate: Estate, plan: list[Headcount]) -> list[StaffMember]:
    """Staff sized to the people about to be generated: POMs for each populated prison, COMs for each PDU in
    proportion to the men expected to be released to it, a MAPPA coordinator for each region."""
    rng = random.Random(f"{seed}:staff")
    members = []
    expected_by_pdu: Counter = Counter()
    for count in plan:
        population = population_for(count.spec)
        sentenced = count.in_custody * (1 - sum(population.legal_status[k] for k in UNSENTENCED_KINDS))
        members += staff.staff_for_prison(rng, estate.prisons[count.spec.code], round(sentenced))
        # About half the men in custody are past their handover date or recalled, and each released man
        # keeps his COM.
        for code, chance in release_area_chances(count.spec).items():
            expected_by_pdu[code] += chance * (sentenced / 2 + count.released)
    for code, pdu in estate.pdus.items():
        members += staff.staff_for_pdu(rng, pdu, expected_by_pdu[code])
    first_pdu = {}
    for pdu in estate.pdus.values():
        first_pdu.setdefault(pdu.region.code, pdu)
    members += [staff.mappa_coordinator(rng, pdu) for pdu in first_pdu.values()]
    return members


def generate_people(
    seed: int,
    today: date,
    estate: Estate,
    plan: list[Headcount],
    pools: staff.Pools,
    calculator: Calculator | None = None,
) -> Iterator[PersonRecord]:
    ids = Identifiers(random.Random(f"{seed}:identifiers"))
    courts = courts_by_region()
    calculator = calculator or Calculator(today)
    for count in plan:
        spec = count.spec
        population = PrisonPopulation(
            random.Random(f"{seed}:{spec.code}"),
            spec,
            estate.prisons[spec.code],
            estate.pdus,
            courts[spec.region],
            pools,
            ids,
            today,
            calculator,
        )
        yield from population.people(count.in_custody, count.released)


def _save(model, rows: list, counts: Counter, label: str) -> None:
    model.objects.bulk_create(rows, batch_size=1000)
    counts[label] += len(rows)


def save_batch(records: list[PersonRecord], counts: Counter) -> None:
    """One transaction: people first, then each kind of row once the rows it points at have ids."""
    with transaction.atomic():
        _save(Person, [r.person for r in records], counts, "people")
        _save(Booking, [r.custody.booking for r in records], counts, "bookings")
        sentences = [s for r in records for s in r.custody.sentences]
        _save(Sentence, [s for s in sentences if s.consecutive_to is None], counts, "sentences")
        _save(Sentence, [s for s in sentences if s.consecutive_to is not None], counts, "sentences")
        _save(Offence, [o for r in records for o in r.custody.offences], counts, "offences")
        _save(Adjustment, [a for r in records for a in r.custody.adjustments], counts, "adjustments")
        _save(
            RecordedKeyDates,
            [r.custody.dates for r in records if r.custody.dates],
            counts,
            "recorded key dates",
        )
        _save(RiskProfile, [r.risk for r in records], counts, "risk profiles")
        _save(Allocation, [a for r in records for a in r.allocations], counts, "allocations")
        _save(AccommodationPlan, [r.plan for r in records if r.plan], counts, "accommodation plans")


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def wipe() -> None:
    """Delete the demo estate and everything on it, leaf tables first so each delete is a single statement."""
    with transaction.atomic():
        AccommodationPlan.objects.all().delete()
        Allocation.objects.all().delete()
        StaffMember.objects.all().delete()
        TransferPlanRun.objects.all().delete()
        Offence.objects.all().delete()
        Adjustment.objects.all().delete()
        CalculatedReleaseDates.objects.all().delete()
        RecordedKeyDates.objects.all().delete()
        Sentence.objects.exclude(consecutive_to=None).update(consecutive_to=None)
        Sentence.objects.all().delete()
        Booking.objects.all().delete()
        RiskProfile.objects.all().delete()
        Person.objects.all().delete()
        ProjectionRun.objects.all().delete()
        ReportSnapshot.objects.all().delete()
        # A demo user the audit trail names stays (the trail keeps its actors); the rest go. The load
        # that follows gives each kept user his role and scope again.
        demo_users = User.objects.filter(username__in=DEMO_USERNAMES)
        InspectionGrant.objects.filter(inspector__in=demo_users).delete()
        demo_users.exclude(pk__in=AuditEntry.objects.values("actor_id")).delete()
        for kept in demo_users:
            kept.groups.clear()
        Prison.release_areas_served.through.objects.all().delete()
        Prison.objects.all().delete()
        ProbationDeliveryUnit.objects.all().delete()
        Region.objects.all().delete()


def estate_exists() -> bool:
    return Person.objects.exists() or Prison.objects.exists()


def load(scale: str, seed: int, today: date, *, progress: bool = True) -> Summary:
    started = time.monotonic()
    summary = Summary()
    plan = headcounts(scale, seed)
    summary.peopled = [count.spec.name for count in plan]
    with transaction.atomic():
        estate = build_estate()
        _report_rolls(estate, seed)
        members = generate_staff(seed, estate, plan)
        StaffMember.objects.bulk_create(members, batch_size=1000)
    summary.counts.update(
        {
            "regions": len(estate.regions),
            "PDUs": len(estate.pdus),
            "prisons": len(estate.prisons),
            "staff": len(members),
        }
    )
    pools = staff.pools_from(members)
    total = sum(count.in_custody + count.released for count in plan)
    # The release-date engine runs twice over: while generating, to place each man's recorded dates where
    # it puts them (calculation.py), and after the insert, to store every active booking's calculation. Both
    # split the engine's work with a second process.
    with ProcessPoolExecutor(max_workers=WORKERS - 1) as pool:
        calculator = Calculator(today, pool)
        with tqdm(total=total, unit=" people", disable=not progress) as bar:
            for batch in _batches(generate_people(seed, today, estate, plan, pools, calculator), BATCH):
                save_batch(batch, summary.counts)
                bar.update(len(batch))
    summary.engine = calculator.counts
    # Store each active booking's calculation and re-derive every earliest release date from the recorded
    # and calculated dates: the one source of truth, which the generator's own figures already agree with.
    active = Booking.objects.filter(is_active=True).count()
    with tqdm(total=active, unit=" bookings", disable=not progress, desc="Calculating") as bar:
        found = recalculate_bookings(workers=WORKERS, today=today, progress=bar)
    summary.counts["release-date calculations"] = found["changed"]
    summary.counts.update(generate_plans(seed, today))
    bulk.refresh_statistics()
    with transaction.atomic():
        summary.users = create_demo_users()
    planned = run_transfer_plan(as_of=today).run
    summary.counts.update({"transfers proposed": planned.placed, "men unplaced": planned.unplaced})
    # The screens a lead opens first: the projection, and the inspection report with a year of its trend
    # (at prison scale; nationally only the latest year, to keep the load quick).
    run_projection(as_of=today, paths=DEMO_PROJECTION_PATHS)
    months = TREND_MONTHS if scale == "prison" else 0
    latest_month = default_period(today).end.replace(day=1)
    for back in range(months, -1, -1):
        month = latest_month - relativedelta(months=back)
        take_snapshot(Period.twelve_months_to(month + relativedelta(months=1) - timedelta(days=1)))
    summary.counts["inspection snapshots"] = months + 1
    summary.seconds = time.monotonic() - started
    return summary
