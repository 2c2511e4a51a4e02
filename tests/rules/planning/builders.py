"""Small hand-made estates for the transfer plan's tests."""

from datetime import date, timedelta

from resettle.rules.planning.estate import ManFacts, Point, PrisonFacts
from resettle.rules.planning.needs import Horizon, transfer_need
from resettle.rules.planning.transfers import Problem

AS_OF = date(2027, 1, 4)
HORIZON = Horizon(as_of=AS_OF, weeks=26)

# Two regions 100 km apart, roughly: places along one line of latitude.
HOME = Point(51.0, -3.0)  # his release area, PDU "P1" in region "R1"


def east(km: float) -> Point:
    return Point(51.0, -3.0 + km / 70.0)  # about 70 km per degree of longitude at 51°N


def prison(
    code,
    *,
    region="R1",
    serves=(),
    resettlement=True,
    sexual=True,
    category="C",
    estate="MALE",
    km=10.0,
    capacity=500,
):
    return PrisonFacts(
        code=code,
        name=f"HMP {code}",
        region=region,
        category=category,
        estate=estate,
        is_resettlement_prison=resettlement,
        serves=frozenset(serves),
        holds_sexual_offences=sexual,
        location=east(km),
        operational_capacity=capacity,
    )


def man(number, *, at="FAR", area="P1", region="R1", sexual=False, category="C", age=40, sex="MALE"):
    return ManFacts(
        prison_number=number,
        current_prison=at,
        sex=sex,
        age=age,
        security_category=category,
        convicted_of_sexual_offence=sexual,
        release_area=area,
        release_region=region,
        release_area_location=HOME if area else None,
    )


FAR = prison("FAR", region="R9", resettlement=False, km=300)


def release_in_weeks(weeks: int, days: int = 0) -> date:
    return AS_OF + timedelta(weeks=weeks, days=days)


def problem(men_and_releases, prisons, free, *, horizon=HORIZON) -> Problem:
    estate = {p.code: p for p in (FAR, *prisons)}
    needs = tuple(
        need
        for m, release in men_and_releases
        if (need := transfer_need(m, release_on=release, prisons=estate, horizon=horizon)) is not None
    )
    return Problem(
        horizon=horizon,
        needs=needs,
        free_places={code: tuple(places) for code, places in free.items()},
        names={p.code: p.name for p in estate.values()},
    )


def flat(places: int, weeks: int = 26) -> list[int]:
    return [places] * weeks
