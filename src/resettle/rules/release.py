"""Which of a man's key dates is the one to plan his release to.

Manage POM Cases' `calculate_earliest_release` is the model: for a determinate sentence the parole
eligibility date if there is one, else the earlier of the automatic and conditional release dates; after
recall the post-recall release date; for an indeterminate sentence the tariff expiry date if it is still
ahead, else the target hearing date if that is ahead, else whichever of the two is nearer today.
Resettle differs in one place, deliberately: a PED already passed (parole refused or pending) no longer
marks the earliest release, so planning falls back to CRD/ARD rather than a date in the past, and says
the PED has passed. That is a choice of the date to plan release to, not of who is responsible: the
handover (`rules.handover.calculate_handover`) still treats any recorded PED as a parole case, as MPC
does, so the COM who took over at PED - 12 months keeps the case (docs/release-dates.md).

Boundaries: "in the future" is strict, as in MPC (Rails' `future?`): a TED or THD falling today has been
reached, so a THD still ahead is preferred to it. A PED is the first day he may be released, so on the
day itself it is still his earliest release, and it has passed only from the day after.
Where the CRD and ARD fall on the same day, the date is named ARD, as the prison record names it
(Prisoner Search `nonDtoReleaseDateType`, anchors §4).
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date

from .explained import ExplainedDate, long_date


@dataclass(frozen=True)
class KeyDates:
    """One set of a man's key dates, named as NOMIS and CRDS name them: the one type for the dates the
    prison system records and the dates Resettle calculates, read by the release summary and by the
    readiness checks alike."""

    ssd: date | None = None  # sentence start date
    crd: date | None = None
    ard: date | None = None
    ped: date | None = None
    hdced: date | None = None
    prrd: date | None = None  # post-recall release date
    ted: date | None = None  # tariff expiry date
    thd: date | None = None  # target hearing date
    sled: date | None = None
    tused: date | None = None
    ersed: date | None = None  # early removal scheme eligibility date
    mtd: date | None = None  # mid-term date (detention and training orders)
    apd: date | None = None  # approved (directed) parole date
    confirmed_release_date: date | None = None

    def by_type(self) -> dict[str, date]:
        """The dates that are known, keyed by their type as CRDS and NOMIS write it: {"CRD": ...}."""
        return {
            field.name.upper(): getattr(self, field.name)
            for field in fields(self)
            if getattr(self, field.name)
        }


# The dates on which the prison system's record and Resettle's calculation are compared, in CRDS order. The
# rest are not calculated by Resettle (SSD, THD, APD, the confirmed release date) so cannot disagree.
COMPARED_DATES = ("SLED", "SED", "LED", "CRD", "ARD", "PRRD", "PED", "HDCED", "ERSED", "MTD", "TUSED", "TED")

# The recorded types a calculated date is compared with. CRDS writes one SLED when the sentence and licence
# expire together, where the prison records an SED and an LED; a readiness Case holds them as one SLED.
_COUNTERPARTS = {"SLED": ("SLED", "SED", "LED")}


@dataclass(frozen=True)
class DateDisagreement:
    kind: str  # the calculated date's type: CRD, SLED...
    calculated: date
    recorded: tuple[tuple[str, date], ...]  # each recorded date of that type that differs, as (type, date)


def date_disagreements(
    recorded: Mapping[str, date], calculated: Mapping[str, date]
) -> tuple[DateDisagreement, ...]:
    """The compared dates on which the prison record and the calculation differ, in CRDS order.

    Both are keyed by type ("CRD", "SLED"...). A date only one side has is not a disagreement: the engine
    calculates no TED, and a record may lack an HDCED the engine finds; only two different days for one
    date are. Where they disagree Resettle plans to the earlier (`plan_to_earlier`) and says so.
    """
    found = []
    for kind in COMPARED_DATES:
        ours = calculated.get(kind)
        if ours is None:
            continue
        theirs = tuple(
            (other, recorded[other])
            for other in _COUNTERPARTS.get(kind, (kind,))
            if recorded.get(other) and recorded[other] != ours
        )
        if theirs:
            found.append(DateDisagreement(kind, ours, theirs))
    return tuple(found)


def earliest_release(
    dates: KeyDates, *, indeterminate: bool, recalled: bool, today: date
) -> ExplainedDate | None:
    """The earliest date he may lawfully leave custody, and why; None when no date is known."""
    if indeterminate:
        return _indeterminate_release(dates, today=today)
    if recalled and dates.prrd:
        return ExplainedDate("PRRD", dates.prrd, ("Recalled: released at the post-recall release date",))
    if dates.ped and dates.ped >= today:
        return ExplainedDate(
            "PED", dates.ped, (f"Parole eligible: earliest release is the PED, {long_date(dates.ped)}",)
        )
    automatic = [(kind, day) for kind, day in (("CRD", dates.crd), ("ARD", dates.ard)) if day]
    if not automatic:
        return None
    kind, day = automatic_release(automatic)
    reasons = [_automatic_release_reason(kind, day, today=today)]
    if dates.ped:
        reasons.insert(0, f"PED {long_date(dates.ped)} has passed without release")
    return ExplainedDate(kind, day, tuple(reasons))


def _automatic_release_reason(kind: str, day: date, *, today: date) -> str:
    # A day passed is no release that happened: the page asks for him to be checked (release_to_check).
    if day < today:
        return f"Automatic release was due at the {kind}, {long_date(day)}"
    return f"Released automatically at the {kind}, {long_date(day)}"


# The dates on which he leaves custody without a decision: his sentence releases him on the day.
AUTOMATIC_RELEASE_DATES = frozenset({"CRD", "ARD", "PRRD"})
# The dates of an indeterminate sentence that release is planned to, which release him only if the Parole
# Board then directs it (at the APD): the tariff's end and the next hearing. Never "the release date".
PAROLE_CONSIDERATION_DATES = frozenset({"TED", "THD"})


def is_release_date(kind: str) -> bool:
    """Whether a planned date of this kind is one he may be released on: not a TED or THD (see above)."""
    return kind not in PAROLE_CONSIDERATION_DATES


def release_to_check(planned: ExplainedDate | None, *, today: date) -> str | None:
    """For a man the prison records in custody: what to check when the automatic release date he is planned
    to has passed (the two records cannot both be right), or None when they agree. A passed PED, TED or THD
    disagrees with nothing: release on those waits for the Parole Board."""
    if planned is None or planned.kind not in AUTOMATIC_RELEASE_DATES or planned.on >= today:
        return None
    return (
        f"His {planned.kind}, {long_date(planned.on)}, has passed but the prison still records him in custody. "
        "Check with the prison whether he has been released, or whether his release date has changed."
    )


def automatic_release(automatic: list[tuple[str, date]]) -> tuple[str, date]:
    """The earliest of the (kind, date) pairs; on a tie the ARD's name, as the prison record has it."""
    return min(automatic, key=lambda pair: (pair[1], pair[0] != "ARD"))


