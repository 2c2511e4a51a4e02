"""Checks from reception onwards: release dates, immediate needs, risk assessment, the POM, denial."""

from ...handover import recommended_pom_type
from ...policy import in_words
from ...release import date_disagreements
from ..case import LegalStatus, RoshLevel
from ..check import ALERT, EVERYONE, Check, after, before, on, recorded, to
from ..facts import Facts, fmt_date
from ..settings import DEFAULT_SETTINGS as POLICY

UNSENTENCED = (LegalStatus.REMAND, LegalStatus.CONVICTED_UNSENTENCED)


def _sentenced(facts: Facts) -> bool:
    return facts.case.person.legal_status not in UNSENTENCED


def _calculation_state(facts: Facts) -> str | None:
    refused = facts.case.dates.calculation_refused
    if refused:
        return f"Calculation refused ({refused}): planning to the dates recorded in the prison system."
    return None


def _date_differences(facts: Facts) -> list[str]:
    dates = facts.case.dates
    if dates.calculated is None:
        return []
    return [
        f"{kind} recorded {fmt_date(theirs)}, calculated {fmt_date(found.calculated)}"
        for found in date_disagreements(dates.recorded.by_type(), dates.calculated.by_type())
        for kind, theirs in found.recorded
    ]


def _dates_disagree(facts: Facts) -> str | None:
    differences = _date_differences(facts)
    if not differences:
        return None
    planned = facts.earliest_release
    plan = f" Planning to the earlier: {planned.kind} {fmt_date(planned.on)}." if planned else ""
    return "; ".join(differences) + "." + plan


RELEASE_DATES_CALCULATED = Check(
    id="release-dates-calculated",
    title="Release dates calculated by Resettle",
    # An indeterminate sentence has no release dates to calculate: the Parole Board decides release after
    # the tariff, which the court set. Flagging every lifer as overdue would bury the real refusals.
    applies=to(
        "men serving a determinate sentence",
        lambda f: _sentenced(f) and not f.case.indeterminate,
        why_not=lambda f: (
            "an indeterminate sentence: release is decided by the Parole Board after the tariff"
            if _sentenced(f)
            else "not sentenced"
        ),
    ),
    due=on("reception"),
    satisfied_by="dates.calculated",
    done=recorded("dates.calculated"),
    severity=ALERT,
    source="Calculate Release Dates rules (rulebook §6, §9 #1)",
    explain=_calculation_state,
)

RELEASE_DATES_AGREE = Check(
    id="release-dates-agree",
    title="Calculated and recorded release dates agree",
    applies=to("men whose dates Resettle has calculated", lambda f: f.case.dates.calculated is not None),
    due=on("reception"),
    satisfied_by="dates.recorded = dates.calculated",
    done=lambda f: not _date_differences(f),
    severity=ALERT,
    source="Plan to the earlier date and reconcile (issue 5; rulebook §9 #1)",
    explain=_dates_disagree,
)

IMMEDIATE_NEEDS_SCREEN = Check(
    id="immediate-needs-screen",
    title="BCST1 / immediate needs screen within "
    f"{POLICY.immediate_needs_screen_after_reception.days * 24} hours of reception",
    applies=EVERYONE,
    due=after("reception", "immediate_needs_screen_after_reception"),
    satisfied_by="plan.immediate_needs_screen_on",
    done=recorded("plan.immediate_needs_screen_on"),
    severity=ALERT,
    source="Through the Gate PI (Sept 2019); Pre-release and Resettlement Policy Framework (rulebook §4.2, §9 #2)",
)

ROSH_ASSESSMENT_IN_DATE = Check(
    id="rosh-assessment-in-date",
    title=f"OASys / RoSH assessment reviewed within {in_words(POLICY.rosh_review_every)}",
    applies=to("men in custody", lambda f: not f.released),
    due=after("last_rosh_assessment", "rosh_review_every"),
    satisfied_by=f"risk.rosh_assessed_on (a review every {in_words(POLICY.rosh_review_every)})",
    done=None,
    severity=ALERT,
    source="HMIP Expectations, protecting the public (rulebook §7, §8, §9 #5)",
    explain=lambda f: None if f.case.risk.rosh_assessed_on else "No RoSH assessment is recorded.",
)


