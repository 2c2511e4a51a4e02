"""Release-plan records for the loaded demo people, then their readiness evaluated.

Seeded and realistic in shape (assumptions, not statistics): most men nationally have each step done in
time; at HMP Dartmoor (rulebook A5-A10) MAPPA work is late, high-risk men have no approved-premises
application months before release, men far from home are neither transferred nor given an in-reach plan,
and releases are recorded homeless. The loader's accommodation plans (demo/accommodation.py) are kept and
given their Duty to Refer and CAS3 referral dates; MAPPA category and level stay as the loader set them
on the risk profile.

    from resettle.demo.plans import generate_plans
    generate_plans(seed, today)   # after the people and their release dates are loaded
"""

import random
from collections import Counter, defaultdict
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Prefetch, Q

from resettle.estate.models import Prison
from resettle.people.models import Booking, Person
from resettle.people.vocabulary import CustodyStatus, RoshLevel
from resettle.plans.case_builder import resettlement_pairs
from resettle.plans.models import (
    AccommodationCategory,
    AccommodationPlan,
    ApplicationStatus,
    ApprovedPremisesApplication,
    DayOneAppointment,
    HandoverRecord,
    InterventionOffer,
    Licence,
    LicenceCondition,
    MappaMeeting,
    MappaRecord,
    PathwayStatus,
    ReleaseOutcome,
    ResettlementPathways,
    ResettlementPlan,
    TransferPlan,
    TransferStatus,
)
from resettle.plans.services import refresh_all_readiness

BATCH = 5000
HIGH = (RoshLevel.HIGH, RoshLevel.VERY_HIGH)
# How reliably each step is done in time (assumption): Dartmoor's is the inspectorate's picture.
DILIGENCE = {"resettlement": 0.95, "other": 0.9, "DAI": 0.45}
# Released men keep their outcome records for the inspection year (the readiness cache keeps them less).
RELEASED_OUTCOMES_DAYS = 365


def _diligence(prison: Prison | None) -> float:
    if prison is None:
        return DILIGENCE["other"]
    if prison.code == "DAI":
        return DILIGENCE["DAI"]
    return DILIGENCE["resettlement" if prison.is_resettlement_prison else "other"]


def _before(rng: random.Random, today: date, *, most: int) -> date:
    return today - timedelta(days=rng.randint(0, most))


