"""Reading the projection's facts from the database in a fixed number of queries: the men held on the
as-of day with the dates and risk each route and measure needs, the receptions history, and (for the
back-test) the releases that happened.

Held on a day means received on or before it and not released by it, so the same reading serves a day in
the past: a man released since is read from his closed booking, at the prison that released him. His
dates are Resettle's calculation where there is one, else the prison record.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
from dateutil.relativedelta import relativedelta
from django.db.models import F, Q

from resettle.estate.models import Prison, Region
from resettle.people.models import Booking, CalculatedReleaseDates, Offence
from resettle.people.selectors import bookings_held_on
from resettle.plans.models import ApprovedPremisesApplication, ReadinessSummary
from resettle.rules.projection.cohort import Cohort, Man, Mappa, Rosh, Route
from resettle.rules.projection.what_if import Moved, planned_release
from resettle.rules.readiness.case import CLOSED_APPLICATION
from resettle.staff.models import Allocation

ROSH = {"LOW": Rosh.LOW, "MEDIUM": Rosh.MEDIUM, "HIGH": Rosh.HIGH, "VERY_HIGH": Rosh.VERY_HIGH}
RECORDED = {
    "CRD": "conditional_release_date",
    "ARD": "automatic_release_date",
    "PED": "parole_eligibility_date",
    "HDCED": "home_detention_curfew_eligibility_date",
    "PRRD": "post_recall_release_date",
    "TED": "tariff_date",
    "THD": "target_hearing_date",
    "SLED": "licence_expiry_date",
    "SED": "sentence_expiry_date",
}


@dataclass(frozen=True)
class Estate:
    """Prisons as indices, with their regions."""

    codes: list[str]
    names: list[str]
    region_of: np.ndarray  # region index per prison
    region_codes: list[str]
    region_names: list[str]

    @classmethod
    def read(cls) -> "Estate":
        regions = list(Region.objects.order_by("code").values_list("pk", "code", "name"))
        index = {pk: i for i, (pk, _, _) in enumerate(regions)}
        prisons = list(Prison.objects.order_by("code").values_list("code", "name", "region_id"))
        return cls(
            codes=[code for code, _, _ in prisons],
            names=[name for _, name, _ in prisons],
            region_of=np.array([index[region] for _, _, region in prisons], dtype=np.int64),
            region_codes=[code for _, code, _ in regions],
            region_names=[name for _, _, name in regions],
        )

    def index(self) -> dict[str, int]:
        return {code: i for i, code in enumerate(self.codes)}


def _dates(calculated: dict | None, recorded: dict) -> dict[str, date | None]:
    if calculated is not None:
        found = {kind: date.fromisoformat(on) for kind, on in calculated.items()}
        return {kind: found.get(kind) or recorded.get(RECORDED[kind]) for kind in RECORDED}
    return {kind: recorded.get(field) for kind, field in RECORDED.items()}


def man_of(prison: int, dates: dict, *, rosh, mappa, sexual, handover_on, as_of: date) -> Man:
    """His route from his dates (cohort.Route), as rules.release.earliest_release would plan it."""
    automatic = min((d for d in (dates["CRD"], dates["ARD"]) if d), default=None)
    licence_ends = dates["SLED"] or dates["SED"]
    risk = {"rosh": rosh, "mappa": mappa, "sexual_offence": sexual}
    if dates["PRRD"] and (automatic is None or dates["PRRD"] >= automatic):
        return Man(
            prison,
            Route.RECALLED,
            released_by=dates["PRRD"],
            licence_ends=licence_ends,
            com_from_start=True,
            **risk,
        )
    if automatic is None and (dates["TED"] or dates["THD"]):
        # After today, as rules.release: a TED or THD falling today has been reached.
        ahead = [d for d in (dates["TED"], dates["THD"]) if d and d > as_of]
        hearing = min(ahead) if ahead else max(d for d in (dates["TED"], dates["THD"]) if d)
        return Man(prison, Route.INDETERMINATE, hearing_on=hearing, handover_on=handover_on, **risk)
    if automatic is None:
        return Man(prison, Route.UNDATED)
    if dates["PED"] and dates["PED"] < automatic:
        return Man(
            prison,
            Route.PAROLE,
            released_by=automatic,
            hearing_on=dates["PED"],
            licence_ends=licence_ends,
            handover_on=handover_on,
            **risk,
        )
    hdced = dates["HDCED"] if dates["HDCED"] and dates["HDCED"] < automatic else None
    return Man(
        prison,
        Route.AUTOMATIC,
        released_by=automatic,
        hdced=hdced,
        licence_ends=licence_ends,
        handover_on=handover_on,
        **risk,
    )


def _held_men(as_of: date, estate: Estate, dates_under: dict[int, dict] | None):
    """(person id, live man, what-if man) for everyone held on `as_of`. With `dates_under` (booking id ->
    the engine's dates under other rules) the what-if man has those dates, his handover moved by as many
    days as his planned release; without it the two are the same man."""
    index = estate.index()
    held = bookings_held_on(as_of)
    sexual = set(
        Offence.objects.filter(is_sexual=True, sentence__booking__in=held).values_list(
            "sentence__booking_id", flat=True
        )
    )
    calculated = dict(
        CalculatedReleaseDates.objects.filter(booking__in=held, outcome="CALCULATED").values_list(
            "booking_id", "dates"
        )
    )
    handovers = dict(
        ReadinessSummary.objects.filter(person__bookings__in=held).values_list("person_id", "handover_date")
    )
    fields = ["recorded_dates__" + field for field in RECORDED.values()]
    for row in held.values(
        "pk",
        "person_id",
        "is_active",
        "person__current_prison__code",
        "released_from__code",
        "person__risk__rosh_level",
        "person__risk__mappa_category",
        "person__risk__mappa_level",
        *fields,
    ):
        code = row["person__current_prison__code"] if row["is_active"] else row["released_from__code"]
        if code not in index:
            continue
        recorded = {field: row["recorded_dates__" + field] for field in RECORDED.values()}
        category, level = row["person__risk__mappa_category"], row["person__risk__mappa_level"]
        mappa = (
            Mappa.NOT_MAPPA if not category else Mappa(level) if level in (1, 2, 3) else Mappa.LEVEL_NOT_SET
        )
        handover_on = handovers.get(row["person_id"]) if row["is_active"] else None
        facts = {
            "rosh": ROSH.get(row["person__risk__rosh_level"] or "", Rosh.NOT_KNOWN),
            "mappa": mappa,
            "sexual": row["pk"] in sexual,
            "as_of": as_of,
        }
        live = man_of(
            index[code], _dates(calculated.get(row["pk"]), recorded), handover_on=handover_on, **facts
        )
        if dates_under is None or row["pk"] not in dates_under:
            yield row["person_id"], live, live
            continue
        what_if = man_of(index[code], _dates(dates_under[row["pk"]], recorded), handover_on=None, **facts)
        moved_by = _days_between(planned_release(live), planned_release(what_if))
        if handover_on is not None and moved_by is not None:
            what_if = replace(what_if, handover_on=handover_on + timedelta(days=moved_by))
        yield row["person_id"], live, what_if


def _days_between(first: date | None, then: date | None) -> int | None:
    return None if first is None or then is None else (then - first).days


def cohort_on(as_of: date, estate: Estate, dates_under: dict[int, dict] | None = None) -> Cohort:
    """Every man held on `as_of`, at the prison holding (or that released) him; with `dates_under`, each
    man with the dates other rules give him (see _held_men)."""
    men = [what_if for _, _, what_if in _held_men(as_of, estate, dates_under)]
    return Cohort.of(men, as_of=as_of, prisons=len(estate.codes))


# An application still alive, or placed: the approved-premises work due 6 months before release is done.
APPLIED = ~Q(status__in=CLOSED_APPLICATION)


def moved_under(as_of: date, estate: Estate, dates_under: dict[int, dict]) -> tuple[Cohort, list[Moved]]:
    """The what-if cohort, and every man whose planned release the other rules move, with the work
    already done for him (a COM allocated, an approved-premises application made)."""
    men, moved = [], []
    for person, live, what_if in _held_men(as_of, estate, dates_under):
        men.append(what_if)
        if planned_release(live) != planned_release(what_if):
            moved.append((person, live, what_if))
    people = [person for person, _, _ in moved]
    with_com = set(
        Allocation.objects.filter(person__in=people, role="COM", ended_on__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    applied = set(
        ApprovedPremisesApplication.objects.filter(APPLIED, person__in=people).values_list(
            "person_id", flat=True
        )
    )
    return Cohort.of(men, as_of=as_of, prisons=len(estate.codes)), [
        Moved(live, what_if, com_allocated=person in with_com, approved_premises_applied=person in applied)
        for person, live, what_if in moved
    ]


def _month(day: date, first: date) -> int:
    return (day.year - first.year) * 12 + day.month - first.month


@dataclass(frozen=True)
class ReceptionHistory:
    receptions: np.ndarray  # (prisons, months) before the as-of month, oldest first
    released_by_months_served: np.ndarray  # (prisons, months served) in the window
    window_months: int


def reception_history(
    as_of: date, estate: Estate, *, months: int = 24, longest_stay: int = 24, stay_window: int = 12
) -> ReceptionHistory:
    """Receptions per prison for the `months` whole months before `as_of`'s month (counted at the prison
    holding or that released each man: where his release will fall), and the releases in the last
    `stay_window` of those months by whole months served (the same window the stay shares divide by)."""
    index, first = estate.index(), as_of.replace(day=1) - relativedelta(months=months)
    stays_from = as_of.replace(day=1) - relativedelta(months=stay_window)
    receptions = np.zeros((len(estate.codes), months))
    served = np.zeros((len(estate.codes), longest_stay))
    bookings = Booking.objects.filter(received_on__lt=as_of.replace(day=1)).filter(
        Q(received_on__gte=first) | Q(released_on__gte=first, released_on__lt=as_of.replace(day=1))
    )
    for received, released, active, holding, releasing in bookings.values_list(
        "received_on", "released_on", "is_active", "person__current_prison__code", "released_from__code"
    ):
        code = holding if active else releasing
        if code not in index:
            continue
        if received >= first:
            receptions[index[code], _month(received, first)] += 1
        if released and stays_from <= released < as_of.replace(day=1):
            stay = _month(released, received.replace(day=1))
            if stay < longest_stay:
                served[index[code], stay] += 1
    return ReceptionHistory(receptions, served, stay_window)


def actual_releases(start: date, months: int, estate: Estate) -> np.ndarray:
    """Releases that happened, per prison and month from `start` (the back-test's truth)."""
    index = estate.index()
    counted = np.zeros((len(estate.codes), months))
    end = start.replace(day=1) + relativedelta(months=months)
    for released, code in Booking.objects.filter(released_on__gte=start, released_on__lt=end).values_list(
        "released_on", "released_from__code"
    ):
        if code in index:
            counted[index[code], _month(released, start)] += 1
    return counted


# Fewer cases than this in the history and the published rate stands.
MINIMUM_CASES = 30


@dataclass(frozen=True)
class Estimate:
    rate: str
    value: float
    cases: int
    words: str


def estimates_from_history(as_of: date) -> list[Estimate]:
    """Rates the stored history holds enough cases for, from releases in the year before `as_of`."""
    year = Booking.objects.filter(released_on__lt=as_of, released_on__gte=as_of - relativedelta(years=1))
    found = []
    hdc = year.filter(
        recorded_dates__home_detention_curfew_eligibility_date__isnull=False,
        recorded_dates__home_detention_curfew_eligibility_date__lt=F("released_on"),
    )
    eligible = hdc.count()
    if eligible >= MINIMUM_CASES:
        on_hdc = hdc.filter(recorded_dates__home_detention_curfew_actual_date__isnull=False).count()
        found.append(
            Estimate(
                "hdc_approval",
                round(on_hdc / eligible, 3),
                eligible,
                f"{on_hdc} of {eligible} men released in the year with an HDCED left on HDC",
            )
        )
    paroled = year.filter(recorded_dates__actual_parole_date__isnull=False).count()
    still_held = (
        bookings_held_on(as_of)
        .filter(
            recorded_dates__parole_eligibility_date__lt=as_of,
            recorded_dates__parole_eligibility_date__gte=as_of - relativedelta(years=1),
            recorded_dates__actual_parole_date__isnull=True,
        )
        .count()
    )
    if paroled + still_held >= MINIMUM_CASES:
        found.append(
            Estimate(
                "parole_release_per_hearing",
                round(paroled / (paroled + still_held), 3),
                paroled + still_held,
                f"{paroled} released on parole in the year; {still_held} past their PED still held",
            )
        )
    return found
