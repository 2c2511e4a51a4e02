"""Receptions forecast and convolution, and the back-test's error measures (issue 11)."""

import numpy as np

from resettle.rules.projection.backtest import errors_by_horizon
from resettle.rules.projection.receptions import (
    forecast_receptions,
    held_from_receptions,
    releases_of_receptions,
    stay_shares,
)


def test_a_steady_series_is_forecast_at_its_level():
    forecast = forecast_receptions(np.full((1, 12), 20.0), 6)
    assert np.allclose(forecast, 20, atol=0.5)


def test_two_years_with_a_season_forecast_the_season():
    season = np.tile([10, 10, 30, 10, 10, 10, 10, 10, 10, 10, 10, 10], 3).astype(float)
    forecast = forecast_receptions(season[None, :], 12)[0]
    assert forecast[2] > 2 * forecast[5]


def test_no_history_forecasts_nothing():
    assert forecast_receptions(np.zeros((2, 2)), 3).sum() == 0


def test_releases_of_receptions_convolve_the_stay():
    forecast = np.array([[10.0, 10.0, 10.0, 10.0]])
    shares = np.array([[0.0, 0.5, 0.5]])  # half go after one month, half after two
    released = releases_of_receptions(forecast, shares)
    assert released.tolist() == [[0.0, 5.0, 10.0, 10.0]]
    assert held_from_receptions(forecast, released).tolist() == [[10.0, 15.0, 15.0, 15.0]]


def test_stay_shares_never_release_more_than_were_received():
    shares = stay_shares(np.array([[30.0, 30.0], [0.0, 6.0]]), np.array([4.0, 2.0]), 12)
    assert np.isclose(shares[0].sum(), 1) and np.isclose(shares[1, 1], 0.25)


def test_backtest_mape_and_coverage_by_horizon():
    actual = np.array([[10.0, 0.0], [20.0, 4.0]])
    mean = np.array([[12.0, 1.0], [20.0, 2.0]])
    errors = errors_by_horizon(mean, mean - 1, mean + 1, actual)
    assert errors[0].mape == 10.0 and errors[0].coverage == 50.0
    assert errors[1].cells == 1 and errors[1].mape == 50.0 and errors[1].coverage == 50.0
