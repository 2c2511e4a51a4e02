"""The men and women in one prison, and those it released in the last year, as unsaved rows.

Nothing here touches the database: the loader saves what these functions return.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from resettle.estate.models import Prison, ProbationDeliveryUnit
from resettle.people.models import Person, RiskProfile
from resettle.people.services import apply_release_summary
from resettle.people.vocabulary import CustodyStatus
from resettle.plans.models import AccommodationPlan
from resettle.staff.models import Allocation

from . import accommodation, staff
from .calculation import YOUNGEST_RECEPTION_AGE, Calculator, as_calculation
from .estate import PrisonSpec, pdu_specs, pdus_served
from .identifiers import Identifiers
from .names import full_name
from .offences import OTHER, SEXUAL, VIOLENT, life_offence, offence_in
from .profiles import (
    DETERMINATE,
    IMMIGRATION,
    INDETERMINATE,
    RECALL,
    UNSENTENCED_KINDS,
    population_for,
    practice_for,
)
from .risk import risk_profile
from .sentences import Custody, Sentencing

# Dartmoor's men come from everywhere (rulebook A5); of those from the South West, most are from the
# peninsula. Weights for its South West release areas; the rest of the country is spread evenly.
DARTMOOR_HOME_WEIGHTS = {"SW01": 4, "SW02": 4, "SW03": 3}
# People are drafted (sentences and adjustments) this many at a time, then the release-date engine places
# their dates (calculation.py), then the rest of each record, which depends on those dates, is drawn.
CHUNK = 500


@dataclass
class Draft:
    in_custody: bool
    kind: str
    age: int
    custody: Custody
    born: date


@dataclass
class PersonRecord:
    person: Person
    custody: Custody
    risk: RiskProfile
    allocations: list[Allocation] = field(default_factory=list)
    plan: AccommodationPlan | None = None


def release_area_chances(prison: PrisonSpec) -> dict[str, float]:
    """The chance of each PDU being a man's release area, for a man held in `prison`."""
    practice = practice_for(prison)
    everywhere = [pdu.code for pdu in pdu_specs()]
    if prison.code == "DAI":
        home = {pdu.code: DARTMOOR_HOME_WEIGHTS.get(pdu.code, 1) for pdu in pdu_specs() if pdu.region == "SW"}
        away = [code for code in everywhere if code not in home]
    else:
        home = dict.fromkeys(
            pdus_served(prison) or [p.code for p in pdu_specs() if p.region == prison.region], 1
        )
        away = everywhere
    total = sum(home.values())
    chances = {code: practice.release_area_at_home * weight / total for code, weight in home.items()}
    for code in away:
        chances[code] = chances.get(code, 0) + (1 - practice.release_area_at_home) / len(away)
    return chances


