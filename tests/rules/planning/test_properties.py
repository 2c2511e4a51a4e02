"""Properties of the transfer plan on random estates (issue 10's bars): no prison over its free places in
any week, every placed man arrives by release − 12 weeks, and the flow's optimum equals HiGHS's on the
week-by-week statement of the same problem."""

from hypothesis import given
from hypothesis import strategies as st

from resettle.rules.planning.reference import solve_with_highs
from resettle.rules.planning.transfers import plan_transfers

from .builders import man, prison, problem, release_in_weeks

WEEKS = 26


@st.composite
def instances(draw):
    n_prisons = draw(st.integers(1, 4))
    prisons = [
        prison(
            f"P{i}",
            region=draw(st.sampled_from(["R1", "R2"])),
            serves={"P1"} if draw(st.booleans()) else set(),
            sexual=draw(st.booleans()),
            km=draw(st.floats(1, 400)),
        )
        for i in range(n_prisons)
    ]
    free = {p.code: [draw(st.integers(-1, 3)) for _ in range(WEEKS)] for p in prisons}
    men = [
        (
            man(f"A{i}", sexual=draw(st.booleans())),
            release_in_weeks(draw(st.integers(10, 26)), draw(st.integers(0, 6))),
        )
        for i in range(draw(st.integers(0, 9)))
    ]
    return problem(men, prisons, free)


@given(instances())
def test_no_week_is_overfilled_and_everyone_arrives_in_time(p):
    plan = plan_transfers(p)
    for code, arrivals in plan.arrivals.items():
        total = 0
        for week, count in enumerate(arrivals):
            total += count
            assert total <= max(0, min(p.free_places[code][week:])), (code, week)
    needs = {need.prison_number: need for need in p.needs}
    for placement in plan.placements:
        assert placement.arrives_on <= needs[placement.prison_number].latest_arrival
        assert placement.to_prison in {d.prison for d in needs[placement.prison_number].destinations}
    assert len(plan.placements) + len(plan.unplaced) == len(p.needs)


@given(instances())
def test_the_flow_is_optimal_against_highs(p):
    plan = plan_transfers(p)
    reference = solve_with_highs(p)
    assert plan.objective == reference.objective
    assert len(plan.placements) == reference.placed
