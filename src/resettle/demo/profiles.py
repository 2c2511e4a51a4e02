"""Who each kind of prison holds, and how completely its release planning is recorded.

Every figure here is listed in docs/demo-data.md with its source or marked there as an assumption.
Dartmoor has its own profiles, calibrated to the 2017 inspection (rulebook section A).
"""

from dataclasses import dataclass, field

from resettle.estate.models import Prison

from .estate import PrisonSpec

C = Prison.Category

# Legal-status kinds the generator draws; each becomes a LegalStatus and a shape of booking.
REMAND = "REMAND"
UNSENTENCED = "CONVICTED_UNSENTENCED"
IMMIGRATION = "IMMIGRATION_DETAINEE"
RECALL = "RECALL"
INDETERMINATE = "INDETERMINATE"
DETERMINATE = "DETERMINATE"
UNSENTENCED_KINDS = (REMAND, UNSENTENCED, IMMIGRATION)

# Sentence lengths of the stock in custody, in months: (from, to, weight). Long-term prisons hold the tail.
MIXED_LENGTHS = (
    (1, 6, 6),
    (6, 12, 8),
    (12, 24, 16),
    (24, 48, 27),
    (48, 84, 23),
    (84, 120, 11),
    (120, 180, 6),
    (180, 300, 3),
)
LONG_LENGTHS = (
    (12, 24, 2),
    (24, 48, 12),
    (48, 84, 32),
    (84, 120, 25),
    (120, 168, 18),
    (168, 240, 8),
    (240, 360, 3),
)
# Dartmoor in 2020: 84% serving over four years (rulebook A11).
DARTMOOR_LENGTHS = ((24, 48, 3), (48, 84, 8), (84, 120, 24), (120, 168, 30), (168, 240, 25), (240, 360, 10))

# Ages as (from, to, weight).
ADULT_AGES = (
    (18, 21, 4),
    (21, 25, 10),
    (25, 30, 16),
    (30, 40, 33),
    (40, 50, 20),
    (50, 60, 11),
    (60, 70, 4),
    (70, 85, 2),
)
OLDER_AGES = ((21, 25, 4), (25, 30, 8), (30, 40, 20), (40, 50, 22), (50, 60, 23), (60, 70, 15), (70, 88, 8))
YOUNG_AGES = ((18, 21, 70), (21, 25, 30))


@dataclass(frozen=True)
class Population:
    legal_status: dict[str, float]
    violent_share: float  # of men not convicted of a sexual offence, the share whose main offence is violent
    lengths: tuple = MIXED_LENGTHS
    # Men reach a training prison part-way through the custodial period: the earliest point they are found at.
    served_from: float = 0.0
    ages: tuple = ADULT_AGES
    releases_per_place: float = 0.5  # releases in a year per man held
    security: dict[str, float] = field(default_factory=lambda: {"C": 1.0})
    extended_share: float = 0.12  # of violent or sexual Schedule 15 cases of four years or more


@dataclass(frozen=True)
class Practice:
    """How completely allocation, MAPPA and accommodation are recorded. Assumptions, except Dartmoor's aim."""

    pom_allocated: float
    com_in_window: float  # a COM allocated once the handover date has passed
    com_early: float  # a COM allocated before the handover date
    mappa_level_within_6_months: float
    mappa_level_6_to_9_months: float
    mappa_level_earlier: float
    mappa_category_missing: float  # notification cases with no MAPPA category: the data-quality gap
    plan_within_3_months: float
    plan_confirmed: float
    plan_3_to_6_months: float
    housed_on_release: float
    release_area_at_home: float  # share of men whose release area is one this prison serves or is near


def _status(remand=0.0, unsentenced=0.0, recall=0.0, indeterminate=0.0, immigration=0.0) -> dict[str, float]:
    shares = {
        REMAND: remand,
        UNSENTENCED: unsentenced,
        RECALL: recall,
        INDETERMINATE: indeterminate,
        IMMIGRATION: immigration,
    }
    return {**shares, DETERMINATE: 1 - sum(shares.values())}


