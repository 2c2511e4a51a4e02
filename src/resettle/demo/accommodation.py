"""Where men are to live on release: accommodation plans in the categories of the MoJ statistics (MI014)."""

import random
from datetime import date, timedelta

from resettle.people.vocabulary import RoshLevel
from resettle.plans.models import AccommodationCategory as A
from resettle.plans.models import AccommodationPlan

from .profiles import Practice

HOUSED = (A.SETTLED, A.OTHER_HOUSED, A.APPROVED_PREMISES, A.CAS)
# Housed outcomes for men leaving custody (assumption, shaped on MI014's published split); high-risk men go to
# approved premises far more often (rulebook section 5).
HOUSED_MIX = {"ordinary": (0.6, 0.22, 0.04, 0.14), "high risk": (0.35, 0.1, 0.45, 0.10)}
UNHOUSED = (A.HOMELESS, A.ROUGH_SLEEPING)
UNHOUSED_MIX = (0.8, 0.2)
STREETS = (
    "Station Road",
    "Church Street",
    "Victoria Road",
    "Park Avenue",
    "Mill Lane",
    "Queen Street",
    "Albert Road",
    "The Crescent",
    "Orchard Close",
    "Manor Way",
    "Fore Street",
    "High Street",
)
PREMISES = ("Lawrence House", "Southview", "Ashley House", "Kent House", "Meadow House", "Bridge House")


def _town(pdu_name: str) -> str:
    return pdu_name.split(" and ")[0].split(",")[0]


def address(rng: random.Random, category: str, pdu_name: str) -> str:
    town = _town(pdu_name)
    if category == A.APPROVED_PREMISES:
        return f"{rng.choice(PREMISES)} Approved Premises, {town}"
    if category == A.CAS:
        return f"Flat {rng.randint(1, 12)}, {rng.randint(2, 120)} {rng.choice(STREETS)}, {town} (CAS3)"
    if category in UNHOUSED:
        return ""
    return f"{rng.randint(1, 160)} {rng.choice(STREETS)}, {town}"


def _housed(rng: random.Random, rosh: str) -> str:
    mix = HOUSED_MIX["high risk" if rosh in (RoshLevel.HIGH, RoshLevel.VERY_HIGH) else "ordinary"]
    return rng.choices(HOUSED, weights=mix)[0]


def plan_before_release(
    rng: random.Random,
    person,
    days_to_release: int | None,
    rosh: str,
    pdu_name: str,
    practice: Practice,
    today: date,
) -> AccommodationPlan | None:
    """Most men three months from release have a confirmed address where practice is good; few further out."""
    if days_to_release is None or days_to_release > 183:
        return None
    if days_to_release <= 91:
        chance, confirmed_share = practice.plan_within_3_months, practice.plan_confirmed
    else:
        chance, confirmed_share = practice.plan_3_to_6_months, 0.2
    if rng.random() >= chance:
        return None
    if rng.random() < 1 - practice.housed_on_release:
        category = rng.choices(UNHOUSED, weights=UNHOUSED_MIX)[0]
    else:
        category = _housed(rng, rosh)
    confirmed = category not in UNHOUSED and rng.random() < confirmed_share
    return AccommodationPlan(
        person=person,
        category=category,
        address=address(rng, category, pdu_name),
        confirmed_on=today - timedelta(days=rng.randint(0, 40)) if confirmed else None,
    )


def outcome_on_release(
    rng: random.Random, person, released_on: date, rosh: str, pdu_name: str, practice: Practice
) -> AccommodationPlan:
    """Where a released man went the night after release (MI014's measure)."""
    if rng.random() < practice.housed_on_release:
        category = _housed(rng, rosh)
        confirmed = released_on - timedelta(days=rng.randint(0, 60))
    else:
        category, confirmed = rng.choices(UNHOUSED, weights=UNHOUSED_MIX)[0], None
    return AccommodationPlan(
        person=person, category=category, address=address(rng, category, pdu_name), confirmed_on=confirmed
    )
