"""Concurrent and consecutive sentences (CRDS `SentenceCombinationService`, `DurationAggregator`).

Each consecutive chain is served as one term from the earliest part's sentence date. Release is worked out
per release fraction, in order of first appearance, each group starting from the previous group's notional
release day: that is how a chain mixing one-half, 40% and two-thirds parts is released. Parts with a parole
eligibility date (EDS, SOPC) come last, for the release and for the PED alike, grouped by their own fraction
(CRDS `UnadjustedReleaseDate.getConsecutiveRelease` / `calculateConsecutivePed`).

In a booking of detention and training orders alone, concurrent orders imposed on different dates are
served as a single term, from the first order to the last expiry, capped at 24 months (CRDS
`SingleTermSentence`)."""

from collections.abc import Callable, Iterable
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
    single_term: bool = False  # concurrent DTOs merged into one term, rather than a consecutive chain

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
        if self.single_term:
            last = max(p.sentence.duration.end_date(p.sentence.sentenced_at) for p in self.parts)
            days = (last - self.sentenced_at).days + 1
        else:
            days = aggregate_days(self.terms, self.sentenced_at)
        if self.is_dto_chain:
            # Consecutive detention and training orders may not exceed 24 months (Sentencing Act 2020 s.237).
            cap = (plus_months(self.sentenced_at, dto.MAX_CONSECUTIVE_MONTHS) - self.sentenced_at).days
            return min(days, cap)
        return days

    def release_days(self, multiplier_of: MultiplierOf) -> int:
        if self.is_dto_chain:
            return dto.MULTIPLIER.of(self.total_days())
        days = _grouped_days(self._without_ped, self.sentenced_at, multiplier_of, 0)
        return _grouped_days(self._with_ped, self.sentenced_at, multiplier_of, days)

    def ped_days(self, multiplier_of: MultiplierOf) -> int | None:
        if not self._with_ped:
            return None
        days = _grouped_days(self._without_ped, self.sentenced_at, multiplier_of, 0)
        return _grouped_days(self._with_ped, self.sentenced_at, lambda p: p.ped_multiplier, days)

    @property
    def _with_ped(self) -> list[Identified]:
        return [p for p in self.parts if p.ped_multiplier]

    @property
    def _without_ped(self) -> list[Identified]:
        return [p for p in self.parts if not p.ped_multiplier]

    def describe(self) -> str:
        if self.single_term:
            described = ", ".join(f"{_length(p)} from {_long(p.sentence.sentenced_at)}" for p in self.parts)
            return f"Concurrent detention and training orders served as a single term: {described}"
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


def build_units(parts: list[Identified], releases: Iterable[date] = ()) -> list[Unit]:
    """Concurrent sentences stand alone; each path through the consecutive links becomes one chain.
    Only the first `consecutiveSentenceUUIDs` entry counts, as in CRDS. `releases` are the days he left
    prison (external movements), which end a custodial period."""
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
    return _single_dto_terms(units, sorted(releases))


def _single_dto_terms(units: list[Unit], releases: list[date]) -> list[Unit]:
    """In a booking of DTOs alone, concurrent orders passed on different dates in one period of custody
    become one term (Sentencing Act 2020 s.237(2)-(3)); beside adult sentences, or after he has been
    released in between, each order keeps its own dates."""
    if any(u.tracks != {Track.DTO} for u in units):
        return units
    periods: list[list[Unit]] = []
    for unit in sorted((u for u in units if not u.is_chain), key=lambda u: u.sentenced_at):
        if not periods or any(periods[-1][-1].sentenced_at <= day < unit.sentenced_at for day in releases):
            periods.append([])
        periods[-1].append(unit)
    merged = [period for period in periods if len({u.sentenced_at for u in period}) > 1]
    kept = [u for u in units if all(u is not other for period in merged for other in period)]
    return kept + [Unit(tuple(u.parts[0] for u in period), single_term=True) for period in merged]
