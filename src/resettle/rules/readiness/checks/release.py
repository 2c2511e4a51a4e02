"""Release checks: approved premises, first-night accommodation, licence, day one, and the outcome."""

from ...accommodation import AccommodationCategory, describe, is_housed
from ...approved_premises import (
    NOTICE_RULES,
    eligible_for_approved_premises,
    national_standards_notice,
    notice_type,
    outside_national_standards,
)
from ...policy import in_words
from ..case import CLOSED_APPLICATION
from ..check import ALERT, BLOCKER, EVERYONE, Check, after, before, naming, on, to
from ..facts import Facts, fmt_date
from ..settings import DEFAULT_SETTINGS as POLICY

AP_RESIDENCE_CONDITION = "APPROVED_PREMISES_RESIDENCE"


def _ap_candidate(facts: Facts) -> bool:
    """AP-eligible (tier A/B, or exceptionally high or very high RoSH) and no other accommodation confirmed."""
    case = facts.case
    eligible = eligible_for_approved_premises(
        tier=case.risk.tier, rosh_high_or_very_high=case.rosh_high_or_very_high
    )
    plan = case.plan.accommodation
    other_confirmed = plan and plan.confirmed_on and plan.category != AccommodationCategory.APPROVED_PREMISES
    return (
        (eligible or case.plan.approved_premises is not None) and not other_confirmed and not facts.released
    )


def _live_application(facts: Facts):
    application = facts.case.plan.approved_premises
    if application is None or application.status in CLOSED_APPLICATION:
        return None
    return application.submitted_on


def _application_timeliness(facts: Facts) -> str | None:
    application = facts.case.plan.approved_premises
    if application is None:
        return None
    text = f"Application {application.status.replace('_', ' ').lower()}"
    if application.arrival_on:
        notice = notice_type(applied_on=application.submitted_on, arrival_on=application.arrival_on)
        text += f", {notice} notice for arrival {fmt_date(application.arrival_on)}"
        if outside_national_standards(applied_on=application.submitted_on, arrival_on=application.arrival_on):
            notice = in_words(national_standards_notice(application.submitted_on))
            text += (
                f"; outside National Standards ({notice}): a reason is required and the assessor must agree"
            )
    return text + "."


APPROVED_PREMISES_APPLICATION = Check(
    id="approved-premises-application",
    title="Approved premises application made "
    f"{in_words(NOTICE_RULES[-1].national_standards_notice)} before release",
    applies=to("men eligible for approved premises with no other accommodation confirmed", _ap_candidate),
    due=before("earliest_release", dated=national_standards_notice),
    satisfied_by="plan.approved_premises (submitted, not withdrawn, rejected or expired)",
    done=_live_application,
    severity=ALERT,
    source="CAS1 National Standards; noticeTypeFromApplication.ts (rulebook §5, §9 #17)",
    explain=_application_timeliness,
)


def _first_night_confirmed(facts: Facts):
    plan = facts.case.plan.accommodation
    if plan is None or not is_housed(plan.category):
        return None
    return plan.confirmed_on


def _planned_accommodation(facts: Facts) -> str:
    plan = facts.case.plan.accommodation
    if plan is None:
        return "No accommodation plan recorded."
    where = f" at {plan.address}" if plan.address else ""
    return f"Plan: {describe(plan.category)}{where}."


FIRST_NIGHT_ACCOMMODATION = Check(
    id="first-night-accommodation",
    title="Release address approved and first-night accommodation confirmed",
    applies=EVERYONE,
    due=before("expected_release", "first_night_accommodation_days_before_release"),
    satisfied_by="plan.accommodation (confirmed, and housed under MI014)",
    done=_first_night_confirmed,
    severity=BLOCKER,
    source="MI014 definitions; MAPPA A needs the approved address (rulebook §4.4, §1.5, §9 #25)",
    explain=_planned_accommodation,
)


def _needs_ap_condition(facts: Facts) -> bool:
    plan = facts.case.plan.accommodation
    return bool(plan and plan.category == AccommodationCategory.APPROVED_PREMISES)


def _licence_issued(facts: Facts):
    licence = facts.case.plan.licence
    if licence is None or licence.issued_on is None:
        return None
    if _needs_ap_condition(facts) and AP_RESIDENCE_CONDITION not in licence.conditions:
        return None
    return licence.issued_on


def _licence_gaps(facts: Facts) -> str | None:
    licence = facts.case.plan.licence
    if _needs_ap_condition(facts) and not (licence and AP_RESIDENCE_CONDITION in licence.conditions):
        return "Going to approved premises: the licence needs an AP residence condition."
    return None


LICENCE_ISSUED = Check(
    id="licence-issued",
    title="Licence with conditions issued",
    applies=EVERYONE,
    due=before("expected_release", configured="licence_issued_days_before_release"),
    satisfied_by="plan.licence.issued_on (with an AP residence condition when going to approved premises)",
    done=_licence_issued,
    severity=BLOCKER,
    source="PI 32/2014 AP residence condition; licence issued the day before release [M] (rulebook §5, §9 #26)",
    explain=_licence_gaps,
)


def _day_one_booked(facts: Facts):
    appointment = facts.case.plan.day_one_appointment_on
    return appointment if appointment and appointment == facts.expected_release.on else None


