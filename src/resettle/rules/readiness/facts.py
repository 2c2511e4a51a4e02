"""What the checks read: the case plus the values derived from it once (release dates, handover, MAPPA...).

Two release dates matter (issue 5, rulebook §9). Preparation runs from the earliest release date: PED if
parole-eligible, else the earlier of CRD/ARD; PRRD after recall; TED or THD for indeterminate sentences
(`rules.release.earliest_release`). Release-day blockers run from the expected release date: the confirmed
or directed release date if there is one, else CRD/ARD, never a PED that may not lead to release.
Where Resettle's calculation and the prison record differ, both plan to the earlier.
"""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from ..explained import ExplainedDate, long_date
from ..handover import Handover, OpenConditions, calculate_handover, omic_from, open_conditions
from ..protection import (
    Disposal,
    HdcExclusion,
    MappaCategoryResult,
    NotificationPeriod,
    hdc_exclusion,
    mappa_category,
    notification_period,
)
from ..release import automatic_release, earliest_release, plan_to_earlier
from .case import Case, KeyDates, LegalStatus, SentenceKind
from .settings import ReadinessSettings

fmt_date = long_date  # the readiness checks' name for it


def expected_release(dates: KeyDates, *, indeterminate: bool, recalled: bool) -> ExplainedDate | None:
    """The day he is expected to walk out: confirmed, else directed (APD), else PRRD after recall, else the
    earlier of CRD and ARD. None for an indeterminate sentence with no release directed."""
    if dates.confirmed_release_date:
        return ExplainedDate("CONFIRMED", dates.confirmed_release_date, ("Confirmed release date",))
    if dates.apd:
        return ExplainedDate("APD", dates.apd, ("Release directed by the Parole Board (APD)",))
    if recalled and dates.prrd:
        return ExplainedDate("PRRD", dates.prrd, ("Recalled: expected release at the PRRD",))
    if indeterminate:
        return None
    automatic = [(kind, day) for kind, day in (("CRD", dates.crd), ("ARD", dates.ard)) if day]
    if not automatic:
        return None
    kind, day = automatic_release(automatic)
    return ExplainedDate(kind, day, (f"Expected release at the {kind}, {fmt_date(day)} (not the PED)",))


def planned_expected_release(case: Case) -> ExplainedDate | None:
    """The expected release date to plan release-day tasks to (actual date once he is released)."""
    if case.person.released_on:
        return ExplainedDate(
            "RELEASED", case.person.released_on, (f"Released {fmt_date(case.person.released_on)}",)
        )
    options = {"indeterminate": case.indeterminate, "recalled": case.recalled}
    recorded = expected_release(case.dates.recorded, **options)
    if recorded and recorded.kind in ("CONFIRMED", "APD"):
        return recorded  # a decision about the actual day outranks any calculation
    calculated = case.dates.calculated
    return plan_to_earlier(recorded, expected_release(calculated, **options) if calculated else None)


def planned_earliest_release(case: Case, *, today: date) -> ExplainedDate | None:
    options = {"indeterminate": case.indeterminate, "recalled": case.recalled, "today": today}
    calculated = case.dates.calculated
    return plan_to_earlier(
        earliest_release(case.dates.recorded, **options),
        earliest_release(calculated, **options) if calculated else None,
    )


def subject_to_notification(case: Case) -> bool:
    """Recorded as registered, or convicted of a Schedule 3 offence (SOA 2003 s.80)."""
    return case.risk.notification.subject_to_notification or case.offending.schedule_3


def case_notification_period(case: Case) -> NotificationPeriod | None:
    if not subject_to_notification(case):
        return None
    offending = case.offending
    disposal = {SentenceKind.LIFE: Disposal.LIFE, SentenceKind.IPP: Disposal.IPP}.get(
        offending.sentence_kind, Disposal.IMPRISONMENT
    )
    if disposal == Disposal.IMPRISONMENT and offending.custodial_term_months is None:
        return None  # the term is needed and not known
    under_18 = relativedelta(offending.convicted_on, case.person.date_of_birth).years < 18
    return notification_period(
        disposal=disposal,
        custodial_term_months=offending.custodial_term_months,
        under_18_at_conviction=under_18,
    )


def case_mappa_category(case: Case) -> MappaCategoryResult:
    return mappa_category(
        subject_to_notification=subject_to_notification(case),
        murder=case.offending.murder,
        schedule_15=case.offending.schedule_15,
        custodial_term_months=case.offending.custodial_term_months,
        indeterminate=case.indeterminate,
        category_3_decision=case.risk.mappa.category_3_decision_on is not None,
    )


def case_hdc(case: Case) -> HdcExclusion:
    offending = case.offending
    return hdc_exclusion(
        has_hdced=bool(sentence_dates(case).hdced),
        required_to_register=subject_to_notification(case),
        extended_sentence_violent_or_sexual=offending.sentence_kind == SentenceKind.EXTENDED
        and (offending.violent or offending.sexual),
        two_thirds_release=offending.sds_plus,
        terrorism_offence=offending.terrorism,
        liable_to_deportation=case.person.liable_to_deportation,
        sexual_offending_history=offending.sexual,
        category_a=case.person.security_category == "A",
        rosh_high_or_very_high=case.rosh_high_or_very_high,
        mappa_level=case.risk.mappa.level,
    )


