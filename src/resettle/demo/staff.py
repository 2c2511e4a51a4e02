"""Offender managers and their allocations: POMs in each prison, COMs in each probation delivery unit.

Allocations follow OMiC (rulebook section 3): every sentenced man gets a POM; a COM comes at the handover
date (8.5 months before a determinate release, 12 months before a PED or tariff), at once for a recall or
a sentence with ten months or less to serve.
"""

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from resettle.staff.models import Allocation, AllocationRole, StaffMember, StaffRole

from .dates import add_months
from .names import forename, surname

MEN_PER_POM = 60  # OMiC's working ratio is 50 to 70 men per POM (assumption within the brief's range)
COM_CUSTODY_CASES = 20  # custody cases held by each COM alongside a community caseload (assumption)
PROBATION_POM_SHARE = 0.4
POM_CHANGE_REASONS = ("POM left the prison", "Caseload rebalanced", "POM on long-term absence")
COM_CHANGE_REASONS = ("COM left the delivery unit", "Case transferred between teams")


@dataclass
class Pools:
    """Staff to allocate from, by prison code and PDU code."""

    prison_poms: dict[str, list[StaffMember]] = field(default_factory=dict)
    probation_poms: dict[str, list[StaffMember]] = field(default_factory=dict)
    coms: dict[str, list[StaffMember]] = field(default_factory=dict)


def _member(rng: random.Random, role: str, *, prison=None, pdu=None, team: str = "") -> StaffMember:
    first, last = forename(rng, female=rng.random() < 0.6), surname(rng)
    return StaffMember(
        first_name=first,
        last_name=last,
        role=role,
        prison=prison,
        pdu=pdu,
        team=team,
        email=f"{first}.{last}".lower().replace("'", "").replace(" ", "") + "@justice.gov.uk",
    )


def staff_for_prison(rng: random.Random, prison, expected_sentenced: int) -> list[StaffMember]:
    """POMs at one per MEN_PER_POM sentenced men, two-fifths of them probation officers; SPOs and a head of
    offender management delivery."""
    poms = max(2, math.ceil(expected_sentenced / MEN_PER_POM))
    probation = max(1, round(poms * PROBATION_POM_SHARE))
    team = "Offender management unit"
    return (
        [_member(rng, StaffRole.PROBATION_POM, prison=prison, team=team) for _ in range(probation)]
        + [_member(rng, StaffRole.PRISON_POM, prison=prison, team=team) for _ in range(poms - probation)]
        + [
            _member(rng, StaffRole.SPO, prison=prison, team=team)
            for _ in range(1 + expected_sentenced // 600)
        ]
        + [_member(rng, StaffRole.HOMD, prison=prison, team=team)]
    )


def staff_for_pdu(rng: random.Random, pdu, expected_custody_cases: float) -> list[StaffMember]:
    coms = max(2, math.ceil(expected_custody_cases / COM_CUSTODY_CASES))
    return [_member(rng, StaffRole.COM, pdu=pdu, team=f"{pdu.name} {n // 8 + 1}") for n in range(coms)] + [
        _member(rng, StaffRole.SPO, pdu=pdu, team=f"{pdu.name} 1")
    ]


def mappa_coordinator(rng: random.Random, pdu) -> StaffMember:
    return _member(rng, StaffRole.MAPPA_COORDINATOR, pdu=pdu, team=f"{pdu.region.name} MAPPA unit")


def pools_from(members: list[StaffMember]) -> Pools:
    pools = Pools()
    for member in members:
        if member.role == StaffRole.PRISON_POM:
            pools.prison_poms.setdefault(member.prison.code, []).append(member)
        elif member.role == StaffRole.PROBATION_POM:
            pools.probation_poms.setdefault(member.prison.code, []).append(member)
        elif member.role == StaffRole.COM:
            pools.coms.setdefault(member.pdu.code, []).append(member)
    return pools


def handover_date(release: date, kind: str, sentence_start: date | None, *, recalled: bool) -> date:
    """When the COM takes over (Manage POM Cases' current rules, rulebook 3.1)."""
    if recalled:
        return date.min
    if kind in ("PED", "TED", "THD"):
        return add_months(release, -12)
    if sentence_start and add_months(sentence_start, 10) >= release:
        return date.min  # ten months or less to serve: the COM is responsible from the start
    return add_months(release, -8) - timedelta(days=14)


def _history(
    rng,
    staff: StaffMember,
    pool: list[StaffMember],
    person,
    role: str,
    since: date,
    until: date,
    reasons: tuple[str, ...],
) -> list[Allocation]:
    """The current allocation, and for about one man in six the one it replaced."""
    allocated_on = since + timedelta(days=rng.randint(0, max(0, (until - since).days)))
    rows = [Allocation(person=person, staff=staff, role=role, allocated_on=allocated_on)]
    earlier = [member for member in pool if member is not staff]
    if earlier and (allocated_on - since).days > 30 and rng.random() < 0.16:
        rows.append(
            Allocation(
                person=person,
                staff=rng.choice(earlier),
                role=role,
                allocated_on=since,
                ended_on=allocated_on,
                reason=rng.choice(reasons),
            )
        )
    return rows


def pom_allocations(
    rng,
    pools: Pools,
    person,
    prison_code: str,
    received: date,
    tier: str,
    today: date,
    ended_on: date | None = None,
) -> list[Allocation]:
    """Manage POM Cases' tier strategy: tiers A and B go to a probation POM (rulebook 3.2)."""
    probation = tier[:1] in ("A", "B")
    pool = (
        (pools.probation_poms if probation else pools.prison_poms).get(prison_code)
        or pools.prison_poms.get(prison_code)
        or pools.probation_poms.get(prison_code)
    )
    if not pool:
        return []
    since = received + timedelta(days=rng.randint(1, 21))
    until = min(today, ended_on or today)
    if since > until:
        since = until
    rows = _history(
        rng, rng.choice(pool), pool, person, AllocationRole.PRIMARY_POM, since, until, POM_CHANGE_REASONS
    )
    if ended_on:
        rows[0].ended_on = ended_on
        rows[0].reason = "Released"
    return rows


def com_allocations(rng, pools: Pools, person, pdu_code: str, since: date, today: date) -> list[Allocation]:
    pool = pools.coms.get(pdu_code)
    if not pool:
        return []
    since = min(since, today)
    return _history(
        rng,
        rng.choice(pool),
        pool,
        person,
        AllocationRole.COM,
        since,
        min(today, since + timedelta(days=56)),
        COM_CHANGE_REASONS,
    )
