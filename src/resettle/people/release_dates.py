"""The one service that calculates a booking's release dates and stores them with their breakdown.

Called, through plans.services.facts_changed, whenever a booking's sentences, offences, adjustments or
the facts the rules read change, and for everyone by `resettle refresh`. A calculation whose input and rules have not
changed since the stored one is not written again.
"""

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date
from functools import cache

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from resettle.core import bulk
from resettle.core.clock import today as clock_today
from resettle.rules.sentencing import (
    PRODUCTION_TOGGLES,
    BookingInvalid,
    Refused,
    Toggles,
    calculate,
    load_profile,
)
from resettle.rules.sentencing import model as engine
from resettle.rules.sentencing.legislation import engine_digest, profile_digest

from .booking_input import booking_input
from .models import Booking, CalculatedReleaseDates, Person, Sentence
from .services import apply_release_summary

Outcome = CalculatedReleaseDates.Outcome


@dataclasses.dataclass(frozen=True)
class Rules:
    profile_name: str
    toggles: Toggles

    @property
    def label(self) -> str:
        on = [f.name for f in dataclasses.fields(self.toggles) if getattr(self.toggles, f.name)]
        return f"{self.profile_name}; toggles: {', '.join(on) or 'none'}"


def live_rules() -> Rules:
    names = settings.RESETTLE_CALCULATION_TOGGLES
    toggles = PRODUCTION_TOGGLES if names is None else Toggles.from_mapping(dict.fromkeys(names, True))
    return Rules(settings.RESETTLE_CALCULATION_PROFILE, toggles)


@cache
def _profile(name: str):
    return load_profile(name)


def _canonical(value):
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value))


def fingerprint(booking: engine.Booking | None, rules: Rules, refusal: str = "") -> str:
    """What a stored calculation was made from: the engine input, the profile's name and its numbers, the
    toggles, and the engine's own code; when any changes, the next refresh calculates it again."""
    payload = {
        "booking": dataclasses.asdict(booking) if booking else None,
        "rules": rules.label,
        "profile": profile_digest(rules.profile_name),
        "engine": engine_digest(),
        "refusal": refusal,
    }
    return hashlib.sha256(json.dumps(payload, default=_canonical, sort_keys=True).encode()).hexdigest()


@dataclasses.dataclass(frozen=True)
class Outcomes:
    """What a calculation produced, as the fields of a CalculatedReleaseDates row."""

    outcome: str
    dates: dict
    breakdown: dict
    effective_sentence_length: str = ""
    refusal_code: str = ""
    refusal_reason: str = ""


def run_engine(booking: engine.Booking, rules: Rules) -> Outcomes:
    """Pure: the engine's answer for one booking, refusals included."""
    try:
        result = calculate(booking, _profile(rules.profile_name), rules.toggles)
    except (Refused, BookingInvalid) as refusal:
        code = getattr(refusal, "code", "INVALID_BOOKING")
        return Outcomes(
            Outcome.REFUSED,
            {},
            {},
            refusal_code=code,
            refusal_reason=str(getattr(refusal, "reason", refusal)),
        )
    return Outcomes(
        Outcome.CALCULATED,
        {kind: explained.on.isoformat() for kind, explained in result.breakdown.items()},
        {kind: list(explained.because) for kind, explained in result.breakdown.items()},
        effective_sentence_length=result.effective_sentence_length.iso(),
    )


@dataclasses.dataclass
class Prepared:
    """A booking read from the database and turned into engine input, or refused before the engine."""

    booking: Booking
    engine_input: engine.Booking | None
    early: Outcomes | None  # set when there is nothing to calculate or the input is refused
    fingerprint: str


