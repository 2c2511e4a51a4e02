"""Men not yet received: receptions forecast per prison and month from the stored history, and the
releases they bring within the horizon, by convolving the forecast with the time men serve.

The forecast is Holt-Winters exponential smoothing with an additive 12-month season (statsmodels) where a
prison has two full years of history, simple exponential smoothing where it has at least three months,
and none where it has less. `stay_shares[p, k]` is the share of a prison's receptions released k whole
months after reception: releases in the fitting window by months served, over the receptions that could
have produced them (the window's mean monthly receptions times its length), which holds while the flow is
steady.
"""

import warnings

import numpy as np
from statsmodels.tsa.holtwinters import ExponentialSmoothing, SimpleExpSmoothing

SEASON = 12
MINIMUM_HISTORY = 3


def _forecast_one(history: np.ndarray, months: int) -> np.ndarray:
    if history.size < MINIMUM_HISTORY or not history.any():
        return np.zeros(months)
    with warnings.catch_warnings():
        # Short or flat series make the optimiser warn; the forecast is still the best it found.
        warnings.simplefilter("ignore")
        if history.size >= 2 * SEASON:
            fitted = ExponentialSmoothing(
                history.astype(float), trend=None, seasonal="add", seasonal_periods=SEASON
            ).fit()
        else:
            fitted = SimpleExpSmoothing(history.astype(float), initialization_method="estimated").fit()
        return np.clip(np.asarray(fitted.forecast(months)), 0, None)


def forecast_receptions(history: np.ndarray, months: int) -> np.ndarray:
    """history: (prisons, past months), oldest first. Returns (prisons, months) expected receptions."""
    return np.array([_forecast_one(row, months) for row in history]).reshape(len(history), months)


def stay_shares(released_by_months_served: np.ndarray, mean_receptions: np.ndarray, window_months: int):
    """released_by_months_served: (prisons, k) releases in the window by whole months served;
    mean_receptions: (prisons,) mean monthly receptions in the window. Returns (prisons, k) shares, which
    are scaled down where they would sum past 1 (a prison whose releases outrun its receptions)."""
    exposure = (mean_receptions * window_months)[:, None]
    shares = np.divide(
        released_by_months_served, exposure, out=np.zeros(released_by_months_served.shape), where=exposure > 0
    )
    total = shares.sum(axis=1, keepdims=True)
    return np.where(total > 1, shares / np.where(total > 0, total, 1), shares)


def releases_of_receptions(forecast: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Expected releases (prisons, months) of the men received in each forecast month: a man received in
    month j and released k months later leaves in month j + k."""
    prisons, months = forecast.shape
    released = np.zeros((prisons, months))
    for k in range(min(shares.shape[1], months)):
        released[:, k:] += forecast[:, : months - k] * shares[:, k : k + 1]
    return released


def held_from_receptions(forecast: np.ndarray, released: np.ndarray) -> np.ndarray:
    """Expected men received during the horizon and still held at each month's end."""
    return np.cumsum(forecast, axis=1) - np.cumsum(released, axis=1)
