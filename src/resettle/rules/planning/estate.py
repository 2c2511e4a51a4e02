"""Which prison may hold which man, and how far a prison is from his release area.

The suitability rules are the ones a transfer must respect (issue 10, rulebook §4.1): the men's or women's
estate, the security category, whether the prison holds men convicted of sexual offences, and age where the
estate says so (a young offender institution holds men under 21). They are kept as small pure functions so
the plan can say which one ruled a prison out.
"""

from dataclasses import dataclass
from math import asin, cos, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0088

# Security category of the man → prison categories that may hold him. A man may be held in conditions more
# secure than his category needs (a category C man in a local category B prison) but never less. The
# rulebook gives no table for this: it is the estate's ordinary practice, marked [M] (believed right, not
# verified) like the rulebook's own unverified figures, and kept here as data so it can be corrected.
# Category A men are not planned here: their moves are decided by the Category A team (see needs.py).
HOLDS_CATEGORY = {
    "B": frozenset({"A", "B_LOCAL", "B"}),
    "C": frozenset({"B_LOCAL", "C", "C_RESETTLEMENT"}),
    "D": frozenset({"B_LOCAL", "C", "C_RESETTLEMENT", "D"}),
}
WOMENS_PRISONS = {"open": frozenset({"FEMALE_OPEN", "FEMALE_CLOSED"}), "closed": frozenset({"FEMALE_CLOSED"})}
YOUNG_OFFENDER_INSTITUTION = "YOI"
# A young offender institution holds young adults: men under 21 (Criminal Justice Act 1982; [M] whether
# every 18-20 year-old may also be held in an adult prison is left open: we allow it).
YOUNG_ADULT_AGE_LIMIT = 21


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


def distance_km(a: Point | None, b: Point | None) -> float | None:
    """Great-circle (straight-line) distance; None when either place has no coordinates."""
    if a is None or b is None:
        return None
    dlat = radians(b.latitude - a.latitude)
    dlon = radians(b.longitude - a.longitude)
    h = sin(dlat / 2) ** 2 + cos(radians(a.latitude)) * cos(radians(b.latitude)) * sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(sqrt(h))


@dataclass(frozen=True)
class PrisonFacts:
    """A prison as the transfer plan sees it."""

    code: str
    name: str
    region: str  # region code
    category: str  # estate.Prison.Category value
    estate: str  # MALE or FEMALE
    is_resettlement_prison: bool
    serves: frozenset[str]  # PDU codes of the release areas it serves
    holds_sexual_offences: bool
    location: Point | None = None
    operational_capacity: int | None = None  # None: not recorded


@dataclass(frozen=True)
class ManFacts:
    """A man in custody as the transfer plan sees him."""

    prison_number: str
    current_prison: str
    sex: str  # MALE or FEMALE; anything else is decided case by case (needs.py refuses it)
    age: int  # in whole years at the date of the plan
    security_category: str  # A to D; "" when not recorded
    convicted_of_sexual_offence: bool
    release_area: str | None  # PDU code
    release_region: str | None  # region code of that PDU
    release_area_location: Point | None


def why_unsuitable(man: ManFacts, prison: PrisonFacts) -> str | None:
    """The first rule that stops `prison` holding `man`, in words; None when it may hold him."""
    if prison.estate != man.sex:
        return "are in the other estate"
    if man.convicted_of_sexual_offence and not prison.holds_sexual_offences:
        return "do not hold men convicted of sexual offences"
    if prison.estate == "FEMALE":
        allowed = WOMENS_PRISONS["open" if man.security_category == "D" else "closed"]
        if prison.category not in allowed:
            return "hold another security category"
        return None
    if prison.category == YOUNG_OFFENDER_INSTITUTION:
        if man.age >= YOUNG_ADULT_AGE_LIMIT:
            return "hold only young adults (under 21)"
        return None
    if prison.category not in HOLDS_CATEGORY.get(man.security_category, frozenset()):
        return "hold another security category"
    return None
