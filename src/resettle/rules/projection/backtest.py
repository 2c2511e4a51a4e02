"""Back-testing a projection against what the history says happened: the absolute percentage error of
the mean and whether the 10th-90th percentile band held the actual figure, by months ahead."""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class HorizonError:
    months_ahead: int
    cells: int  # scopes (prisons, or the country) with an actual figure above zero
    mape: float  # mean absolute percentage error, in per cent
    coverage: float  # share of cells whose band held the actual figure, in per cent


def errors_by_horizon(
    mean: np.ndarray, p10: np.ndarray, p90: np.ndarray, actual: np.ndarray
) -> list[HorizonError]:
    """All arrays (scopes, months); months a scope had no releases are left out of the MAPE (it is
    undefined there) but counted for coverage."""
    errors = []
    for month in range(actual.shape[1]):
        counted = actual[:, month] > 0
        ape = np.abs(mean[counted, month] - actual[counted, month]) / actual[counted, month]
        held = (p10[:, month] <= actual[:, month]) & (actual[:, month] <= p90[:, month])
        errors.append(
            HorizonError(
                months_ahead=month + 1,
                cells=int(counted.sum()),
                mape=float(100 * ape.mean()) if counted.any() else float("nan"),
                coverage=float(100 * held.mean()) if held.size else float("nan"),
            )
        )
    return errors