def planned_crd(case: Case) -> date | None:
    """The CRD, the earlier where the record and the calculation differ (plan to the earlier)."""
    known = [dates.crd for dates in (case.dates.recorded, case.dates.calculated) if dates and dates.crd]
    return min(known, default=None)


def sentence_dates(case: Case) -> KeyDates:
    """Resettle's calculation where there is one, else the record (for dates with no planning choice)."""
    return case.dates.calculated or case.dates.recorded


def case_parole_eligibility_date(case: Case, erd: ExplainedDate | None) -> date | None:
    """The PED the handover runs from: the one release is planned to, else his PED even though it has passed
    (a parole case stays one: rules.handover.calculate_handover)."""
    if erd is not None and erd.kind == "PED":
        return erd.on
    return sentence_dates(case).ped


def case_open_conditions(case: Case) -> OpenConditions:
    person = case.person
    return open_conditions(
        in_open=person.in_open_conditions,
        womens_estate=person.womens_estate,
        moved_on=person.moved_to_open_conditions_on,
        prison=person.current_prison,
    )


def case_handover(case: Case, erd: ExplainedDate | None, *, today: date) -> Handover:
    dates = sentence_dates(case)
    return calculate_handover(
        earliest_release=erd.on if erd else None,
        sentence_start=dates.ssd or case.dates.recorded.ssd,
        indeterminate=case.indeterminate,
        recalled=case.recalled,
        immigration_case=case.person.legal_status == LegalStatus.IMMIGRATION_DETAINEE,
        early_allocation=bool(case.plan.early_allocation and case.plan.early_allocation.accepted),
        parole_eligibility_date=case_parole_eligibility_date(case, erd),
        open_conditions=case_open_conditions(case),
        additional_isp=case.offending.additional_future_isp,
        target_hearing_date=case.dates.recorded.thd,
        parole_refused=case.plan.parole.refused_release,
        mappa_level=case.risk.mappa.level,
        today=today,
    )


@dataclass(frozen=True)
class Facts:
    case: Case
    as_of: date
    settings: ReadinessSettings
    earliest_release: ExplainedDate | None
    expected_release: ExplainedDate | None
    handover: Handover
    mappa: MappaCategoryResult
    notification_period: NotificationPeriod | None
    hdc: HdcExclusion

    @classmethod
    def of(cls, case: Case, *, as_of: date, settings: ReadinessSettings) -> "Facts":
        erd = planned_earliest_release(case, today=as_of)
        return cls(
            case=case,
            as_of=as_of,
            settings=settings,
            earliest_release=erd,
            expected_release=planned_expected_release(case),
            handover=case_handover(case, erd, today=as_of),
            mappa=case_mappa_category(case),
            notification_period=case_notification_period(case),
            hdc=case_hdc(case),
        )

    @property
    def subject_to_notification(self) -> bool:
        return subject_to_notification(self.case)

    @property
    def released(self) -> bool:
        return self.case.person.released_on is not None

    def key_date(self, name: str) -> date | None:
        """A date a deadline can run from, by name (see KEY_DATES)."""
        return KEY_DATES[name][1](self)


def _last_mappa_review(facts: Facts) -> date | None:
    mappa = facts.case.risk.mappa
    known = [day for day in (*mappa.meetings, mappa.level_set_on) if day]
    return max(known) if known else None


def _pom_owed(case: Case) -> date:
    """A man received before OMiC reached his estate was owed a POM from then, not from his reception."""
    person = case.person
    return max(
        person.received_on, omic_from(prison=person.current_prison, womens_estate=person.womens_estate)
    )


def _ed(explained: ExplainedDate | None) -> date | None:
    return explained.on if explained else None


# name -> (how a reason names it, how to find it)
KEY_DATES = {
    "reception": ("the reception date", lambda f: f.case.person.received_on),
    "pom_owed": ("the reception date, or OMiC's start in his estate if later", lambda f: _pom_owed(f.case)),
    "earliest_release": ("the earliest release date", lambda f: _ed(f.earliest_release)),
    "expected_release": ("the expected release date", lambda f: _ed(f.expected_release)),
    "handover": ("the handover date", lambda f: f.handover.handover_date),
    "hdced": ("the HDC eligibility date", lambda f: sentence_dates(f.case).hdced),
    "crd": ("the CRD", lambda f: planned_crd(f.case)),
    "significant_event": ("the significant event", lambda f: f.case.risk.significant_event_on),
    # Never assessed: the 12-month clock runs from reception, so a missing OASys surfaces rather than hides.
    "last_rosh_assessment": (
        "the last RoSH assessment (reception, if none is recorded)",
        lambda f: f.case.risk.rosh_assessed_on or f.case.person.received_on,
    ),
    "last_mappa_review": ("the last MAPPA meeting or level decision", _last_mappa_review),
    "pom_allocated": (
        "the POM allocation",
        lambda f: f.case.allocations.pom and f.case.allocations.pom.allocated_on,
    ),
}
