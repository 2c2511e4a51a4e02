"""The facts the inspection measures read, one record a man: men released in the period (`Released`) and
men held on its last day (`Held`). Built by resettle.reports.facts in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class OffenceGroup(StrEnum):
    """The inspectorate's split: a sexual offence first, then a violent one, else other."""

    SEXUAL = "sexual"
    VIOLENT = "violent"
    OTHER = "other"


OFFENCE_GROUP_WORDS = {
    OffenceGroup.SEXUAL: "Sexual offence",
    OffenceGroup.VIOLENT: "Violent offence",
    OffenceGroup.OTHER: "Other offence",
}


def offence_group(*, sexual: bool, violent: bool) -> OffenceGroup:
    return OffenceGroup.SEXUAL if sexual else OffenceGroup.VIOLENT if violent else OffenceGroup.OTHER


class MappaGroup(StrEnum):
    NOT_MAPPA = "not-mappa"
    LEVEL_1 = "level-1"
    LEVEL_2 = "level-2"
    LEVEL_3 = "level-3"
    LEVEL_NOT_SET = "level-not-set"


MAPPA_GROUP_WORDS = {
    MappaGroup.NOT_MAPPA: "Not MAPPA",
    MappaGroup.LEVEL_1: "Level 1",
    MappaGroup.LEVEL_2: "Level 2",
    MappaGroup.LEVEL_3: "Level 3",
    MappaGroup.LEVEL_NOT_SET: "Level not set",
}


def mappa_group(category: int | None, level: int | None) -> MappaGroup:
    """Level 0 means "not relevant" in Manage POM Cases, never a management level (rulebook §1.6)."""
    if category is None:
        return MappaGroup.NOT_MAPPA
    return {1: MappaGroup.LEVEL_1, 2: MappaGroup.LEVEL_2, 3: MappaGroup.LEVEL_3}.get(
        level, MappaGroup.LEVEL_NOT_SET
    )


@dataclass(frozen=True)
class Man:
    """What every measure may split by, and who he is (for the drill-down)."""

    person_id: int
    offence: OffenceGroup
    mappa: MappaGroup

    @property
    def under_mappa(self) -> bool:
        return self.mappa != MappaGroup.NOT_MAPPA


@dataclass(frozen=True)
class Released(Man):
    released_on: date
    # None: no release area recorded, so whether the prison serves it cannot be said.
    from_resettlement_prison_for_area: bool | None = None
    mappa_level_set_on: date | None = None
    accommodation_on_release: str = ""  # an AccommodationCategory, "" not recorded
    accommodation_at_3_months: str = ""
    approved_premises_applied_on: date | None = None
    approved_premises_arrival_on: date | None = None
    day_one_appointment: bool = False


@dataclass(frozen=True)
class Held(Man):
    sexual_offence: bool = False
    mappa_eligible: bool = False  # the readiness evaluation's: an offence or sentence MAPPA covers
    maintains_innocence: bool = False
    intervention_outcome: str | None = None  # None: no offer recorded; "" offered, no outcome yet
    rosh_assessed_on: date | None = None
    earliest_release: date | None = None
    in_resettlement_prison_for_area: bool | None = None
    handover_on: date | None = None
    com_allocated: bool = False
