"""Reading the inspection measures' facts (rules.inspection.facts) for a period, in a fixed number of
queries: the men released in it, and the men held on its last day (a man released since is read from his
closed booking, at the prison that released him). Risk, MAPPA and plan records are as they stand now:
the records keep no history of them, which is why reports are kept as snapshots."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from resettle.people.models import Booking, Offence
from resettle.people.selectors import bookings_held_on
from resettle.plans.case_builder import resettlement_pairs
from resettle.plans.models import (
    ApprovedPremisesApplication,
    DayOneAppointment,
    InterventionOffer,
    ReadinessSummary,
    ReleaseOutcome,
)
from resettle.rules.inspection.facts import Held, Released, mappa_group, offence_group
from resettle.rules.inspection.period import Period
from resettle.staff.models import Allocation, AllocationRole


@dataclass
class Population:
    """The men of a period, each with the code of the prison he is counted at."""

    released: list[Released] = field(default_factory=list)
    released_at: list[str] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)
    held_at: list[str] = field(default_factory=list)


RISK = ("person__risk__mappa_category", "person__risk__mappa_level")


def _offences(bookings) -> tuple[set[int], set[int]]:
    rows = Offence.objects.filter(sentence__booking__in=bookings).filter(
        Q(is_sexual=True) | Q(is_violent=True)
    )
    sexual, violent = set(), set()
    for booking, is_sexual in rows.values_list("sentence__booking_id", "is_sexual"):
        (sexual if is_sexual else violent).add(booking)
    return sexual, violent - sexual


def _released(period: Period, prisons: Q) -> tuple[list[Released], list[str]]:
    bookings = Booking.objects.filter(released_on__gte=period.start, released_on__lte=period.end).filter(
        prisons
    )
    sexual, violent = _offences(bookings)
    rows = list(
        bookings.values(
            "pk",
            "person_id",
            "released_on",
            "released_from_id",
            "released_from__code",
            "person__release_area_id",
            "person__risk__mappa_level_set_on",
            *RISK,
        )
    )
    people = [row["person_id"] for row in rows]
    served = resettlement_pairs({row["released_from_id"] for row in rows})
    outcomes = {
        person: (on_release, later)
        for person, on_release, later in ReleaseOutcome.objects.filter(person__in=people).values_list(
            "person_id", "accommodation_on_release", "settled_at_3_months"
        )
    }
    applications = {
        person: (submitted, arrival)
        for person, submitted, arrival in ApprovedPremisesApplication.objects.filter(
            person__in=people
        ).values_list("person_id", "submitted_on", "arrival_on")
    }
    day_one = set(DayOneAppointment.objects.filter(person__in=people).values_list("person_id", flat=True))
    men, at = [], []
    for row in rows:
        area, person = row["person__release_area_id"], row["person_id"]
        on_release, later = outcomes.get(person, ("", ""))
        applied, arrival = applications.get(person, (None, None))
        men.append(
            Released(
                person_id=person,
                offence=offence_group(sexual=row["pk"] in sexual, violent=row["pk"] in violent),
                mappa=mappa_group(row["person__risk__mappa_category"], row["person__risk__mappa_level"]),
                released_on=row["released_on"],
                from_resettlement_prison_for_area=None
                if area is None
                else (row["released_from_id"], area) in served,
                mappa_level_set_on=row["person__risk__mappa_level_set_on"],
                accommodation_on_release=on_release,
                accommodation_at_3_months=later,
                approved_premises_applied_on=applied,
                approved_premises_arrival_on=arrival,
                day_one_appointment=person in day_one,
            )
        )
        at.append(row["released_from__code"])
    return men, at


def _with_com_on(day: date, people: list[int]) -> set[int]:
    return set(
        Allocation.objects.filter(person__in=people, role=AllocationRole.COM, allocated_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        .values_list("person_id", flat=True)
    )


def _latest_offers(people: list[int]) -> dict[int, str]:
    latest = {}
    for person, outcome in (
        InterventionOffer.objects.filter(person__in=people)
        .order_by("offered_on", "pk")
        .values_list("person_id", "outcome")
    ):
        latest[person] = outcome
    return latest


def _held(day: date, prisons: Q) -> tuple[list[Held], list[str]]:
    bookings = bookings_held_on(day).filter(prisons)
    sexual, violent = _offences(bookings)
    rows = list(
        bookings.values(
            "pk",
            "person_id",
            "is_active",
            "person__current_prison_id",
            "person__current_prison__code",
            "released_from_id",
            "released_from__code",
            "person__release_area_id",
            "person__earliest_release_date",
            "person__risk__rosh_assessed_on",
            "person__risk__maintains_innocence",
            *RISK,
        )
    )
    people = [row["person_id"] for row in rows]
    summaries = {
        person: (eligible, handover)
        for person, eligible, handover in ReadinessSummary.objects.filter(person__in=people).values_list(
            "person_id", "mappa_eligible", "handover_date"
        )
    }
    with_com = _with_com_on(day, people)
    offers = _latest_offers(people)
    prison_of = {
        row["pk"]: (row["person__current_prison_id"], row["person__current_prison__code"])
        if row["is_active"]
        else (row["released_from_id"], row["released_from__code"])
        for row in rows
    }
    served = resettlement_pairs({prison for prison, _ in prison_of.values() if prison})
    men, at = [], []
    for row in rows:
        person, area = row["person_id"], row["person__release_area_id"]
        prison, code = prison_of[row["pk"]]
        eligible, handover = summaries.get(person, (False, None))
        men.append(
            Held(
                person_id=person,
                offence=offence_group(sexual=row["pk"] in sexual, violent=row["pk"] in violent),
                mappa=mappa_group(row["person__risk__mappa_category"], row["person__risk__mappa_level"]),
                sexual_offence=row["pk"] in sexual,
                mappa_eligible=eligible,
                maintains_innocence=bool(row["person__risk__maintains_innocence"]),
                intervention_outcome=offers.get(person),
                rosh_assessed_on=row["person__risk__rosh_assessed_on"],
                earliest_release=row["person__earliest_release_date"] if row["is_active"] else None,
                in_resettlement_prison_for_area=None if area is None else (prison, area) in served,
                handover_on=handover if row["is_active"] else None,
                com_allocated=person in with_com,
            )
        )
        at.append(code)
    return men, at


def population(period: Period, prison_codes: list[str] | None = None) -> Population:
    """Everyone (or the men of these prisons) released in `period` and held on its last day."""
    released_in = Q() if prison_codes is None else Q(released_from__code__in=prison_codes)
    held_in = (
        Q()
        if prison_codes is None
        else Q(is_active=True, person__current_prison__code__in=prison_codes)
        | Q(is_active=False, released_from__code__in=prison_codes)
    )
    released, released_at = _released(period, released_in)
    held, held_at = _held(period.end, held_in)
    return Population(released, released_at, held, held_at)


def by_prison(codes: list[str]) -> dict[str, list[int]]:
    """Each prison code's positions in `codes`."""
    found = defaultdict(list)
    for position, code in enumerate(codes):
        found[code].append(position)
    return found
