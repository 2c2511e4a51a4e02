"""The projection's rates, read from rates.yml, with their sources; and the three scenarios.

A scenario takes each rate's `low`, `central` or `high` figure: `low` is the one that releases fewer men
in the horizon (fewer HDC and parole releases, later, fewer recalls and so fewer re-releases).
"""

from dataclasses import dataclass, fields, replace
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml

RATES_FILE = Path(__file__).with_name("rates.yml")


class Scenario(StrEnum):
    LOW = "low"
    CENTRAL = "central"
    HIGH = "high"


@dataclass(frozen=True)
class Rates:
    hdc_approval: float
    hdc_delay_days: int
    parole_release_per_hearing: float
    parole_review_days: int
    indeterminate_release_per_hearing: float
    indeterminate_review_days: int
    recall_within_year: float
    fixed_term_share: float
    standard_recall_days: int
    approved_premises_days: int
    cases_per_pom: int
    cases_per_com: int

    def __post_init__(self):
        for field in fields(self):
            value = getattr(self, field.name)
            if field.type is float and not 0 <= value <= 1:
                raise ValueError(f"{field.name}: a share must be between 0 and 1, not {value}")
            if field.type is int and value < 0:
                raise ValueError(f"{field.name}: must not be negative, not {value}")
        for name in ("parole_review_days", "indeterminate_review_days", "cases_per_pom", "cases_per_com"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name}: must be at least 1")

    def with_changes(self, **changes) -> "Rates":
        unknown = set(changes) - {field.name for field in fields(self)}
        if unknown:
            raise ValueError(f"unknown rate: {', '.join(sorted(unknown))}")
        return replace(self, **changes)

    def as_dict(self) -> dict:
        return {field.name: getattr(self, field.name) for field in fields(self)}


@dataclass(frozen=True)
class RateSource:
    name: str
    words: str
    figures: dict[str, float]
    source: str
    estimate_from: str = ""


@cache
def rate_sources() -> tuple[RateSource, ...]:
    raw = yaml.safe_load(RATES_FILE.read_text())
    return tuple(
        RateSource(
            name=name,
            words=entry["words"],
            figures={scenario.value: entry[scenario.value] for scenario in Scenario},
            source=entry["source"],
            estimate_from=entry.get("estimate_from", ""),
        )
        for name, entry in raw.items()
    )


def published_rates(scenario: Scenario = Scenario.CENTRAL) -> Rates:
    """The rates as rates.yml gives them, for one scenario."""
    types = {field.name: field.type for field in fields(Rates)}
    return Rates(**{source.name: types[source.name](source.figures[scenario]) for source in rate_sources()})


def scenario_rates(central: Rates, scenario: Scenario) -> Rates:
    """A scenario around `central` (which may hold estimates from history or a user's changes): each rate
    moved by the file's gap between its central and scenario figures, clipped to a share's bounds."""
    if scenario == Scenario.CENTRAL:
        return central
    changes = {}
    for source in rate_sources():
        gap = source.figures[scenario] - source.figures[Scenario.CENTRAL]
        value = getattr(central, source.name) + gap
        changes[source.name] = (
            min(max(value, 0.0), 1.0)
            if isinstance(getattr(central, source.name), float)
            else max(round(value), 0)
        )
    return central.with_changes(**changes)


def drawn_rates(central: Rates, low: Rates, high: Rates, rng) -> Rates:
    """One draw of every rate from a triangular distribution peaking at `central` and reaching the low
    and high scenarios' figures: the doubt about the rates themselves, drawn once a chunk of paths so that
    the band holds it as well as the chance of each man's route. A rate the scenarios leave where it is
    stays fixed."""
    changes = {}
    for name, value in central.as_dict().items():
        left, right = sorted((getattr(low, name), getattr(high, name)))
        left, right = min(left, value), max(right, value)
        if left == right:
            continue
        drawn = rng.triangular(left, value, right)
        changes[name] = float(drawn) if isinstance(value, float) else round(drawn)
    return central.with_changes(**changes)