def _reviewed_since_event(facts: Facts):
    risk = facts.case.risk
    assessed = risk.rosh_assessed_on
    return assessed if assessed and assessed >= risk.significant_event_on else None


def _significant_event(facts: Facts) -> str:
    risk = facts.case.risk
    what = risk.significant_event or "A significant event"
    last = risk.rosh_assessed_on
    return f"{what} on {fmt_date(risk.significant_event_on)}; " + (
        f"last RoSH assessment {fmt_date(last)}." if last else "no RoSH assessment is recorded."
    )


ROSH_REVIEW_AFTER_SIGNIFICANT_EVENT = Check(
    id="rosh-review-after-significant-event",
    title="OASys / RoSH reviewed after a significant event",
    applies=to(
        "men in custody with a significant event recorded",
        lambda f: f.case.risk.significant_event_on is not None and not f.released,
    ),
    due=after("significant_event", configured="rosh_review_after_significant_event"),
    satisfied_by="risk.rosh_assessed_on on or after risk.significant_event_on",
    done=_reviewed_since_event,
    severity=ALERT,
    source="HMIP Expectations: RoSH reviewed after significant events; time allowed [M] (rulebook §7, §9 #5)",
    explain=_significant_event,
)

POM_ALLOCATED = Check(
    id="pom-allocated",
    title="POM allocated",
    applies=to("sentenced men", _sentenced),
    due=on("pom_owed"),
    satisfied_by="allocations.pom",
    done=recorded("allocations.pom.allocated_on"),
    severity=ALERT,
    source="OMiC; HMIP Expectations: an allocated case manager from arrival (rulebook §3, §7, §9 #6); "
    "OMiC's start per estate (anchors §1 OMiC eligibility gate)",
)


def _recommended_pom(facts: Facts):
    case = facts.case
    return recommended_pom_type(
        tier=case.risk.tier,
        rosh_high_or_very_high=case.rosh_high_or_very_high,
        rosh_known=case.risk.rosh_level is not None,
        # Judged as at allocation, when the POM held the case: after handover MPC recommends a prison POM
        # for every case, which would turn a right allocation into a finding.
        pom_responsible=case.person.legal_status != LegalStatus.IMMIGRATION_DETAINEE,
        strategy=facts.settings.pom_strategy,
    )


def _pom_type_matches(facts: Facts) -> bool:
    recommended = _recommended_pom(facts)
    return recommended is None or facts.case.allocations.pom.pom_type == recommended


def _pom_recommendation(facts: Facts) -> str:
    recommended = _recommended_pom(facts)
    if recommended is None:
        return "No recommendation: no RoSH level recorded."
    allocated = facts.case.allocations.pom.pom_type
    return (
        f"Recommended {recommended.lower()} POM ({facts.settings.pom_strategy.lower()} strategy, "
        f"tier {facts.case.risk.tier or 'not recorded'}); allocated {allocated.lower()} POM."
    )


POM_TYPE_MATCHES = Check(
    id="pom-type-matches-recommendation",
    title="POM type matches the recommendation",
    applies=to("men with a POM allocated", lambda f: f.case.allocations.pom is not None),
    due=on("pom_allocated"),
    satisfied_by="allocations.pom.pom_type",
    done=_pom_type_matches,
    severity=ALERT,
    source="Manage POM Cases recommendation service (rulebook §3.2, §9 #6)",
    explain=_pom_recommendation,
)

INNOCENCE_STATUS_RECORDED = Check(
    id="innocence-status-recorded",
    title="Whether he maintains innocence recorded",
    applies=to("sentenced men", _sentenced),
    due=before("earliest_release", configured="innocence_offer_before_release"),
    satisfied_by="risk.maintains_innocence",
    done=lambda f: f.case.risk.maintains_innocence is not None,
    severity=ALERT,
    source="Maintaining innocence (rulebook §8, §9 #7)",
)


def _decided_offer(facts: Facts):
    decided = [offer.offered_on for offer in facts.case.plan.intervention_offers if offer.outcome]
    return max(decided) if decided else None


def _suitable_intervention(facts: Facts) -> str:
    # Kaizen does not require participants to talk about their offending, so men maintaining innocence can
    # take part; it is for high and very high risk. Otherwise one-to-one work [M].
    offer = "Kaizen" if facts.case.rosh_high_or_very_high else "one-to-one work"
    return f"Offer {offer}, record the decision and the risk-management rationale; denial is no bar to release planning."


