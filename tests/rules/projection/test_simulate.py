"""The release projection's Monte Carlo (issue 11): exact with certain rates, the analytic expectation in
the mean, reproducible by seed, and bands in order."""

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from resettle.rules.projection.bands import band, by_scope
from resettle.rules.projection.calendar import Calendar
from resettle.rules.projection.cohort import Cohort, Man, Mappa, Rosh, Route
from resettle.rules.projection.rates import Rates, Scenario, drawn_rates, published_rates, scenario_rates
from resettle.rules.projection.simulate import planned_releases, simulate

AS_OF = date(2027, 1, 1)
CALENDAR = Calendar(AS_OF, 24)


def certain(**changes) -> Rates:
    """Rates at 0 or 1 only: every route is decided."""
    base = published_rates().with_changes(
        hdc_approval=0.0,
        hdc_delay_days=0,
        parole_release_per_hearing=1.0,
        indeterminate_release_per_hearing=1.0,
        recall_within_year=0.0,
    )
    return base.with_changes(**changes)


def month(day: date) -> int:
    return (day.year - AS_OF.year) * 12 + day.month - AS_OF.month


def on(months: int, day: int = 10) -> date:
    return date(AS_OF.year + (AS_OF.month - 1 + months) // 12, (AS_OF.month - 1 + months) % 12 + 1, day)


KNOWN = [
    Man(prison=0, route=Route.AUTOMATIC, released_by=on(0)),
    Man(prison=0, route=Route.AUTOMATIC, released_by=on(5), hdced=on(2)),
    Man(prison=1, route=Route.PAROLE, released_by=on(20), hearing_on=on(7)),
    Man(prison=1, route=Route.RECALLED, released_by=on(3)),
    Man(prison=1, route=Route.INDETERMINATE, hearing_on=on(11)),
    Man(prison=1, route=Route.UNDATED),
    Man(prison=0, route=Route.AUTOMATIC, released_by=on(30)),  # beyond the horizon
]


def releases(cohort, rates, paths=3, seed=1):
    return simulate(cohort, rates, CALENDAR, paths=paths, seed=seed).series["releases"]


def test_certain_rates_give_the_known_release_months_exactly_on_every_path():
    cohort = Cohort.of(KNOWN, as_of=AS_OF, prisons=2)
    expected = np.zeros((2, 24), int)
    for prison, m in ((0, 0), (0, 5), (1, 7), (1, 3), (1, 11)):
        expected[prison, m] += 1
    assert (releases(cohort, certain()) == expected).all()


def test_hdc_approved_for_all_releases_at_the_hdced_plus_the_delay():
    cohort = Cohort.of(KNOWN, as_of=AS_OF, prisons=2)
    counted = releases(cohort, certain(hdc_approval=1.0, hdc_delay_days=0))
    assert counted[:, 0, 2].tolist() == [1, 1, 1] and counted[:, 0, 5].tolist() == [0, 0, 0]


def test_parole_never_directed_leaves_the_crd_and_an_indeterminate_man_in_custody():
    cohort = Cohort.of(KNOWN, as_of=AS_OF, prisons=2)
    counted = releases(cohort, certain(parole_release_per_hearing=0.0, indeterminate_release_per_hearing=0.0))
    assert counted[0, 1].sum() == 2  # the recall at month 3 and the CRD at month 20
    assert counted[0, 1, 20] == 1


def test_a_date_already_passed_releases_in_the_first_month():
    cohort = Cohort.of(
        [Man(prison=0, route=Route.AUTOMATIC, released_by=AS_OF - timedelta(days=40))], as_of=AS_OF, prisons=1
    )
    assert releases(cohort, certain())[0, 0, 0] == 1


def test_the_undated_are_counted_not_projected():
    cohort = Cohort.of(KNOWN, as_of=AS_OF, prisons=2)
    assert cohort.undated_by_prison.tolist() == [0, 1]
    assert len(cohort) == 6


def test_planned_releases_put_a_parole_case_at_his_ped():
    cohort = Cohort.of(KNOWN, as_of=AS_OF, prisons=2)
    assert planned_releases(cohort, CALENDAR)[1, 7] == 1


def test_the_mean_converges_to_the_analytic_expectation_for_parole():
    """PED in month 2, reviews yearly, CRD in month 20: released at month 2 with p, month 14 with (1-p)p,
    at the CRD with (1-p)^2."""
    p = 0.3
    men = [Man(prison=0, route=Route.PAROLE, released_by=on(20), hearing_on=on(2))] * 200
    cohort = Cohort.of(men, as_of=AS_OF, prisons=1)
    rates = certain(parole_release_per_hearing=p, parole_review_days=365)
    mean = releases(cohort, rates, paths=400, seed=3).mean(axis=0)[0] / 200
    expected = {2: p, 14: (1 - p) * p, 20: (1 - p) ** 2}
    for m, share in expected.items():
        assert abs(mean[m] - share) < 0.01, (m, mean[m], share)
    assert abs(mean.sum() - 1) < 1e-9


def test_recall_share_within_a_year_converges_to_its_rate():
    men = [Man(prison=0, route=Route.AUTOMATIC, released_by=on(0, 1), licence_ends=on(23, 1))] * 500
    cohort = Cohort.of(men, as_of=AS_OF, prisons=1)
    simulated = simulate(cohort, certain(recall_within_year=0.25), CALENDAR, paths=200, seed=5)
    first_year = simulated.series["recalls"][:, 0, :12].sum(axis=1).mean() / 500
    assert abs(first_year - 0.25) < 0.02


def test_same_seed_same_figures_and_another_seed_others():
    cohort = Cohort.of(KNOWN * 50, as_of=AS_OF, prisons=2)
    rates = published_rates()
    first, again = releases(cohort, rates, paths=40, seed=9), releases(cohort, rates, paths=40, seed=9)
    assert (first == again).all()
    assert not (first == releases(cohort, rates, paths=40, seed=10)).all()


def test_approved_premises_beds_hold_arrivals_for_the_placement_length():
    """A high-RoSH man released on 10 January takes a bed at the ends of January, February and March
    (84 days), not April."""
    man = Man(prison=0, route=Route.AUTOMATIC, released_by=on(0), rosh=Rosh.HIGH)
    simulated = simulate(Cohort.of([man], as_of=AS_OF, prisons=1), certain(), CALENDAR, paths=1, seed=1)
    assert simulated.series["approved_premises_beds"][0, 0, :4].tolist() == [1, 1, 1, 0]
    assert simulated.series["approved_premises_arrivals"][0, 0, 0] == 1


def test_com_caseload_counts_custody_after_handover_and_licence():
    man = Man(
        prison=0,
        route=Route.AUTOMATIC,
        released_by=on(6),
        handover_on=on(2),
        licence_ends=on(12),
        mappa=Mappa.LEVEL_NOT_SET,
    )
    simulated = simulate(Cohort.of([man], as_of=AS_OF, prisons=1), certain(), CALENDAR, paths=1, seed=1)
    com = simulated.series["com_caseload"][0, 0]
    assert com[:2].tolist() == [0, 0] and com[2:12].tolist() == [1] * 10 and com[12] == 0
    assert simulated.series["pom_caseload"][0, 0, 5] == 1 and simulated.series["pom_caseload"][0, 0, 6] == 0
    assert simulated.series["handovers_due"][0, 0, 2] == 1
    assert simulated.series["mappa_level_setting_due"][0, 0, 0] == 1  # six months before month 6


@given(st.lists(st.integers(0, 50), min_size=2, max_size=60), st.integers(1, 6))
def test_bands_are_ordered(values, months):
    paths = np.array(values, dtype=float).reshape(-1, 1, 1).repeat(months, axis=2)
    figures = band(paths)
    assert (figures.p10 <= figures.p50).all() and (figures.p50 <= figures.p90).all()


def test_a_regions_band_is_of_its_summed_paths():
    paths = np.random.default_rng(1).poisson(5, (200, 3, 2))
    prisons, regions, national = by_scope(paths, np.array([0, 0, 1]), 2)
    assert np.allclose(regions.mean[0], paths[:, :2].sum(axis=1).mean(axis=0))
    assert np.allclose(national.p50[0], np.percentile(paths.sum(axis=1), 50, axis=0))
    assert (regions.p90[0] <= prisons.p90[:2].sum(axis=0)).all()


def test_the_low_scenario_releases_no_more_than_the_high():
    cohort = Cohort.of(KNOWN * 40, as_of=AS_OF, prisons=2)
    central = published_rates()
    low = (
        releases(cohort, scenario_rates(central, Scenario.LOW), paths=100)[:, :, :12].sum(axis=(1, 2)).mean()
    )
    high = (
        releases(cohort, scenario_rates(central, Scenario.HIGH), paths=100)[:, :, :12].sum(axis=(1, 2)).mean()
    )
    assert low < high


def test_a_share_outside_0_to_1_is_refused_by_name():
    with pytest.raises(ValueError, match="hdc_approval"):
        published_rates().with_changes(hdc_approval=1.5)


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_drawn_rates_stay_between_the_scenarios(seed):
    """The doubt about a rate reaches its low and high figures and no further; a rate the scenarios leave
    alone (approved-premises days: 84 in all three) is never drawn."""
    central = published_rates()
    low, high = scenario_rates(central, Scenario.LOW), scenario_rates(central, Scenario.HIGH)
    drawn = drawn_rates(central, low, high, np.random.default_rng(seed))
    for name, value in drawn.as_dict().items():
        left, right = sorted((getattr(low, name), getattr(high, name)))
        assert min(left, getattr(central, name)) <= value <= max(right, getattr(central, name)), name
    assert drawn.approved_premises_days == central.approved_premises_days == 84


def test_doubt_about_the_rates_widens_the_band_and_leaves_the_mean_near():
    """Parole cases at one hearing: with p = 0.3 fixed the spread of releases is binomial; drawing p
    between 0.2 and 0.4 per chunk of paths adds the doubt about p to it."""
    men = [Man(prison=0, route=Route.PAROLE, released_by=on(30), hearing_on=on(2))] * 300
    cohort = Cohort.of(men, as_of=AS_OF, prisons=1)
    central = certain(parole_release_per_hearing=0.3)
    doubt = (
        central.with_changes(parole_release_per_hearing=0.2),
        central.with_changes(parole_release_per_hearing=0.4),
    )
    fixed = simulate(cohort, central, CALENDAR, paths=500, seed=2).series["releases"][:, 0, 2]
    doubted = simulate(cohort, central, CALENDAR, paths=500, seed=2, doubt=doubt).series["releases"][:, 0, 2]
    assert doubted.std() > 1.5 * fixed.std()
    assert abs(doubted.mean() - fixed.mean()) < 0.05 * 300