class PrisonPopulation:
    """Draws the people of one prison from its population and practice profiles."""

    def __init__(
        self,
        rng: random.Random,
        spec: PrisonSpec,
        prison: Prison,
        pdus: dict[str, ProbationDeliveryUnit],
        courts: list[str],
        pools: staff.Pools,
        ids: Identifiers,
        today: date,
        calculator: Calculator | None = None,
    ):
        self.rng, self.spec, self.prison, self.pdus, self.pools, self.ids = (
            rng,
            spec,
            prison,
            pdus,
            pools,
            ids,
        )
        self.today = today
        self.calculator = calculator or Calculator(today)
        self.population = population_for(spec)
        self.practice = practice_for(spec)
        self.sentencing = Sentencing(rng, ids, self.population, courts, today)
        chances = release_area_chances(spec)
        self.area_codes, self.area_weights = list(chances), list(chances.values())
        self.kinds, self.kind_weights = (
            list(self.population.legal_status),
            list(self.population.legal_status.values()),
        )
        self.wings = max(1, spec.operational_capacity // 120)

    def people(self, in_custody: int, released: int):
        flags = [True] * in_custody + [False] * released
        for first in range(0, len(flags), CHUNK):
            drafts = [self._draft(flag) for flag in flags[first : first + CHUNK]]
            self.calculator.align([(draft.custody, draft.born) for draft in drafts])
            for draft in drafts:
                self.sentencing.finish(draft.custody)
                yield self.in_custody(draft) if draft.in_custody else self.released(draft)

    # -- drawing the parts of a record

    def _age(self) -> int:
        low, high, _ = self.rng.choices(self.population.ages, weights=[a[2] for a in self.population.ages])[0]
        return self.rng.randrange(low, high)

    def _group(self) -> str:
        if self.rng.random() < self.spec.sexual_offence_share:
            return SEXUAL
        return VIOLENT if self.rng.random() < self.population.violent_share else OTHER

    def _release_area(self) -> ProbationDeliveryUnit:
        return self.pdus[self.rng.choices(self.area_codes, weights=self.area_weights)[0]]

    def _born(self, age: int) -> date:
        return self.today - timedelta(days=int(age * 365.25) + self.rng.randint(0, 364))

    def _person(self, custody: Custody, born: date, *, in_custody: bool) -> Person:
        rng = self.rng
        female = self.spec.estate == Prison.Estate.FEMALE
        first, middle, last = full_name(rng, female)
        received = custody.booking.received_on
        sentenced = custody.index_offence is not None
        first_arrest = min(self.today.year, max(born.year + 15, received.year - rng.randint(0, 15)))
        security = ""
        if in_custody and sentenced and self.population.security:
            security = rng.choices(list(self.population.security), weights=self.population.security.values())[
                0
            ]
        has_area = sentenced or rng.random() < 0.3
        person = Person(
            prison_number=self.ids.prison_number(received),
            first_name=first,
            middle_names=middle,
            last_name=last,
            date_of_birth=born,
            gender="Female" if female else "Male",
            pnc_number=self.ids.pnc(first_arrest) if rng.random() < 0.95 else "",
            crn=self.ids.crn() if sentenced or rng.random() < 0.4 else "",
            status=custody.status,
            legal_status=custody.legal_status,
            current_prison=self.prison if in_custody else None,
            cell_location=self._cell() if in_custody else "",
            security_category=security,
            release_area=self._release_area() if has_area else None,
        )
        custody.booking.person = person
        apply_release_summary(
            person, custody.dates, today=self.today, calculation=as_calculation(custody.calculated)
        )
        return person

    def _cell(self) -> str:
        rng = self.rng
        return f"{chr(ord('A') + rng.randrange(self.wings))}-{rng.randint(1, 4)}-{rng.randint(1, 40):03d}"

    def _custody(self, kind: str, age: int) -> Custody:
        if kind in UNSENTENCED_KINDS:
            return self.sentencing.unsentenced(kind)
        group = self._group()
        if kind == INDETERMINATE:
            return self.sentencing.indeterminate(life_offence(self.rng, group))
        offence = offence_in(self.rng, group)
        if kind == RECALL:
            return self.sentencing.recall(offence, age)
        return self.sentencing.determinate(offence, age)

    # -- the two kinds of record

    def _draft(self, in_custody: bool) -> Draft:
        rng = self.rng
        if in_custody:
            kind = rng.choices(self.kinds, weights=self.kind_weights)[0]
            age = self._age()
            custody = self._custody(kind, age)
            if custody.index_offence and custody.index_offence.historical:
                age = max(age, rng.randint(50, 80))
        else:
            kind = DETERMINATE
            released_on = self.today - timedelta(days=rng.randint(1, 365))
            age = self._age()
            custody = self.sentencing.determinate(
                offence_in(rng, self._group()), age, released_on=released_on
            )
        # A sentence drawn long for his age would have him received as a child: he is older instead.
        born = min(self._born(age), custody.booking.received_on - relativedelta(years=YOUNGEST_RECEPTION_AGE))
        return Draft(in_custody, kind, age, custody, born)

    def in_custody(self, draft: Draft) -> PersonRecord:
        rng, today = self.rng, self.today
        kind, custody = draft.kind, draft.custody
        person = self._person(custody, draft.born, in_custody=True)
        days_to_release = (
            (person.earliest_release_date - today).days if person.earliest_release_date else None
        )
        risk = self._risk(person, custody, days_to_release)
        record = PersonRecord(person, custody, risk)
        if custody.index_offence is None or kind == IMMIGRATION:
            return record
        arrived = self._arrival(custody.booking.received_on)
        if rng.random() < self.practice.pom_allocated:
            record.allocations += staff.pom_allocations(
                rng, self.pools, person, self.spec.code, arrived, risk.tier, today
            )
        if person.release_area and person.earliest_release_date:
            record.allocations += self._com(person, custody, arrived)
            record.plan = accommodation.plan_before_release(
                rng, person, days_to_release, risk.rosh_level, person.release_area.name, self.practice, today
            )
        return record

    def released(self, draft: Draft) -> PersonRecord:
        rng, custody = self.rng, draft.custody
        custody.booking.released_from = self.prison
        released_on = custody.booking.released_on
        person = self._person(custody, draft.born, in_custody=False)
        person.release_area = person.release_area or self._release_area()
        risk = self._risk(person, custody, (released_on - self.today).days)
        record = PersonRecord(person, custody, risk)
        arrived = self._arrival(custody.booking.received_on, until=released_on)
        if rng.random() < self.practice.pom_allocated:
            record.allocations += staff.pom_allocations(
                rng, self.pools, person, self.spec.code, arrived, risk.tier, self.today, ended_on=released_on
            )
        if rng.random() < 0.95:
            since = max(custody.booking.received_on, released_on - timedelta(days=rng.randint(30, 250)))
            record.allocations += staff.com_allocations(
                rng, self.pools, person, person.release_area.code, since, released_on
            )
        record.plan = accommodation.outcome_on_release(
            rng, person, released_on, risk.rosh_level, person.release_area.name, self.practice
        )
        return record

    def _risk(self, person: Person, custody: Custody, days_to_release: int | None) -> RiskProfile:
        risk = risk_profile(
            self.rng, custody, days_to_release=days_to_release, practice=self.practice, today=self.today
        )
        risk.person = person
        return risk

    def _arrival(self, received: date, until: date | None = None) -> date:
        """When he came to this prison: reception for a local, part-way through custody for a trainer."""
        until = until or self.today
        if self.population.served_from == 0:
            return received
        spent = max(0, (until - received).days)
        return until - timedelta(days=self.rng.randint(0, min(spent, 3 * 365)))

    def _com(self, person: Person, custody: Custody, arrived: date) -> list[Allocation]:
        rng, today = self.rng, self.today
        handover = staff.handover_date(
            person.earliest_release_date,
            person.earliest_release_type,
            custody.dates.sentence_start_date if custody.dates else None,
            recalled=person.status == CustodyStatus.RECALLED,
        )
        in_window = handover <= today
        if rng.random() >= (self.practice.com_in_window if in_window else self.practice.com_early):
            return []
        since = max(handover, arrived) if in_window else today - timedelta(days=rng.randint(0, 90))
        return staff.com_allocations(
            rng, self.pools, person, person.release_area.code, max(since, custody.booking.received_on), today
        )
