"""Reads for the people pages: a prison's caseload and one person's record.

Each read chooses from the people (or prisons) it is given: views pass the user's share from
resettle.accounts.policy, so a list or a record never shows a man outside his scope.

The caseload is built for national scale (a prison of 2,000 men, a database of 85,000): filtering and
sorting happen in the database on the cached earliest release date, and the current POM and COM come in
as subqueries, so a page costs the same number of queries whatever its length.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import attrgetter

from dateutil.relativedelta import relativedelta
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat

from resettle.accounts import policy
from resettle.core import shared
from resettle.estate.models import Prison
from resettle.rules.explained import ExplainedDate
from resettle.rules.release import PAROLE_CONSIDERATION_DATES, date_disagreements, release_to_check
from resettle.rules.sentencing.durations import Period
from resettle.rules.sentencing.result import DATE_ORDER
from resettle.staff.models import Allocation, AllocationRole

from .models import PRISON_NUMBER, Booking, CalculatedReleaseDates, Person, RecordedKeyDates, Sentence
from .services import release_summary_for
from .vocabulary import CustodyStatus, RoshLevel

IN_CUSTODY = (CustodyStatus.IN_CUSTODY, CustodyStatus.RECALLED)

# Filter value for people with no RoSH level recorded, beside the RoshLevel codes.
ROSH_NOT_RECORDED = "NONE"
# Filter value for MAPPA-eligible people (a category) whose level has not been set.
MAPPA_NO_LEVEL = "NONE"

ROSH_SEVERITY = {RoshLevel.LOW: 1, RoshLevel.MEDIUM: 2, RoshLevel.HIGH: 3, RoshLevel.VERY_HIGH: 4}

SORT_KEYS = ("name", "prison_number", "release_date", "rosh", "mappa_level")

# Codes of the apps above this one, which the caseload filters and shows by name (people imports neither;
# tests keep each equal to its source): plans.models.Rag, and planning.models.OPEN_TRANSFER, the moves to a
# resettlement prison still to happen (a man has at most one, so joining it adds no rows).
RAG_CODES = ("RED", "AMBER", "GREEN")
OPEN_TRANSFER_STATUSES = ("PROPOSED", "ACCEPTED", "BOOKED")


def open_transfer(man: str = "") -> dict:
    """Annotations of his open move to a resettlement prison, if the transfer plan has proposed one: its
    status, where to and the week it arrives. `man` is the path to the Person ("person__" from a finding)."""
    return {
        "open_move": FilteredRelation(
            f"{man}transfers", condition=Q(**{f"{man}transfers__status__in": OPEN_TRANSFER_STATUSES})
        ),
        "transfer_status": F("open_move__status"),
        "transfer_to": F("open_move__to_prison__name"),
        "transfer_arrives_on": F("open_move__proposed_on"),
    }


@dataclass(frozen=True)
class CaseloadQuery:
    """What the caseload page was asked for, already validated."""

    release_within_days: int | None = None
    rosh: frozenset[str] = frozenset()
    mappa_categories: frozenset[int] = frozenset()
    mappa_levels: frozenset[str] = frozenset()
    search: str = ""
    rag: frozenset[str] = frozenset()
    release_month: date | None = None  # the first of a month: men whose readiness release date is in it
    sort: str = "release_date"
    descending: bool = False

    def as_key(self) -> str:
        """The query written out the same way in every process (a set's order is not), for a cache key."""
        return "&".join(
            f"{name}={sorted(value) if isinstance(value, frozenset) else value}"
            for name, value in vars(self).items()
        )


def bookings_held_on(day: date) -> QuerySet[Booking]:
    """Bookings of men in custody on `day`: received on or before it and not released by it, so that a day
    in the past reads a man released since from his closed booking."""
    return Booking.objects.filter(received_on__lte=day).filter(
        Q(is_active=True, released_on__isnull=True) | Q(released_on__gt=day)
    )


def prisons_with_population(prisons: QuerySet[Prison] | None = None) -> QuerySet[Prison]:
    prisons = Prison.objects.all() if prisons is None else prisons
    return prisons.select_related("region").annotate(
        in_custody=Count("people", filter=Q(people__status__in=IN_CUSTODY))
    )


def _current(role: AllocationRole) -> Subquery:
    """The name of the person's current allocated officer in `role`: the open allocation row."""
    return Subquery(
        Allocation.objects.filter(person=OuterRef("pk"), role=role, ended_on__isnull=True)
        .annotate(name=Concat("staff__first_name", Value(" "), "staff__last_name", output_field=CharField()))
        .values("name")[:1]
    )


def _rosh_severity() -> Case:
    return Case(
        *(When(risk__rosh_level=level, then=Value(rank)) for level, rank in ROSH_SEVERITY.items()),
        default=None,
        output_field=IntegerField(),
    )


def _mappa_level_rank() -> Case:
    # Level 0 means "not relevant", not a level below 1, so it sorts with "not known" after every real level.
    return Case(When(risk__mappa_level__in=(1, 2, 3), then=F("risk__mappa_level")), default=None)


def _ordering(query: CaseloadQuery) -> list:
    by_name = ["last_name", "first_name", "prison_number"]
    if query.sort == "name":
        keys = by_name
    elif query.sort == "prison_number":
        keys = ["prison_number"]
    else:
        expression = {
            "release_date": F("earliest_release_date"),
            "rosh": F("rosh_severity"),
            "mappa_level": F("mappa_level_rank"),
        }[query.sort]
        # People with no value go last whichever way the column is sorted; they are not "lowest".
        ordered = expression.desc(nulls_last=True) if query.descending else expression.asc(nulls_last=True)
        return [ordered, *by_name]
    return [f"-{key}" if query.descending else key for key in keys]


def name_or_number(text: str) -> Q:
    words = text.replace(",", " ").split()
    if len(words) == 1 and PRISON_NUMBER.regex.match(words[0].upper()):
        return Q(prison_number=words[0].upper())
    names = Q()
    for word in words:
        names &= Q(last_name__icontains=word) | Q(first_name__icontains=word)
    return names


def caseload(
    prison: Prison, query: CaseloadQuery, *, today: date, people: QuerySet[Person] | None = None
) -> QuerySet[Person]:
    """The people in custody at `prison`, of `people`, that match `query`, in the order it asks for."""
    people = Person.objects.all() if people is None else people
    people = (
        people.filter(current_prison=prison, status__in=IN_CUSTODY)
        .select_related("risk", "readiness", "accommodation_plan")
        .annotate(
            pom_name=_current(AllocationRole.PRIMARY_POM),
            com_name=_current(AllocationRole.COM),
            rosh_severity=_rosh_severity(),
            mappa_level_rank=_mappa_level_rank(),
            **open_transfer(),
        )
    )
    if query.release_within_days is not None:
        # Dates already passed stay in: a man still held past his release date needs planning most. A TED
        # or THD is no release date (rules.release.is_release_date): he is not releasing within the window.
        people = people.filter(
            earliest_release_date__lte=today + timedelta(days=query.release_within_days)
        ).exclude(earliest_release_type__in=PAROLE_CONSIDERATION_DATES)
    if query.rosh:
        wanted = Q(risk__rosh_level__in=query.rosh - {ROSH_NOT_RECORDED})
        if ROSH_NOT_RECORDED in query.rosh:
            wanted |= Q(risk__isnull=True) | Q(risk__rosh_level="")
        people = people.filter(wanted)
    if query.mappa_categories:
        people = people.filter(risk__mappa_category__in=query.mappa_categories)
    if query.mappa_levels:
        wanted = Q(risk__mappa_level__in=[int(level) for level in query.mappa_levels - {MAPPA_NO_LEVEL}])
        if MAPPA_NO_LEVEL in query.mappa_levels:
            wanted |= Q(risk__mappa_category__isnull=False, risk__mappa_level__isnull=True)
        people = people.filter(wanted)
    if query.search:
        people = people.filter(name_or_number(query.search))
    if query.rag:
        people = people.filter(readiness__rag__in=query.rag)
    if query.release_month is not None:
        # As the dashboard's chart counts a month: by the readiness release date, from today on.
        after = query.release_month + relativedelta(months=1)
        people = people.filter(
            readiness__earliest_release__gte=max(query.release_month, today),
            readiness__earliest_release__lt=after,
        )
    return people.order_by(*_ordering(query))


def caseload_pages(
    prison: Prison, query: CaseloadQuery, scope, *, today: date
) -> QuerySet[Person] | shared.SharedList:
    """The caseload to page through: shared by all who see the whole prison, else the viewer's own."""

    def people():
        return caseload(prison, query, today=today, people=policy.people_held_at(scope, prison))

    if policy.sees_whole_prison(scope, prison):
        return shared.SharedList(
            people, shared.prison(prison.pk), today, f"caseload:{query.as_key()}", attrgetter("prison_number")
        )
    return people()


# The full names of the recorded key dates, keyed by the abbreviation the model uses as verbose name
# (Prisoner Search and CRDS name them so).
KEY_DATE_NAMES = {
    "SSD": "Sentence start date",
    "CRD": "Conditional release date",
    "ARD": "Automatic release date",
    "PED": "Parole eligibility date",
    "HDCED": "Home detention curfew eligibility date",
    "HDCAD": "Home detention curfew approved date",
    "LED": "Licence expiry date",
    "SED": "Sentence expiry date",
    "TUSED": "Top-up supervision expiry date",
    "PRRD": "Post-recall release date",
    "TED": "Tariff expiry date",
    "THD": "Target hearing date",
    "ERSED": "Early removal scheme eligibility date",
    "MTD": "Mid-term date",
    "APD": "Approved parole date",
}


# The dates the engine calculates that the prison system does not record under that name.
CALCULATED_DATE_NAMES = {
    **KEY_DATE_NAMES,
    "SLED": "Sentence and licence expiry date",
    "ETD": "Early term date",
    "LTD": "Late term date",
    "ESED": "Effective sentence end date",
}


@dataclass(frozen=True)
class KeyDate:
    abbreviation: str
    name: str
    on: date


@dataclass(frozen=True)
class CalculatedDate:
    kind: str
    name: str
    on: date
    because: tuple[str, ...]
    # The prison system's dates of the same type that differ from this one; empty when they agree.
    recorded_otherwise: tuple[KeyDate, ...] = ()


@dataclass(frozen=True)
class ShownCalculation:
    """A calculation as the pages show it, whether stored for a booking or run for the calculation page."""

    outcome: str
    dates: list[CalculatedDate]
    effective_sentence_length: str
    refusal_code: str
    refusal_reason: str
    rules: str
    calculated_at: datetime | None = None

    @property
    def refused(self) -> bool:
        return self.outcome == CalculatedReleaseDates.Outcome.REFUSED

    @property
    def no_sentence(self) -> bool:
        return self.outcome == CalculatedReleaseDates.Outcome.NO_SENTENCE

    @property
    def disagreements(self) -> list[CalculatedDate]:
        return [shown for shown in self.dates if shown.recorded_otherwise]


ISO_PERIOD = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$")


def period_in_words(iso: str) -> str:
    """'P4Y2M' as '4 years, 2 months'; blank when there is no length."""
    matched = ISO_PERIOD.match(iso or "")
    if not matched:
        return ""
    return Period(*(int(part or 0) for part in matched.groups())).plain()


def _in_crds_order(kind: str) -> int:
    return DATE_ORDER.index(kind) if kind in DATE_ORDER else len(DATE_ORDER)


def shown_calculation(
    calculation, *, rules: str, calculated_at: datetime | None = None, recorded: list[KeyDate] = ()
) -> ShownCalculation:
    """Dates in CRDS order with their reasons, each compared with the `recorded` dates of its type.

    `calculation` is anything with the fields of a CalculatedReleaseDates row: a stored row, or the
    release_dates.Outcomes of a calculation that is not stored.
    """
    recorded_by_type = {key_date.abbreviation: key_date for key_date in recorded if key_date.abbreviation}
    calculated = {kind: date.fromisoformat(on) for kind, on in calculation.dates.items()}
    disagreements = date_disagreements(
        {kind: shown.on for kind, shown in recorded_by_type.items()}, calculated
    )
    recorded_otherwise = {found.kind: found.recorded for found in disagreements}
    dates = [
        CalculatedDate(
            kind,
            CALCULATED_DATE_NAMES.get(kind, kind),
            calculated[kind],
            tuple(calculation.breakdown.get(kind, ())),
            tuple(recorded_by_type[other] for other, _ in recorded_otherwise.get(kind, ())),
        )
        for kind in sorted(calculated, key=_in_crds_order)
    ]
    return ShownCalculation(
        outcome=calculation.outcome,
        dates=dates,
        effective_sentence_length=period_in_words(calculation.effective_sentence_length),
        refusal_code=calculation.refusal_code,
        refusal_reason=calculation.refusal_reason,
        rules=rules,
        calculated_at=calculated_at,
    )


@dataclass(frozen=True)
class PersonRecord:
    person: Person
    age: int
    booking: Booking | None
    key_dates: list[KeyDate]
    earliest_release: ExplainedDate | None
    calculation: ShownCalculation | None = None
    sentences: list[Sentence] = field(default_factory=list)
    current_allocations: dict[str, Allocation] = field(default_factory=dict)
    allocation_history: list[Allocation] = field(default_factory=list)
    # What to check when his planned release has passed while he is recorded in custody (rules.release).
    release_to_check: str | None = None


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def recorded_key_dates(recorded: RecordedKeyDates | None) -> list[KeyDate]:
    if recorded is None:
        return []
    dates = []
    for model_field in RecordedKeyDates._meta.get_fields():
        value = getattr(recorded, model_field.name, None)
        if model_field.name == "recorded_at" or not isinstance(value, date):
            continue
        abbreviation = str(model_field.verbose_name)
        if abbreviation in KEY_DATE_NAMES:
            dates.append(KeyDate(abbreviation, KEY_DATE_NAMES[abbreviation], value))
        else:
            dates.append(KeyDate("", abbreviation.capitalize(), value))
    return dates


def person_record(prison_number: str, *, today: date, people: QuerySet[Person] | None = None) -> PersonRecord:
    """Everything the person page shows. Raises Person.DoesNotExist for a prison number not among `people`."""
    people = Person.objects.all() if people is None else people
    # His plan's one-to-one records come in the same query, by name: people does not import plans.
    person = people.select_related(
        "current_prison",
        "release_area",
        "risk",
        "readiness",
        "accommodation_plan",
        "approved_premises",
        "mappa_record",
        "handover_record",
        "transfer_plan__target_prison",
    ).get(prison_number=prison_number)
    # A released man has no active booking: his last one is the record of his sentence.
    booking = (
        Booking.objects.filter(person=person)
        .select_related("recorded_dates", "calculation")
        .prefetch_related("adjustments__sentence")
        .order_by("-is_active", "-received_on")
        .first()
    )
    recorded = getattr(booking, "recorded_dates", None) if booking else None
    calculation = getattr(booking, "calculation", None) if booking else None
    key_dates = recorded_key_dates(recorded)
    sentences = (
        list(booking.sentences.select_related("consecutive_to").prefetch_related("offences"))
        if booking
        else []
    )
    allocations = list(
        Allocation.objects.filter(person=person).select_related("staff").order_by("-allocated_on", "-id")
    )
    earliest = release_summary_for(person, recorded, today=today, calculation=calculation)
    return PersonRecord(
        person=person,
        age=_age(person.date_of_birth, today),
        booking=booking,
        key_dates=key_dates,
        earliest_release=earliest,
        calculation=shown_calculation(
            calculation, rules=calculation.rules, calculated_at=calculation.calculated_at, recorded=key_dates
        )
        if calculation
        else None,
        sentences=sentences,
        current_allocations={a.role: a for a in allocations if a.is_current},
        allocation_history=[a for a in allocations if not a.is_current],
        release_to_check=release_to_check(earliest, today=today) if person.status in IN_CUSTODY else None,
    )
