"""The transfer plan's optimiser on estates small enough to know the optimum by hand (issue 10)."""

from datetime import timedelta

from resettle.rules.planning.needs import Rank, UnplacedReason
from resettle.rules.planning.places import usable_places, weekly_free_places
from resettle.rules.planning.transfers import (
    RANK_STEP,
    WEEK_COST,
    placement_cost,
    plan_transfers,
    unplaced_cost,
)

from .builders import AS_OF, flat, man, prison, problem, release_in_weeks

AREA = prison("ARE", serves={"P1"}, km=5)
REGION = prison("REG", km=40)


def by_man(plan):
    return {p.prison_number: p for p in plan.placements}


def test_capacity_exactly_binding_sends_the_second_man_to_his_region():
    """One place in his area, two men: one goes to the area prison (rank 1, 5 km: cost 5), the other to the
    region (rank 2, 40 km: 1,000,000 + 40). Total 1,000,045; nobody unplaced."""
    p = problem(
        [(man("A1"), release_in_weeks(20)), (man("A2"), release_in_weeks(20))],
        [AREA, REGION],
        {"ARE": flat(1), "REG": flat(5)},
    )
    plan = plan_transfers(p)
    assert sorted(pl.to_prison for pl in plan.placements) == ["ARE", "REG"]
    assert plan.objective == 5 + RANK_STEP + 40
    assert plan.unplaced == ()


def test_ties_fill_the_places_and_count_the_shortfall():
    """Three identical men, two places anywhere: two placed at 5 each; one unplaced, every prison full."""
    men = [(man(f"A{i}"), release_in_weeks(20)) for i in range(3)]
    plan = plan_transfers(problem(men, [AREA], {"ARE": flat(2)}))
    assert len(plan.placements) == 2
    [left] = plan.unplaced
    assert left.reason == UnplacedReason.ALL_FULL
    assert "HMP ARE" in " ".join(left.because) and "all 2 taken by this plan" in " ".join(left.because)
    assert plan.objective == 5 + 5 + unplaced_cost(problem(men, [AREA], {"ARE": flat(2)}).needs, 26)


def test_a_man_with_no_suitable_prison_and_a_too_late_man_are_unplaced_with_their_reasons():
    no_sex_offenders = prison("ARE", serves={"P1"}, sexual=False)
    plan = plan_transfers(
        problem(
            [(man("S1", sexual=True), release_in_weeks(20)), (man("L1"), release_in_weeks(10))],
            [no_sex_offenders],
            {"ARE": flat(9)},
        )
    )
    reasons = {u.prison_number: u.reason for u in plan.unplaced}
    assert reasons == {"S1": UnplacedReason.NO_SUITABLE_PRISON, "L1": UnplacedReason.TOO_LATE}
    assert plan.placements == ()


def test_places_appearing_later_go_to_the_man_who_can_wait():
    """No place now; one appears in week 2 and one in week 6. A1 must arrive by week 3 (release in 15
    weeks), A2 by week 12. The earliest-deadline man takes week 2; A2 arrives in week 6."""
    free = [0, 0, 1, 1, 1, 1] + flat(2, 20)
    plan = plan_transfers(
        problem([(man("A2"), release_in_weeks(24)), (man("A1"), release_in_weeks(15))], [AREA], {"ARE": free})
    )
    placed = by_man(plan)
    assert (placed["A1"].week, placed["A2"].week) == (2, 6)
    assert placed["A1"].arrives_on == AS_OF + timedelta(weeks=2)
    assert plan.objective == 2 * 5 + (2 + 6) * WEEK_COST


def test_earlier_arrival_beats_distance_but_rank_beats_earlier_arrival():
    """The area prison has a place only from week 5; the region has one now. Rank wins: he waits."""
    plan = plan_transfers(
        problem(
            [(man("A1"), release_in_weeks(24))],
            [AREA, REGION],
            {"ARE": [0] * 5 + flat(1, 21), "REG": flat(1)},
        )
    )
    [placed] = plan.placements
    assert (placed.to_prison, placed.week) == ("ARE", 5)
    assert "Best alternative" not in " ".join(placed.because)


def test_a_place_later_taken_by_a_planned_arrival_cannot_be_used_now():
    """One free place this week, but a transfer already agreed arrives in week 3 and takes it: arrivals now
    would overfill week 3, so nothing is free for the plan."""
    free = weekly_free_places(capacity=10, population=9, release_weeks=[], in_weeks=[3], weeks=6)
    assert free == (1, 1, 1, 0, 0, 0)
    assert usable_places(free) == (0, 0, 0, 0, 0, 0)


def test_releases_free_a_place_from_the_following_week():
    free = weekly_free_places(capacity=10, population=10, release_weeks=[0, 2, -3], out_weeks=[1], weeks=4)
    assert free == (0, 2, 3, 4)


def test_the_explanation_names_the_best_alternative_that_was_full():
    p = problem(
        [(man("A1"), release_in_weeks(20)), (man("A2"), release_in_weeks(22))],
        [AREA, REGION],
        {"ARE": flat(1), "REG": flat(5)},
    )
    plan = plan_transfers(p)
    second = next(pl for pl in plan.placements if pl.to_prison == "REG")
    assert second.destination.rank == Rank.IN_RELEASE_REGION
    assert (
        "Best alternative: HMP ARE" in second.because[1] and "all 1 taken by this plan" in second.because[1]
    )


def test_placement_cost_orders_rank_above_week_above_distance():
    from resettle.rules.planning.needs import Destination

    near_late = placement_cost(Destination("X", Rank.SERVES_RELEASE_AREA, 900.0), 25)
    region_now = placement_cost(Destination("Y", Rank.IN_RELEASE_REGION, 0.0), 0)
    assert near_late < region_now
    assert placement_cost(Destination("X", Rank.SERVES_RELEASE_AREA, 999.0), 0) < placement_cost(
        Destination("X", Rank.SERVES_RELEASE_AREA, 0.0), 1
    )


def test_an_empty_problem_is_an_empty_plan():
    plan = plan_transfers(problem([], [AREA], {"ARE": flat(3)}))
    assert (plan.placements, plan.unplaced, plan.objective) == ((), (), 0)


def test_an_agreed_move_frees_his_place_once_and_only_certain_releases_free_places():
    """Rulebook §4.1 capacity, cautious: a man moving out in week 2 frees his place from week 3 and his
    later release there is not counted again; a man whose date is only a PED frees nothing."""
    from resettle.rules.planning.problem import AgreedTransfer, InCustody, build_problem

    from .builders import HORIZON
    from .builders import man as man_facts

    home = prison("HOM", serves={"P1"}, capacity=10)
    movers = [
        InCustody(man_facts("M1", at="FAR"), release_in_weeks(17)),
        InCustody(man_facts("P1", at="FAR"), release_in_weeks(5), release_is_certain=False),
    ]
    far = prison("FAR", region="R9", resettlement=False, capacity=10)
    problem_, _ = build_problem(
        horizon=HORIZON,
        prisons={"FAR": far, "HOM": home},
        population={"FAR": 10, "HOM": 0},
        releasing=movers,
        agreed=[AgreedTransfer("M1", "FAR", "HOM", release_in_weeks(2))],
    )
    assert problem_.free_places["FAR"][:4] == (0, 0, 0, 1)
    assert max(problem_.free_places["FAR"]) == 1
    assert problem_.free_places["HOM"][2] == 9  # his arrival takes a place from week 2
