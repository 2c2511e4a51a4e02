"""Accommodation on release, in the categories of the MoJ accommodation-outcome statistics (MI014, MI015).

"Housed" on the night following release means any settled or temporary accommodation; it excludes
shelters, emergency hostels, campsites, squatting and rough sleeping (rulebook §4.4). The codes match
`resettle.plans.models.AccommodationCategory`.
"""

from enum import StrEnum


class AccommodationCategory(StrEnum):
    SETTLED = "SETTLED"
    OTHER_HOUSED = "OTHER_HOUSED"  # transient or temporary, formerly "other unsettled"
    APPROVED_PREMISES = "APPROVED_PREMISES"  # CAS1
    CAS = "CAS"  # bail or probation accommodation, CAS2 or CAS3
    HOMELESS = "HOMELESS"  # homeless, not rough sleeping
    ROUGH_SLEEPING = "ROUGH_SLEEPING"


HOUSED = frozenset(
    {
        AccommodationCategory.SETTLED,
        AccommodationCategory.OTHER_HOUSED,
        AccommodationCategory.APPROVED_PREMISES,
        AccommodationCategory.CAS,
    }
)

LABELS = {
    AccommodationCategory.SETTLED: "settled accommodation",
    AccommodationCategory.OTHER_HOUSED: "other housed (transient or temporary)",
    AccommodationCategory.APPROVED_PREMISES: "approved premises",
    AccommodationCategory.CAS: "bail or probation accommodation (CAS2 or CAS3)",
    AccommodationCategory.HOMELESS: "homeless, not rough sleeping",
    AccommodationCategory.ROUGH_SLEEPING: "rough sleeping",
}


def is_housed(category: AccommodationCategory) -> bool:
    """MI014: housed on the night following release."""
    return category in HOUSED


def describe(category: AccommodationCategory) -> str:
    housed = "housed" if is_housed(category) else "not housed"
    return f"{LABELS[category]} ({housed} under MI014)"