def prepare(booking: Booking, rules: Rules) -> Prepared:
    """Its engine input, from the booking read with what the calculation reads (calculation_reads())."""
    person = booking.person
    sentences = booking.sentence_list
    if not sentences:
        outcome = Outcomes(Outcome.NO_SENTENCE, {}, {})
        return Prepared(booking, None, outcome, fingerprint(None, rules, Outcome.NO_SENTENCE))
    risk = getattr(person, "risk", None)
    try:
        engine_input = booking_input(
            booking,
            person,
            sentences=sentences,
            adjustments=booking.adjustment_list,
            subject_to_notification=bool(risk and risk.subject_to_notification),
        )
    except Refused as refusal:
        outcome = Outcomes(Outcome.REFUSED, {}, {}, refusal_code=refusal.code, refusal_reason=refusal.reason)
        return Prepared(booking, None, outcome, fingerprint(None, rules, refusal.code))
    return Prepared(booking, engine_input, None, fingerprint(engine_input, rules))


def calculation_reads() -> list[Prefetch]:
    """What the calculation reads of a booking beyond its own row, its calculation and its recorded dates:
    its sentences with their offences, and its adjustments, each into a list (`sentence_list`,
    `offence_list`, `adjustment_list`). A reader of men (plans' refresh) prefetches the same beside its own."""
    return [
        Prefetch(
            "sentences",
            queryset=Sentence.objects.prefetch_related(Prefetch("offences", to_attr="offence_list")),
            to_attr="sentence_list",
        ),
        Prefetch("adjustments", to_attr="adjustment_list"),
    ]


def bookings_for_calculation() -> QuerySet[Booking]:
    """Active bookings with everything the calculation reads, in a fixed number of queries per batch."""
    return (
        Booking.objects.filter(is_active=True)
        .select_related("person", "person__risk", "calculation", "recorded_dates")
        .prefetch_related(*calculation_reads())
        .order_by("pk")
    )


def is_current(item: Prepared) -> bool:
    """His stored calculation was made from this very input under these rules (its fingerprint covers
    both, and the engine's code): the engine would answer the same again."""
    calculation = getattr(item.booking, "calculation", None)
    return calculation is not None and calculation.input_fingerprint == item.fingerprint


def _store(prepared: list[Prepared], calculated: dict[int, Outcomes], rules: Rules, *, today: date) -> int:
    """Write the calculations made afresh (`calculated`, by booking id), and every earliest release date
    that moved (with the rules or with the passing of time). Returns how many calculations were written."""
    now = timezone.now()
    rows, people = [], []
    # Before the new rows: a CalculatedReleaseDates made for a booking becomes its `calculation` at once.
    stored = {item.booking.pk for item in prepared if getattr(item.booking, "calculation", None)}
    for item in prepared:
        calculation = getattr(item.booking, "calculation", None)
        if (outcome := calculated.get(item.booking.pk)) is not None:
            calculation = CalculatedReleaseDates(
                booking=item.booking,
                **vars(outcome),  # shallow: asdict deep-copies every date and reason
                rules=rules.label,
                input_fingerprint=item.fingerprint,
                calculated_at=now,
            )
            rows.append(calculation)
        person = item.booking.person
        recorded = getattr(item.booking, "recorded_dates", None)
        if apply_release_summary(person, recorded, today=today, calculation=calculation):
            people.append(person)
    with transaction.atomic():
        bulk.derived_commit_not_waiting_for_the_disk()
        bulk.upsert(
            CalculatedReleaseDates,
            rows,
            unique_field="booking",
            known=stored,
            update_fields=[
                "outcome",
                "dates",
                "breakdown",
                "effective_sentence_length",
                "refusal_code",
                "refusal_reason",
                "rules",
                "input_fingerprint",
                "calculated_at",
            ],
        )
        bulk.update(
            Person,
            ["earliest_release_date", "earliest_release_type"],
            [(man.pk, man.earliest_release_date, man.earliest_release_type) for man in people],
        )
    return len(rows)


def _calculate_all(items: list[tuple[engine.Booking, Rules]]) -> list[Outcomes]:
    return [run_engine(booking, rules) for booking, rules in items]


