"""The offences men are convicted of, with the markers the rules read (data/offences.csv).

Codes follow the CJS offence-code pattern (act prefix and number); the numbers are illustrative.
"""

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from resettle.people.models import Offence
from resettle.people.vocabulary import EarlyReleaseExclusion

from .estate import DATA

SEXUAL, VIOLENT, OTHER = "sexual", "violent", "other"


@dataclass(frozen=True)
class OffenceSpec:
    group: str
    weight: int
    code: str
    description: str
    sexual: bool
    violent: bool
    schedule_15: bool
    schedule_3: bool
    carries_life: bool
    domestic_abuse: bool
    min_months: int
    max_months: int

    @property
    def historical(self) -> bool:
        return self.description.endswith("(historical)")

    @property
    def is_murder(self) -> bool:
        return self.min_months == 0

    @property
    def sds_plus_offence(self) -> bool:
        """SDS+ lists A and B, simplified: a Schedule 15 violent or sexual offence that carries life."""
        return self.carries_life and self.schedule_15

    def exclusions(self, months: int) -> list[str]:
        """SDS40 exclusion markers, as CRDS records them on the sentence."""
        found = []
        if self.sexual:
            found.append(EarlyReleaseExclusion.SEXUAL)
        if self.violent and self.schedule_15 and months >= 48:
            found.append(EarlyReleaseExclusion.VIOLENT)
        if self.domestic_abuse:
            found.append(EarlyReleaseExclusion.DOMESTIC_ABUSE)
        return [str(code) for code in found]

    def clip(self, months: int) -> int:
        return min(max(months, self.min_months), self.max_months)


@cache
def catalogue() -> tuple[OffenceSpec, ...]:
    with open(DATA / "offences.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    flags = ("sexual", "violent", "schedule_15", "schedule_3", "carries_life", "domestic_abuse")
    return tuple(
        OffenceSpec(
            group=row["group"],
            weight=int(row["weight"]),
            code=row["code"],
            description=row["description"],
            min_months=int(row["min_months"]),
            max_months=int(row["max_months"]),
            **{flag: row[flag] == "Y" for flag in flags},
        )
        for row in rows
    )


def _pick(rng: random.Random, candidates: list[OffenceSpec]) -> OffenceSpec:
    return rng.choices(candidates, weights=[spec.weight for spec in candidates])[0]


def offence_in(rng: random.Random, group: str, *, determinate: bool = True) -> OffenceSpec:
    return _pick(rng, [s for s in catalogue() if s.group == group and (s.max_months or not determinate)])


def life_offence(rng: random.Random, group: str) -> OffenceSpec:
    """The index offence of an indeterminate sentence: murder for most lifers, else a serious offence."""
    if group != SEXUAL and rng.random() < 0.55:
        return next(s for s in catalogue() if s.is_murder)
    return _pick(
        rng,
        [s for s in catalogue() if s.group == group and s.sds_plus_offence and not s.is_murder]
        or [s for s in catalogue() if s.sds_plus_offence and not s.is_murder],
    )


def offence_row(rng: random.Random, spec: OffenceSpec, sentenced_on: date) -> Offence:
    if spec.historical:
        # Non-recent offending is charged over a period, often decades before conviction.
        start = sentenced_on - timedelta(days=rng.randint(15 * 365, 35 * 365))
        end = start + timedelta(days=rng.randint(30, 5 * 365))
    else:
        start = sentenced_on - timedelta(days=rng.randint(60, 720))
        end = start + timedelta(days=rng.randint(1, 400)) if spec.sexual and rng.random() < 0.3 else None
    return Offence(
        offence_code=spec.code,
        description=spec.description,
        committed_on=start,
        committed_to=min(end, sentenced_on) if end else None,
        is_sexual=spec.sexual,
        is_violent=spec.violent,
        is_schedule_15=spec.schedule_15,
        is_schedule_3=spec.schedule_3,
    )
