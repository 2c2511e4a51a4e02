"""Concurrent and consecutive sentences (CRDS `SentenceCombinationService`, `DurationAggregator`).

Each consecutive chain is served as one term from the earliest part's sentence date. Release is worked out
per release fraction, in order of first appearance, each group starting from the previous group's notional
release day: that is how a chain mixing one-half, 40% and two-thirds parts is released. Parts with a parole
eligibility date (EDS, SOPC) come last, for the release and for the PED alike, grouped by their own fraction
(CRDS `UnadjustedReleaseDate.getConsecutiveRelease` / `calculateConsecutivePed`).

Concurrent sentences of one custodial group, all detention and training orders or all old-style (CJA
1991) standard sentences, imposed on different dates, are served as a single term from the first sentence
date (CRDS `SingleTermSentence`; hard cases §9.4)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ..explained import long_date
from . import dto, sds
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
            # From the first sentence date to the later expiry of the first two parts only: CRDS ignores a
            # third or later part for the length (SingleTermSentence; hard cases §9.4).
            last = max(p.sentence.duration.end_date(p.sentence.sentenced_at) for p in self.parts[:2])
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
        if self.single_term:
            # A single term is released at one half, whatever scheme is in force (hard cases §9.4).
            return self.parts[0].multiplier.of(self.total_days())
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
            described = ", ".join(
                f"{_length(p)} from {long_date(p.sentence.sentenced_at)}" for p in self.parts
            )
            kind = "detention and training orders" if self.is_dto_chain else "sentences (CJA 1991)"
            return f"Concurrent {kind} served as a single term: {described}"
        if not self.is_chain:
            part = self.parts[0]
            return f"{part.track.value} of {_length(part)}, sentenced {long_date(part.sentence.sentenced_at)}"
        described = " then ".join(f"{_length(p)} ({p.track.value})" for p in self.parts)
        return f"Consecutive sentences served as one term from {long_date(self.sentenced_at)}: {described}"


def _length(part: Identified) -> str:
    return " plus ".join(term.plain() for term in part.sentence.terms)


def _grouped_days(parts, start: date, multiplier_of: MultiplierOf, days: int) -> int:
    groups: dict[Multiplier, list[Duration]] = {}
    for part in parts:
        groups.setdefault(multiplier_of(part), []).extend(part.sentence.custodial_terms)
    for multiplier, terms in groups.items():
        days += multiplier.of(aggregate_days(terms, start + timedelta(days=days)))
    return days


def build_units(parts: list[Identified]) -> list[Unit]:
    """Concurrent sentences stand alone; each path through the consecutive links becomes one chain.
    Only the first `consecutiveSentenceUUIDs` entry counts, as in CRDS. Concurrent sentences of one
    custodial group may then be served as a single term (`single_terms`)."""
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


def single_terms(units: list[Unit], groups: Iterable[Iterable[int]]) -> list[Unit] | None:
    """Concurrent sentences served in one custodial group as a single term (CRDS
    `SentenceCombinationService.createSingleTermSentences`; hard cases §9.4): two or more, all old-style
    standard sentences (CJA 1991: offence before 4 April 2005, sentenced before 3 December 2012) or all
    DTOs, none consecutive, none a recall, not all passed on the same day. `groups` are the units'
    indexes by custodial group. The units with the groups merged, or None when no group merges."""
    merged, taken = [], set()
    for members in groups:
        members = sorted(members, key=lambda m: units[m].sentenced_at)
        candidates = [units[m] for m in members]
        if len(candidates) < 2 or any(u.is_chain or u.single_term for u in candidates):
            continue
        parts = [u.parts[0] for u in candidates]
        old_style = all(p.track is Track.SDS and sds.is_old_style(p.sentence) for p in parts)
        if not (old_style or all(p.track is Track.DTO for p in parts)):
            continue
        if any(p.is_recall for p in parts) or len({p.sentence.sentenced_at for p in parts}) < 2:
            continue
        merged.append(Unit(tuple(parts), single_term=True))
        taken.update(members)
    if not merged:
        return None
    return [u for i, u in enumerate(units) if i not in taken] + merged