def _outcomes(prepared: list[Prepared], rules: Rules, pool: ProcessPoolExecutor | None) -> list[Outcomes]:
    todo = [(item.engine_input, rules) for item in prepared if item.early is None]
    if pool is None or len(todo) < 200:
        calculated = iter(_calculate_all(todo))
    else:
        half = (len(todo) + 1) // 2
        elsewhere = pool.submit(_calculate_all, todo[:half])
        here = _calculate_all(todo[half:])
        calculated = iter([*elsewhere.result(), *here])
    return [item.early or next(calculated) for item in prepared]


def in_batches(bookings: QuerySet[Booking], size: int) -> Iterator[list[Booking]]:
    last = 0
    while batch := list(bookings.filter(pk__gt=last)[:size]):
        yield batch
        last = batch[-1].pk


@contextmanager
def engine_pool(workers: int) -> Iterator[ProcessPoolExecutor | None]:
    """A second process for half of each batch when workers > 1 (see _outcomes), else none."""
    pool = ProcessPoolExecutor(max_workers=workers - 1) if workers > 1 else None
    try:
        yield pool
    finally:
        if pool is not None:
            pool.shutdown()


def recalculate_bookings(
    bookings: QuerySet[Booking] | None = None,
    *,
    workers: int = 1,
    batch_size: int = 2000,
    today: date | None = None,
    progress: Iterable | None = None,
    force: bool = False,
) -> dict[str, int]:
    """Recalculate many bookings. With workers > 1, half of each batch is calculated in a second process.
    With `force`, every calculation is written again, changed or not."""
    rules, on = live_rules(), today or clock_today()
    bookings = bookings if bookings is not None else bookings_for_calculation()
    counts = {"bookings": 0, "changed": 0}
    with engine_pool(workers) as pool:
        for batch in in_batches(bookings, batch_size):
            counts["changed"] += recalculate_read(batch, rules=rules, today=on, pool=pool, force=force)
            counts["bookings"] += len(batch)
            if progress is not None:
                progress.update(len(batch))
    return counts


def recalculate_read(
    bookings: list[Booking],
    *,
    rules: Rules | None = None,
    today: date | None = None,
    pool: ProcessPoolExecutor | None = None,
    force: bool = False,
) -> int:
    """Recalculate bookings already read with what the calculation reads (bookings_for_calculation, or a
    reader prefetching calculation_reads() with their men and risk); each booking's `calculation`, and its
    man's earliest release date, are then the ones stored. Returns how many calculations were written."""
    rules, on = rules or live_rules(), today or clock_today()
    prepared = [prepare(booking, rules) for booking in bookings]
    # A nightly refresh finds most men's inputs as they were: the engine runs only for the rest.
    stale = prepared if force else [item for item in prepared if not is_current(item)]
    calculated = {
        item.booking.pk: outcome for item, outcome in zip(stale, _outcomes(stale, rules, pool), strict=True)
    }
    return _store(prepared, calculated, rules, today=on)


def dates_under(
    rules: Rules, bookings: QuerySet[Booking] | None = None, *, workers: int = 1, batch_size: int = 2000
) -> dict:
    """Booking id -> the dates `rules` give it, calculated and not stored: a what-if of other rules (the
    projection's). Bookings the rules refuse, or with nothing to calculate, are left out."""
    found = {}
    with engine_pool(workers) as pool:
        for batch in in_batches(bookings if bookings is not None else bookings_for_calculation(), batch_size):
            prepared = [prepare(booking, rules) for booking in batch]
            for item, outcome in zip(prepared, _outcomes(prepared, rules, pool), strict=True):
                if outcome.outcome == Outcome.CALCULATED:
                    found[item.booking.pk] = outcome.dates
    return found


def recalculate(booking: Booking) -> CalculatedReleaseDates | None:
    """Recalculate one booking's release dates now. The readiness that runs from them is plans' to
    refresh (plans.services.refresh_facts does both)."""
    recalculate_bookings(bookings_for_calculation().filter(pk=booking.pk))
    return CalculatedReleaseDates.objects.filter(booking=booking).first()
