"""Who needs a transfer and where he may go (rulebook §4.1: a resettlement prison in his home area 12 weeks
before release; issue 10's suitability rules)."""

from datetime import timedelta

from resettle.rules.planning.estate import distance_km, why_unsuitable
from resettle.rules.planning.needs import Rank, UnplacedReason, transfer_need

from .builders import AS_OF, FAR, HOME, HORIZON, east, man, prison, release_in_weeks

AREA = prison("ARE", serves={"P1"}, km=5)
REGION = prison("REG", km=40)
ELSEWHERE = [prison(f"E{i}", region="R2", km=100 + 20 * i) for i in range(5)]
ESTATE = {p.code: p for p in (FAR, AREA, REGION, *ELSEWHERE)}


def need_of(m, weeks=20, estate=ESTATE, **kw):
    return transfer_need(m, release_on=release_in_weeks(weeks), prisons=estate, horizon=HORIZON, **kw)


def test_no_need_when_already_in_a_resettlement_prison_serving_his_release_area():
    assert need_of(man("A1", at="ARE")) is None


def test_no_need_when_release_is_beyond_the_horizon():
    assert need_of(man("A1"), weeks=27) is None


def test_he_must_arrive_by_release_minus_12_weeks():
    need = need_of(man("A1"), weeks=20)
    assert need.latest_arrival == release_in_weeks(20) - timedelta(days=84)
    assert need.latest_week == 8


def test_destinations_are_ranked_area_then_region_then_the_three_nearest_elsewhere():
    need = need_of(man("A1"))
    assert [(d.prison, d.rank) for d in need.destinations] == [
        ("ARE", Rank.SERVES_RELEASE_AREA),
        ("REG", Rank.IN_RELEASE_REGION),
        ("E0", Rank.NEAREST_ELSEWHERE),
        ("E1", Rank.NEAREST_ELSEWHERE),
        ("E2", Rank.NEAREST_ELSEWHERE),
    ]


def test_a_man_already_in_a_resettlement_prison_of_his_region_is_offered_only_his_area():
    need = need_of(man("A1", at="REG"))
    assert [d.prison for d in need.destinations] == ["ARE"]


def test_nothing_is_offered_that_is_further_from_home_than_where_he_is():
    near_home = prison("NEA", region="R3", resettlement=False, km=90)
    estate = {**ESTATE, "NEA": near_home}
    need = need_of(man("A1", at="NEA", region="R1"), estate=estate)
    assert "E0" not in [d.prison for d in need.destinations]  # E0 is 100 km from home, he is 90 km


def test_a_man_convicted_of_a_sexual_offence_goes_only_where_such_men_are_held():
    estate = {"FAR": FAR, "ARE": prison("ARE", serves={"P1"}, sexual=False)}
    need = need_of(man("A1", sexual=True), estate=estate)
    assert need.refused == UnplacedReason.NO_SUITABLE_PRISON
    assert "1 do not hold men convicted of sexual offences" in need.refused_because


def test_too_late_when_release_minus_12_weeks_has_passed():
    need = need_of(man("A1"), weeks=11)
    assert need.refused == UnplacedReason.TOO_LATE


def test_category_a_and_recorded_holds_are_excluded_with_the_reason():
    assert need_of(man("A1", category="A")).refused == UnplacedReason.EXCLUDED
    held = need_of(man("A2"), excluded_because="On hold for court: trial 3 March")
    assert (held.refused, held.refused_because) == (
        UnplacedReason.EXCLUDED,
        "On hold for court: trial 3 March",
    )


def test_no_release_area_is_a_reason_not_a_crash():
    need = need_of(man("A1", area=None, region=None))
    assert need.refused == UnplacedReason.NO_RELEASE_AREA


def test_a_prison_with_no_capacity_recorded_is_not_offered():
    estate = {"FAR": FAR, "ARE": prison("ARE", serves={"P1"}, capacity=None)}
    need = need_of(man("A1"), estate=estate)
    assert need.refused == UnplacedReason.NO_SUITABLE_PRISON
    assert "no operational capacity recorded" in need.refused_because


def test_a_rejected_prison_is_not_offered_again():
    need = need_of(man("A1"), rejected=frozenset({"ARE"}))
    assert "ARE" not in [d.prison for d in need.destinations]


def test_suitability_estate_category_and_age():
    assert why_unsuitable(man("A1", sex="FEMALE"), prison("X")) == "are in the other estate"
    assert (
        why_unsuitable(man("A1", category="B"), prison("X", category="D")) == "hold another security category"
    )
    assert why_unsuitable(man("A1", category="D"), prison("X", category="B_LOCAL")) is None
    assert (
        why_unsuitable(man("A1", age=25), prison("X", category="YOI")) == "hold only young adults (under 21)"
    )
    assert why_unsuitable(man("A1", age=19), prison("X", category="YOI")) is None
    women_open = prison("W", estate="FEMALE", category="FEMALE_OPEN")
    assert (
        why_unsuitable(man("A1", sex="FEMALE", category="C"), women_open) == "hold another security category"
    )
    assert why_unsuitable(man("A1", sex="FEMALE", category="D"), women_open) is None


def test_distance_is_straight_line_and_unknown_without_coordinates():
    assert 69 < distance_km(HOME, east(70)) < 71
    assert distance_km(HOME, None) is None
    assert AS_OF.weekday() == 0  # the builders' plan starts on a Monday