INNOCENCE_INTERVENTION_OFFERED = Check(
    id="innocence-intervention-offered",
    title="Denial-compatible intervention offered and outcome recorded",
    applies=to("men maintaining innocence", lambda f: bool(f.case.risk.maintains_innocence)),
    due=before("earliest_release", configured="innocence_offer_before_release"),
    satisfied_by="plan.intervention_offers (with an outcome)",
    done=_decided_offer,
    severity=ALERT,
    source="PQ 19 Jul 2017 (Kaizen, Horizon); Prison Reform Trust (rulebook §8, §9 #7)",
    explain=_suitable_intervention,
)


def _early_allocation_factor(facts: Facts) -> bool:
    risk = facts.case.risk
    return (
        risk.mappa.level in (2, 3)
        or risk.rosh_level == RoshLevel.VERY_HIGH
        or facts.case.offending.terrorism
        or risk.high_profile
        or risk.serious_crime_prevention_order
        or risk.cppc_case
    )


EARLY_ALLOCATION_SCREENED = Check(
    id="early-allocation-screened",
    title="Early allocation to probation screened",
    applies=to(
        "men with an early-allocation factor (MAPPA level 2 or 3, very high RoSH, terrorism, SCPO, CPPC, "
        "high profile)",
        _early_allocation_factor,
    ),
    due=before("earliest_release", "early_allocation_screen_before_release"),
    satisfied_by="plan.early_allocation.screened_on",
    done=recorded("plan.early_allocation.screened_on"),
    severity=ALERT,
    source="Manage POM Cases early_allocation.rb: the referral window of "
    f"{in_words(POLICY.early_allocation_screen_before_release)} (rulebook §3.2, §9 #8)",
)


def _oasys_current_at_screen(facts: Facts):
    """Screened, with an OASys completed no longer before the screen than policy allows (or since)."""
    screen = facts.case.plan.early_allocation
    assessed = facts.case.risk.rosh_assessed_on
    if screen is None or assessed is None:
        return None
    oldest = screen.screened_on - facts.settings.early_allocation_oasys_age
    return screen.screened_on if assessed >= oldest else None


def _oasys_at_screen(facts: Facts) -> str:
    screen = facts.case.plan.early_allocation
    assessed = facts.case.risk.rosh_assessed_on
    last = f"last OASys {fmt_date(assessed)}" if assessed else "no OASys recorded"
    if screen is None:
        age = in_words(facts.settings.early_allocation_oasys_age)
        return f"Not yet screened; {last}. The screen needs an OASys no more than {age} old."
    oldest = screen.screened_on - facts.settings.early_allocation_oasys_age
    return f"Screened {fmt_date(screen.screened_on)}; {last}; it must be no older than {fmt_date(oldest)}."


EARLY_ALLOCATION_OASYS_CURRENT = Check(
    id="early-allocation-oasys-current",
    title=f"OASys no more than {in_words(POLICY.early_allocation_oasys_age)} old at the early-allocation screen",
    applies=EARLY_ALLOCATION_SCREENED.applies,
    due=EARLY_ALLOCATION_SCREENED.due,
    satisfied_by="plan.early_allocation.screened_on, with risk.rosh_assessed_on within the "
    f"{in_words(POLICY.early_allocation_oasys_age)} before",
    done=_oasys_current_at_screen,
    severity=ALERT,
    source="Manage POM Cases early_allocation.rb: an OASys completed in the last "
    f"{in_words(POLICY.early_allocation_oasys_age)} (rulebook §3.2, §9 #8)",
    explain=_oasys_at_screen,
)

CHECKS = (
    RELEASE_DATES_CALCULATED,
    RELEASE_DATES_AGREE,
    IMMEDIATE_NEEDS_SCREEN,
    ROSH_ASSESSMENT_IN_DATE,
    ROSH_REVIEW_AFTER_SIGNIFICANT_EVENT,
    POM_ALLOCATED,
    POM_TYPE_MATCHES,
    INNOCENCE_STATUS_RECORDED,
    INNOCENCE_INTERVENTION_OFFERED,
    EARLY_ALLOCATION_SCREENED,
    EARLY_ALLOCATION_OASYS_CURRENT,
)