POPULATIONS: dict[str, Population] = {
    C.B_LOCAL: Population(
        _status(remand=0.46, unsentenced=0.08, recall=0.22, indeterminate=0.02, immigration=0.006),
        violent_share=0.35,
        releases_per_place=0.6,
        security={"B": 0.55, "C": 0.45},
    ),
    C.HIGH_SECURITY: Population(
        _status(remand=0.10, recall=0.03, indeterminate=0.45),
        violent_share=0.65,
        lengths=LONG_LENGTHS,
        served_from=0.0,
        releases_per_place=0.04,
        security={"A": 0.1, "B": 0.9},
        extended_share=0.25,
    ),
    C.B_TRAINER: Population(
        _status(recall=0.06, indeterminate=0.28),
        violent_share=0.6,
        lengths=LONG_LENGTHS,
        served_from=0.1,
        releases_per_place=0.1,
        security={"B": 0.85, "C": 0.15},
        extended_share=0.2,
    ),
    C.C: Population(
        _status(recall=0.10, indeterminate=0.12),
        violent_share=0.45,
        lengths=LONG_LENGTHS,
        served_from=0.25,
        releases_per_place=0.3,
        security={"C": 0.95, "D": 0.05},
        extended_share=0.15,
    ),
    C.C_RESETTLEMENT: Population(
        _status(remand=0.02, recall=0.14, indeterminate=0.07, immigration=0.005),
        violent_share=0.35,
        served_from=0.3,
        releases_per_place=0.5,
        security={"C": 0.95, "D": 0.05},
    ),
    C.D: Population(
        _status(indeterminate=0.15),
        violent_share=0.35,
        served_from=0.6,
        releases_per_place=0.8,
        security={"D": 1.0},
    ),
    C.YOUNG_OFFENDER: Population(
        _status(remand=0.2, recall=0.08, indeterminate=0.03),
        violent_share=0.6,
        ages=YOUNG_AGES,
        releases_per_place=0.4,
        security={"B": 0.3, "C": 0.7},
    ),
    C.FEMALE_CLOSED: Population(
        _status(remand=0.30, unsentenced=0.05, recall=0.15, indeterminate=0.03),
        violent_share=0.3,
        releases_per_place=0.8,
        security={},
    ),
    C.FEMALE_OPEN: Population(
        _status(indeterminate=0.10),
        violent_share=0.3,
        served_from=0.6,
        releases_per_place=0.8,
        security={},
    ),
}

# HMP Dartmoor: a category C trainer for long-sentence men, most convicted of sexual offences (A2, A11:
# 84% serving over four years in 2020); over 200 released a year from about 633 (A4).
DARTMOOR = Population(
    _status(recall=0.06, indeterminate=0.06),
    violent_share=0.5,
    lengths=DARTMOOR_LENGTHS,
    served_from=0.0,
    ages=OLDER_AGES,
    releases_per_place=0.36,
    security={"C": 0.97, "D": 0.03},
    extended_share=0.2,
)

RESETTLEMENT_PRACTICE = Practice(
    pom_allocated=0.93,
    com_in_window=0.9,
    com_early=0.12,
    mappa_level_within_6_months=0.92,
    mappa_level_6_to_9_months=0.6,
    mappa_level_earlier=0.05,
    mappa_category_missing=0.01,
    plan_within_3_months=0.9,
    plan_confirmed=0.85,
    plan_3_to_6_months=0.35,
    housed_on_release=0.86,
    release_area_at_home=0.85,
)
# Rulebook A5: a prison that is not a resettlement prison lacks the resources for pre-release planning.
OTHER_PRACTICE = Practice(
    pom_allocated=0.9,
    com_in_window=0.8,
    com_early=0.08,
    mappa_level_within_6_months=0.85,
    mappa_level_6_to_9_months=0.5,
    mappa_level_earlier=0.04,
    mappa_category_missing=0.01,
    plan_within_3_months=0.75,
    plan_confirmed=0.75,
    plan_3_to_6_months=0.25,
    housed_on_release=0.83,
    release_area_at_home=0.5,
)
# Rulebook A6, A7, A10: planning "unplanned, rushed and poor", risk reviews last-minute, men not knowing
# where they would live, "far too many" released homeless. Men come from all over (A5).
DARTMOOR_PRACTICE = Practice(
    pom_allocated=0.85,
    com_in_window=0.55,
    com_early=0.04,
    mappa_level_within_6_months=0.45,
    mappa_level_6_to_9_months=0.2,
    mappa_level_earlier=0.02,
    mappa_category_missing=0.04,
    plan_within_3_months=0.45,
    plan_confirmed=0.55,
    plan_3_to_6_months=0.1,
    housed_on_release=0.7,
    release_area_at_home=0.35,
)


def population_for(prison: PrisonSpec) -> Population:
    return DARTMOOR if prison.code == "DAI" else POPULATIONS[prison.category]


def practice_for(prison: PrisonSpec) -> Practice:
    if prison.code == "DAI":
        return DARTMOOR_PRACTICE
    return RESETTLEMENT_PRACTICE if prison.is_resettlement_prison else OTHER_PRACTICE