class Generator:
    def __init__(self, seed: int, today: date, served: set[tuple[int, int]], targets: dict[int, list[int]]):
        self.seed, self.today, self.served, self.targets = seed, today, served, targets
        self.rows: dict[type, list] = defaultdict(list)
        self.updated_plans: list[AccommodationPlan] = []

    def person(self, person: Person) -> None:
        rng = random.Random(f"{self.seed}:plans:{person.pk}")
        bookings = list(person.bookings.all())
        if not bookings:
            return
        booking = bookings[0]
        if person.status == CustodyStatus.RELEASED:
            self.released(rng, person, booking)
            return
        q = _diligence(person.current_prison)
        release = person.earliest_release_date
        days = (release - self.today).days if release else None
        risk = getattr(person, "risk", None)
        rosh = risk.rosh_level if risk else ""
        self.screening(rng, person, booking, q, days)
        if days is None or days > 400:
            return
        self.mappa(rng, person, risk, q, days)
        self.approved_premises(rng, person, risk, q, days, release)
        self.accommodation(rng, person, q, days)
        self.transfer(rng, person, q, days, release)
        self.pathways_and_handover(rng, person, q, days)
        self.release_day(rng, person, q, days, release)
        if risk and risk.maintains_innocence and rng.random() < q:
            self.rows[InterventionOffer].append(
                InterventionOffer(
                    person=person,
                    offered_on=_before(rng, self.today, most=300),
                    intervention="Kaizen" if rosh in HIGH else "One-to-one work",
                    outcome=rng.choice(["accepted", "declined", "completed"]),
                    rationale="Risk managed through licence conditions and supervision.",
                )
            )

    def screening(self, rng, person, booking, q, days) -> None:
        near = days is not None and days <= 84
        plan = ResettlementPlan(
            person=person,
            immediate_needs_screen_on=booking.received_on + timedelta(days=rng.randint(0, 2))
            if rng.random() < max(q, 0.8)
            else None,
            pre_release_report_on=_before(rng, self.today, most=30) if near and rng.random() < q else None,
            id_documents_obtained_on=_before(rng, self.today, most=40) if near and rng.random() < q else None,
            bank_account_applied_on=_before(rng, self.today, most=60)
            if days is not None and days <= 150 and rng.random() < q
            else None,
            hdc_assessment_on=_before(rng, self.today, most=30)
            if days is not None and days <= 120 and rng.random() < q
            else None,
        )
        # The release-day arrangements follow the pre-release work rather than a draw of their own, so
        # adding them left every other demo record as it was.
        ready = days is not None and days <= 7 and plan.pre_release_report_on is not None
        plan.travel_arranged = plan.property_ready = plan.money_ready = ready
        plan.discharge_grant_arranged = ready
        self.rows[ResettlementPlan].append(plan)

    def mappa(self, rng, person, risk, q, days) -> None:
        if not risk or risk.mappa_category is None or days > 200:
            return
        managed = risk.mappa_level in (2, 3)
        self.rows[MappaRecord].append(
            MappaRecord(
                person=person,
                referral_on=_before(rng, self.today, most=90) if managed and rng.random() < q else None,
                prison_report_on=_before(rng, self.today, most=60) if managed and rng.random() < q else None,
                rmp_agreed_on=_before(rng, self.today, most=60) if managed and rng.random() < q else None,
                police_told_of_release_on=_before(rng, self.today, most=3)
                if days <= 3 and rng.random() < q
                else None,
            )
        )
        if managed and rng.random() < q:
            weeks = 8 if risk.mappa_level == 3 else 16
            self.rows[MappaMeeting].append(
                MappaMeeting(person=person, held_on=_before(rng, self.today, most=weeks * 7 - 7))
            )

    def approved_premises(self, rng, person, risk, q, days, release) -> None:
        tier_ab = bool(risk and risk.tier[:1] in ("A", "B"))
        if not (tier_ab or (risk and risk.rosh_level in HIGH)) or days > 240:
            return
        if rng.random() >= q:
            return  # Dartmoor: high-risk men with no application months before release
        submitted = max(self.today - timedelta(days=rng.randint(0, 60)), release - timedelta(days=200))
        submitted = min(submitted, self.today)
        status = ApplicationStatus.PLACEMENT_ALLOCATED if days <= 60 else ApplicationStatus.AWAITING_PLACEMENT
        self.rows[ApprovedPremisesApplication].append(
            ApprovedPremisesApplication(
                person=person, submitted_on=submitted, arrival_on=max(release, submitted), status=status
            )
        )

    def accommodation(self, rng, person, q, days) -> None:
        plan = getattr(person, "accommodation_plan", None)
        if plan is None or days > 120:
            return
        changed = False
        if days <= 84 and rng.random() < q:
            plan.duty_to_refer_on = _before(rng, self.today, most=40)
            changed = True
        if plan.category == AccommodationCategory.CAS and rng.random() < q:
            plan.cas3_referral_on = _before(rng, self.today, most=30)
            changed = True
        if changed:
            self.updated_plans.append(plan)

    def transfer(self, rng, person, q, days, release) -> None:
        if days > 240 or not person.release_area_id:
            return
        if (person.current_prison_id, person.release_area_id) in self.served:
            return
        if rng.random() >= q:
            return  # out of area, no transfer and no in-reach plan
        targets = self.targets.get(person.release_area_id, [])
        if targets and rng.random() < 0.5:
            self.rows[TransferPlan].append(
                TransferPlan(
                    person=person,
                    target_prison_id=rng.choice(targets),
                    due_on=release - timedelta(days=90),
                    status=TransferStatus.AGREED,
                )
            )
        else:
            self.rows[TransferPlan].append(
                TransferPlan(person=person, in_reach_plan_on=_before(rng, self.today, most=60))
            )

    def pathways_and_handover(self, rng, person, q, days) -> None:
        if days <= 180 and rng.random() < q:
            statuses = [PathwayStatus.IN_PROGRESS, PathwayStatus.DONE, PathwayStatus.SUPPORT_NOT_REQUIRED]
            self.rows[ResettlementPathways].append(
                ResettlementPathways(
                    person=person,
                    **{name: rng.choice(statuses) for name in ResettlementPathways.PATHWAY_FIELDS},
                )
            )
        if days <= 270 and rng.random() < q:
            self.rows[HandoverRecord].append(
                HandoverRecord(
                    person=person,
                    reviewed_oasys=True,
                    contacted_com=True,
                    attended_handover_meeting=rng.random() < q,
                    sent_handover_report=True,
                )
            )

    def release_day(self, rng, person, q, days, release) -> None:
        if days <= 21 and rng.random() < q:
            self.rows[DayOneAppointment].append(
                DayOneAppointment(person=person, appointment_on=release, location="Probation office")
            )
        if days <= 2 and rng.random() < q:
            plan = getattr(person, "accommodation_plan", None)
            ap = plan is not None and plan.category == AccommodationCategory.APPROVED_PREMISES
            conditions = (
                [LicenceCondition.APPROVED_PREMISES_RESIDENCE] if ap else [LicenceCondition.NO_CONTACT]
            )
            self.rows[Licence].append(
                Licence(
                    person=person,
                    conditions=conditions,
                    required_conditions=[
                        c for c in conditions if c != LicenceCondition.APPROVED_PREMISES_RESIDENCE
                    ],
                    issued_on=self.today,
                )
            )

    def released(self, rng, person, booking) -> None:
        """What became of a man released in the last year: where he slept the first night (his plan's
        category, else a draw that a diligent prison tilts towards settled or approved accommodation), where
        he was 3 months on, his day-one appointment and any approved-premises application."""
        if not booking.released_on or booking.released_on < self.today - timedelta(
            days=RELEASED_OUTCOMES_DAYS
        ):
            return
        q = _diligence(booking.released_from)
        risk = getattr(person, "risk", None)
        if risk and (risk.rosh_level in HIGH or risk.tier[:1] in ("A", "B")) and rng.random() < max(q, 0.5):
            # The notice a prison gives grows with its diligence: Dartmoor's come late (rulebook A6-A7).
            notice = rng.randint(180, 240) if rng.random() < q else rng.randint(3, 150)
            self.rows[ApprovedPremisesApplication].append(
                ApprovedPremisesApplication(
                    person=person,
                    submitted_on=booking.released_on - timedelta(days=notice),
                    arrival_on=booking.released_on,
                    status=ApplicationStatus.PLACEMENT_ALLOCATED,
                )
            )
        if rng.random() < q:
            self.rows[DayOneAppointment].append(
                DayOneAppointment(
                    person=person, appointment_on=booking.released_on, location="Probation office"
                )
            )
        if rng.random() >= max(q, 0.7):
            return  # outcome not recorded
        plan = getattr(person, "accommodation_plan", None)
        first_night = plan.category if plan and plan.category else _first_night(rng, q)
        three_months_on = ""
        if booking.released_on <= self.today - timedelta(days=91):
            settled = SETTLES.get(first_night, 0.2) * (0.5 + q / 2)
            three_months_on = AccommodationCategory.SETTLED if rng.random() < settled else first_night
        self.rows[ReleaseOutcome].append(
            ReleaseOutcome(
                person=person,
                accommodation_on_release=first_night,
                recorded_on=min(booking.released_on + timedelta(days=rng.randint(1, 3)), self.today),
                settled_at_3_months=three_months_on,
            )
        )


