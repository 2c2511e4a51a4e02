"""From paths to figures: for each prison, region and the country, each month's mean and the paths' 10th,
50th and 90th percentiles. A region's or the country's band is the band of its summed paths, never the sum
of its prisons' bands."""

from dataclasses import dataclass

import numpy as np

PERCENTILES = (10, 50, 90)


@dataclass(frozen=True)
class Band:
    mean: np.ndarray  # (scopes, months)
    p10: np.ndarray
    p50: np.ndarray
    p90: np.ndarray


def band(paths: np.ndarray) -> Band:
    """paths: (paths, scopes, months)."""
    p10, p50, p90 = np.percentile(paths, PERCENTILES, axis=0)
    return Band(paths.mean(axis=0), p10, p50, p90)


def by_scope(paths: np.ndarray, regions: np.ndarray, region_count: int) -> tuple[Band, Band, Band]:
    """paths: (paths, prisons, months); regions: the region index of each prison. Returns the prisons',
    the regions' and the national bands."""
    membership = np.zeros((paths.shape[1], region_count))
    membership[np.arange(paths.shape[1]), regions] = 1
    regional = np.einsum("apm,pr->arm", paths, membership)
    return band(paths), band(regional), band(paths.sum(axis=1, keepdims=True))