def _indeterminate_release(dates: KeyDates, *, today: date) -> ExplainedDate | None:
    if dates.ted and dates.ted > today:
        return ExplainedDate("TED", dates.ted, ("Indeterminate sentence: tariff expires in the future",))
    if dates.thd and dates.thd > today:
        return ExplainedDate(
            "THD", dates.thd, ("Indeterminate sentence past tariff: next parole hearing is the target",)
        )
    known = [(kind, day) for kind, day in (("TED", dates.ted), ("THD", dates.thd)) if day]
    if not known:
        return None
    kind, day = min(known, key=lambda pair: abs((pair[1] - today).days))
    return ExplainedDate(kind, day, (f"Indeterminate sentence: {kind} has been reached; nearest date shown",))


def plan_to_earlier(recorded: ExplainedDate | None, calculated: ExplainedDate | None) -> ExplainedDate | None:
    """Where the prison system's dates and Resettle's calculation disagree, plan to the earlier date.

    Planning late for a release that comes early is the failure Resettle exists to prevent, so the earlier
    of the two wins and the disagreement is stated, never hidden.
    """
    if recorded is None or calculated is None:
        chosen = recorded or calculated
        if chosen is None:
            return None
        source = "recorded in the prison system" if chosen is recorded else "calculated by Resettle"
        return ExplainedDate(chosen.kind, chosen.on, (*chosen.because, f"Date {source}"))
    if (recorded.kind, recorded.on) == (calculated.kind, calculated.on):
        return ExplainedDate(
            recorded.kind,
            recorded.on,
            (*recorded.because, "The prison system's record and Resettle's calculation agree"),
        )
    earlier, source = (
        (recorded, "prison system's record") if recorded.on <= calculated.on else (calculated, "calculation")
    )
    note = (
        f"The prison system records {recorded.kind} {long_date(recorded.on)} but Resettle calculates "
        f"{calculated.kind} {long_date(calculated.on)}: planning to the earlier ({source}) until they are reconciled"
    )
    return ExplainedDate(earlier.kind, earlier.on, (*earlier.because, note))