# Where a man with no accommodation plan slept the first night: a release planned in time goes mostly to
# settled or approved accommodation; the rest mostly to temporary accommodation or none (assumptions).
PLANNED_FIRST_NIGHT = {
    AccommodationCategory.SETTLED: 0.65,
    AccommodationCategory.OTHER_HOUSED: 0.15,
    AccommodationCategory.APPROVED_PREMISES: 0.1,
    AccommodationCategory.CAS: 0.1,
}
UNPLANNED_FIRST_NIGHT = {
    AccommodationCategory.OTHER_HOUSED: 0.4,
    AccommodationCategory.HOMELESS: 0.4,
    AccommodationCategory.ROUGH_SLEEPING: 0.1,
    AccommodationCategory.SETTLED: 0.1,
}
# The chance a first night's accommodation has become settled 3 months on, at a fully diligent prison.
SETTLES = {
    AccommodationCategory.SETTLED: 0.9,
    AccommodationCategory.APPROVED_PREMISES: 0.6,
    AccommodationCategory.CAS: 0.5,
    AccommodationCategory.OTHER_HOUSED: 0.4,
}


def _first_night(rng: random.Random, q: float) -> str:
    table = PLANNED_FIRST_NIGHT if rng.random() < q else UNPLANNED_FIRST_NIGHT
    return rng.choices(list(table), weights=list(table.values()))[0]


def _people(today: date):
    recent = Booking.objects.filter(released_on__gte=today - timedelta(days=RELEASED_OUTCOMES_DAYS))
    bookings = Booking.objects.select_related("released_from").order_by("-is_active", "-received_on")
    return (
        Person.objects.filter(
            Q(status__in=(CustodyStatus.IN_CUSTODY, CustodyStatus.RECALLED))
            | Q(pk__in=recent.values("person_id"))
        )
        .select_related("risk", "current_prison", "accommodation_plan")
        .prefetch_related(Prefetch("bookings", queryset=bookings))
        .order_by("pk")
    )


def generate_plans(seed: int, today: date, *, evaluate: bool = True) -> Counter:
    """Create plan records for every man in custody or recently released, then evaluate readiness."""
    served = resettlement_pairs(Prison.objects.values_list("pk", flat=True))
    targets: dict[int, list[int]] = defaultdict(list)
    for prison_id, pdu_id in sorted(served):
        targets[pdu_id].append(prison_id)
    counts: Counter = Counter()
    last = 0
    while batch := list(_people(today).filter(pk__gt=last)[:BATCH]):
        last = batch[-1].pk
        generator = Generator(seed, today, served, targets)
        for person in batch:
            generator.person(person)
        with transaction.atomic():
            for model, rows in generator.rows.items():
                model.objects.bulk_create(rows, batch_size=2000)
                counts[model._meta.verbose_name_plural] += len(rows)
            AccommodationPlan.objects.bulk_update(
                generator.updated_plans, ["duty_to_refer_on", "cas3_referral_on"], batch_size=2000
            )
    if evaluate:
        counts["readiness evaluated"] = refresh_all_readiness(today=today)
    return counts