def _day_one_explained(facts: Facts) -> str | None:
    appointment = facts.case.plan.day_one_appointment_on
    if appointment and appointment != facts.expected_release.on:
        return f"Appointment booked for {fmt_date(appointment)}, not the release day: rebook it."
    return None


DAY_ONE_APPOINTMENT = Check(
    id="day-one-appointment",
    title="COM appointment on the day of release",
    applies=EVERYONE,
    due=on("expected_release"),
    satisfied_by="plan.day_one_appointment_on (the release day)",
    done=_day_one_booked,
    severity=BLOCKER,
    source="HMIP Expectations, release planning; HMPPS day-one claim [B] (rulebook §7, §9 #27)",
    explain=_day_one_explained,
)


def _release_day_outstanding(facts: Facts) -> list[str]:
    day = facts.case.plan.release_day
    return [
        what
        for what, ready in (
            ("travel to his address or the approved premises", day.travel_arranged),
            ("his property", day.property_ready),
            ("his money", day.money_ready),
            ("the discharge grant", day.discharge_grant_arranged),
        )
        if not ready
    ]


RELEASE_DAY_ARRANGEMENTS = Check(
    id="release-day-arrangements",
    title="Travel, property, money and discharge grant ready for the day of release",
    applies=EVERYONE,
    due=on("expected_release"),
    satisfied_by="plan.release_day (travel, property, money, discharge grant)",
    done=lambda f: not _release_day_outstanding(f),
    severity=BLOCKER,
    source="HMIP Expectations, release planning: the release-day plan (rulebook §7, §9 #27)",
    explain=naming("Outstanding", _release_day_outstanding),
)


def _missing_conditions(facts: Facts) -> list[str]:
    licence = facts.case.plan.licence
    return [code for code in licence.required_conditions if code not in licence.conditions]


def _carries_required_conditions(facts: Facts):
    licence = facts.case.plan.licence
    return licence.issued_on if licence.issued_on and not _missing_conditions(facts) else None


def _conditions_explained(facts: Facts) -> str:
    missing = _missing_conditions(facts)
    required = ", ".join(
        code.replace("_", " ").lower() for code in facts.case.plan.licence.required_conditions
    )
    text = f"Required: {required}."
    if missing:
        text += f" Not on the licence: {', '.join(code.replace('_', ' ').lower() for code in missing)}."
    return text


LICENCE_CONDITIONS_AS_REQUIRED = Check(
    id="licence-conditions-as-required",
    title="Licence carries the conditions required (exclusion zones, no contact...)",
    applies=to(
        "men with licence conditions required beyond the approved-premises residence condition",
        lambda f: f.case.plan.licence is not None and bool(f.case.plan.licence.required_conditions),
    ),
    due=before("expected_release", configured="licence_issued_days_before_release"),
    satisfied_by="plan.licence.conditions include every plan.licence.required_conditions, licence issued",
    done=_carries_required_conditions,
    severity=BLOCKER,
    source="Licence with conditions (exclusion zones, contact), the risk management plan's; issued the day "
    "before release [M] (rulebook §1.5, §5, §9 #26)",
    explain=_conditions_explained,
)


def _outcome(facts: Facts) -> str | None:
    outcome = facts.case.plan.outcome
    if outcome is None:
        return None
    return f"Night of release: {describe(outcome.accommodation_on_release)}."


ACCOMMODATION_OUTCOME_RECORDED = Check(
    id="accommodation-outcome-recorded",
    title="Accommodation on the night of release recorded (MI014)",
    applies=EVERYONE,
    due=after("expected_release", "outcome_recorded_after_release"),  # the night following release
    satisfied_by="plan.outcome.accommodation_on_release",
    done=lambda f: f.case.plan.outcome and f.case.plan.outcome.recorded_on,
    severity=ALERT,
    source="Offender accommodation outcomes statistical guidance, MI014 (rulebook §4.4, §9 #29)",
    explain=_outcome,
)


def _settled_follow_up(facts: Facts) -> str | None:
    outcome = facts.case.plan.outcome
    if outcome is None or outcome.settled_at_3_months is None:
        return None
    return f"At {in_words(facts.settings.settled_follow_up_after_release)}: {describe(outcome.settled_at_3_months)}."


SETTLED_ACCOMMODATION_FOLLOW_UP = Check(
    id="settled-accommodation-follow-up",
    title=f"Accommodation {in_words(POLICY.settled_follow_up_after_release)} after release recorded (MI015)",
    applies=EVERYONE,
    due=after("expected_release", "settled_follow_up_after_release"),
    satisfied_by="plan.outcome.settled_at_3_months",
    done=lambda f: f.case.plan.outcome is not None and f.case.plan.outcome.settled_at_3_months is not None,
    severity=ALERT,
    source="Offender accommodation outcomes statistical guidance, MI015 (rulebook §4.4, §9 #30)",
    explain=_settled_follow_up,
)

CHECKS = (
    APPROVED_PREMISES_APPLICATION,
    FIRST_NIGHT_ACCOMMODATION,
    LICENCE_ISSUED,
    LICENCE_CONDITIONS_AS_REQUIRED,
    DAY_ONE_APPOINTMENT,
    RELEASE_DAY_ARRANGEMENTS,
    ACCOMMODATION_OUTCOME_RECORDED,
    SETTLED_ACCOMMODATION_FOLLOW_UP,
)
