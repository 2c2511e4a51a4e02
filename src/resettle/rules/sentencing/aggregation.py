"""Concurrent and consecutive sentences (CRDS `SentenceCombinationService`, `DurationAggregator`).

Each consecutive chain is served as one term from the earliest part's sentence date. Release is worked out
per release fraction, in order of first appearance, each group starting from the previous group's notional
release day: that is how a chain mixing one-half, 40% and two-thirds parts is released. Parts with a parole
eligibility date (EDS, SOPC) come last when the PED is worked out."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from . import dto
from .durations import Duration, aggregate_days, plus_months
from .multipliers import Multiplier
from .tracks import Identified, Track

MultiplierOf = Callable[[Identified], Multiplier]


@dataclass(frozen=True)
class Unit:
    """What is calculated as one: a single sentence, or a consecutive chain."""

    parts: tuple[Identified, ...]

    @property
    def sentenced_at(self) -> date:
        return min(p.sentence.sentenced_at for p in self.parts)

    @property
    def tracks(self) -> set:
        return {p.track for p in self.parts}

    @property
    def is_chain(self) -> bool:
        return len(self.parts) > 1

    @property
    def terms(self) -> list[Duration]:
        return [term for p in self.parts for term in p.sentence.terms]

    @property
    def is_dto_chain(self) -> bool:
        return self.is_chain and all(p.track is Track.DTO for p in self.parts)

    def total_days(self) -> int:
        days = aggregate_days(self.terms, self.sentenced_at)
        if self.is_dto_chain:
            # Consecutive detention and training orders may not exceed 24 months (Sentencing Act 2020 s.237).
            cap = (plus_months(self.sentenced_at, dto.MAX_CONSECUTIVE_MONTHS) - self.sentenced_at).days
            return min(days, cap)
        return days

    def release_days(self, multiplier_of: MultiplierOf) -> int:
        if self.is_dto_chain:
            return dto.MULTIPLIER.of(self.total_days())
        return _grouped_days(self.parts, self.sentenced_at, multiplier_of, 0)

    def ped_days(self, multiplier_of: MultiplierOf) -> int | None:
        with_ped = [p for p in self.parts if p.ped_multiplier]
        if not with_ped:
            return None
        days = _grouped_days(
            [p for p in self.parts if not p.ped_multiplier], self.sentenced_at, multiplier_of, 0
        )
        for part in with_ped:
            custodial = aggregate_days(
                list(part.sentence.custodial_terms), self.sentenced_at + timedelta(days=days)
            )
            days += part.ped_multiplier.of(custodial)
        return days

    def describe(self) -> str:
        if not self.is_chain:
            part = self.parts[0]
            return f"{part.track.value} of {_length(part)}, sentenced {_long(part.sentence.sentenced_at)}"
        described = " then ".join(f"{_length(p)} ({p.track.value})" for p in self.parts)
        return f"Consecutive sentences served as one term from {_long(self.sentenced_at)}: {described}"


def _length(part: Identified) -> str:
    return " plus ".join(term.plain() for term in part.sentence.terms)


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _grouped_days(parts, start: date, multiplier_of: MultiplierOf, days: int) -> int:
    groups: dict[Multiplier, list[Duration]] = {}
    for part in parts:
        groups.setdefault(multiplier_of(part), []).extend(part.sentence.custodial_terms)
    for multiplier, terms in groups.items():
        days += multiplier.of(aggregate_days(terms, start + timedelta(days=days)))
    return days


def build_units(parts: list[Identified]) -> list[Unit]:
    """Concurrent sentences stand alone; each path through the consecutive links becomes one chain.
    Only the first `consecutiveSentenceUUIDs` entry counts, as in CRDS."""
    by_id = {p.sentence.identifier: p for p in parts}
    children: dict[str, list[Identified]] = {}
    roots = []
    for part in parts:
        parent = part.sentence.consecutive_to
        if parent and parent in by_id and by_id[parent] is not part:
            children.setdefault(parent, []).append(part)
        else:
            roots.append(part)
    units = []

    def walk(path: tuple[Identified, ...]) -> None:
        following = children.get(path[-1].sentence.identifier, [])
        if not following:
            units.append(Unit(path))
        for child in following:
            if child not in path:
                walk(path + (child,))

    for root in roots:
        walk((root,))
    return units
