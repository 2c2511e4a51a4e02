"""Each readiness check in the catalogue (rulebook §9): not done -> due or overdue, the satisfying record ->
done, and who it does not apply to. One row per check; the ids name the check."""

from datetime import date

import pytest

from resettle.rules.accommodation import AccommodationCategory
from resettle.rules.readiness import CATALOGUE, Status, evaluate_case
from resettle.rules.readiness.case import (
    AccommodationPlan,
    ApprovedPremisesApplication,
    ComAllocation,
    Dates,
    EarlyAllocation,
    HandoverTasks,
    HdcAssessment,
    InterventionOffer,
    KeyDates,
    LegalStatus,
    Licence,
    Pathway,
    PathwayProgress,
    PathwayStatus,
    PlannedTransfer,
    PlannedTransferStatus,
    PomAllocation,
    PomType,
    ReleaseDay,
    ReleaseOutcome,
    RoshLevel,
)

from .builders import BASE, CRD, RECEIVED, with_

AS_OF = date(2027, 1, 4)  # five months before his CRD of 1 June 2027
AFTER_RELEASE = date(2027, 10, 1)
MAPPA_2 = {
    "risk__mappa__category": 1,
    "risk__mappa__level": 2,
    "risk__notification__subject_to_notification": True,
}
ALL_PATHWAYS = tuple(PathwayProgress(pathway, PathwayStatus.IN_PROGRESS) for pathway in Pathway)
PAROLE = {"dates__recorded": KeyDates(ssd=date(2021, 5, 20), ped=date(2027, 12, 1), crd=date(2029, 6, 1))}

# check id: (what makes it apply, as of, status when not done, what satisfies it)
ROWS = {
    "release-dates-calculated": ({}, AS_OF, Status.OVERDUE, {"dates__calculated": KeyDates(crd=CRD)}),
    "release-dates-agree": (
        {"dates__calculated": KeyDates(crd=date(2027, 5, 1))},
        AS_OF,
        Status.OVERDUE,
        {"dates__calculated": KeyDates(crd=CRD)},
    ),
    "immediate-needs-screen": ({}, AS_OF, Status.OVERDUE, {"plan__immediate_needs_screen_on": RECEIVED}),
    "rosh-assessment-in-date": ({"risk__rosh_assessed_on": date(2026, 6, 1)}, AS_OF, Status.DUE, None),
    # Rulebook §9 #5: reviewed after significant events; 4 weeks allowed [M]: due 29 December 2026.
    "rosh-review-after-significant-event": (
        {
            "risk__rosh_assessed_on": date(2026, 6, 1),
            "risk__significant_event_on": date(2026, 12, 1),
            "risk__significant_event": "Further charge",
        },
        AS_OF,
        Status.OVERDUE,
        {"risk__rosh_assessed_on": date(2026, 12, 20)},
    ),
    "pom-allocated": (
        {},
        AS_OF,
        Status.OVERDUE,
        {"allocations__pom": PomAllocation(PomType.PRISON, RECEIVED)},
    ),
    "pom-type-matches-recommendation": (
        {"risk__tier": "B2", "allocations__pom": PomAllocation(PomType.PRISON, RECEIVED)},
        AS_OF,
        Status.OVERDUE,
        {"allocations__pom": PomAllocation(PomType.PROBATION, RECEIVED)},
    ),
    "innocence-status-recorded": ({}, AS_OF, Status.OVERDUE, {"risk__maintains_innocence": False}),
    "innocence-intervention-offered": (
        {"risk__maintains_innocence": True},
        AS_OF,
        Status.OVERDUE,
        {"plan__intervention_offers": (InterventionOffer(date(2025, 1, 1), "Kaizen", "declined"),)},
    ),
    "early-allocation-screened": (
        {"risk__rosh_level": RoshLevel.VERY_HIGH},
        AS_OF,
        Status.OVERDUE,
        {"plan__early_allocation": EarlyAllocation(date(2025, 12, 1))},
    ),
    # Rulebook §3.2, §9 #8: the screen needs an OASys from the last 3 months; due with the screen, R - 18 m.
    "early-allocation-oasys-current": (
        {
            "risk__rosh_level": RoshLevel.VERY_HIGH,
            "risk__rosh_assessed_on": date(2025, 6, 1),
            "plan__early_allocation": EarlyAllocation(date(2025, 12, 1)),
        },
        AS_OF,
        Status.OVERDUE,
        {"risk__rosh_assessed_on": date(2025, 9, 1)},
    ),
    "mappa-category-recorded": (
        {"offending__schedule_3": True},
        AS_OF,
        Status.OVERDUE,
        {"risk__mappa__category": 1},
    ),
    "notification-recorded": (
        {"offending__schedule_3": True},
        AS_OF,
        Status.OVERDUE,
        {"risk__notification__subject_to_notification": True},
    ),
    "mappa-level-set": (
        {"offending__schedule_3": True},
        AS_OF,
        Status.OVERDUE,
        {"risk__mappa__level": 1, "risk__mappa__level_set_on": date(2026, 10, 1)},
    ),
    "mappa-referral-made": (MAPPA_2, AS_OF, Status.OVERDUE, {"risk__mappa__referral_on": date(2026, 9, 1)}),
    "mappa-pre-release-meeting": (
        MAPPA_2,
        AS_OF,
        Status.OVERDUE,
        {"risk__mappa__meetings": (date(2026, 11, 1),)},
    ),
    "mappa-prison-report-supplied": (
        MAPPA_2,
        AS_OF,
        Status.OVERDUE,
        {"risk__mappa__prison_report_on": date(2026, 11, 1)},
    ),
    "mappa-rmp-agreed": (MAPPA_2, AS_OF, Status.OVERDUE, {"risk__mappa__rmp_agreed_on": date(2026, 11, 1)}),
    "mappa-level-2-review": (
        {**MAPPA_2, "risk__mappa__meetings": (date(2026, 9, 1),)},
        AS_OF,
        Status.OVERDUE,  # 16 weeks after 1 September 2026 is 22 December 2026
        None,
    ),
    "mappa-level-3-review": (
        {**MAPPA_2, "risk__mappa__level": 3, "risk__mappa__meetings": (date(2026, 12, 1),)},
        AS_OF,
        Status.DUE,  # 8 weeks after 1 December 2026 is 26 January 2027
        None,
    ),
    "police-told-of-release": (
        {"offending__schedule_3": True},
        AS_OF,
        Status.DUE,
        {"risk__mappa__police_told_of_release_on": date(2027, 5, 20)},
    ),
    "rso-initial-notification": (
        {"offending__schedule_3": True, "person__released_on": CRD},
        AFTER_RELEASE,
        Status.OVERDUE,
        {"risk__notification__initial_notification_on": date(2027, 6, 3)},
    ),
    "early-allocation-handover": (
        {"plan__early_allocation": EarlyAllocation(date(2025, 1, 1), accepted=True)},
        AS_OF,
        Status.OVERDUE,
        {"allocations__com": ComAllocation(date(2026, 2, 1))},
    ),
    "parole-handover": (
        PAROLE,
        AS_OF,
        Status.OVERDUE,  # PED 1 December 2027 - 12 months
        {
            "allocations__com": ComAllocation(date(2026, 11, 1)),
            "plan__parole__parom1_completed_on": date(2026, 12, 1),
        },
    ),
    "determinate-handover": (
        {},
        AS_OF,
        Status.OVERDUE,
        {"allocations__com": ComAllocation(date(2026, 9, 1))},
    ),
    "com-allocated-before-handover": (
        {},
        AS_OF,
        Status.OVERDUE,
        {"allocations__com": ComAllocation(date(2026, 7, 1))},
    ),
    "com-allocation-overdue": (
        {},
        AS_OF,
        Status.OVERDUE,
        {"allocations__com": ComAllocation(date(2026, 9, 18))},
    ),
    "handover-tasks-complete": (
        {},
        AS_OF,
        Status.OVERDUE,
        {
            "plan__handover_tasks": HandoverTasks(
                reviewed_oasys=True, contacted_com=True, attended_handover_meeting=True
            )
        },
    ),
    "resettlement-prison-or-in-reach": ({}, AS_OF, Status.DUE, {"plan__in_reach_plan_on": date(2027, 1, 2)}),
    # Due 12 weeks before his CRD of 1 June 2027: 9 March 2027; an accepted move arriving 1 March does it.
    "transferred-by-12-weeks": (
        {},
        AS_OF,
        Status.DUE,
        {"plan__planned_transfer": PlannedTransfer("EXI", date(2027, 3, 1), PlannedTransferStatus.ACCEPTED)},
    ),
    "pre-release-report": ({}, AS_OF, Status.DUE, {"plan__pre_release_report_on": date(2027, 1, 2)}),
    "resettlement-pathways-assessed": ({}, AS_OF, Status.DUE, {"plan__pathways": ALL_PATHWAYS}),
    "bank-account-application": ({}, AS_OF, Status.DUE, {"plan__bank_account_applied_on": date(2027, 1, 2)}),
    "id-documents-obtained": ({}, AS_OF, Status.DUE, {"plan__id_documents_obtained_on": date(2027, 1, 2)}),
    "duty-to-refer": ({}, date(2027, 4, 10), Status.OVERDUE, {"plan__duty_to_refer_on": date(2027, 3, 1)}),
    "cas3-referral": ({}, date(2027, 5, 10), Status.OVERDUE, {"plan__cas3_referral_on": date(2027, 5, 1)}),
    "hdc-assessment": (
        {"dates__recorded": KeyDates(crd=CRD, hdced=date(2027, 3, 1))},
        AS_OF,
        Status.OVERDUE,  # 10 weeks before 1 March 2027
        {"plan__hdc_assessment": HdcAssessment(date(2026, 12, 1), "ELIGIBLE")},
    ),
    # Rulebook §6.4, §9 #24: an HDCED of 20 May 2027 leaves under 4 weeks to the CRD of 1 June 2027, so the
    # decision-maker's approval is due by CRD - 4 weeks, 4 May 2027.
    "hdc-decision-maker-approval": (
        {"dates__recorded": KeyDates(crd=CRD, hdced=date(2027, 5, 20))},
        AS_OF,
        Status.DUE,
        {"plan__hdc_decision_maker_approved_on": date(2027, 4, 20)},
    ),
    "approved-premises-application": (
        {"risk__rosh_level": RoshLevel.HIGH},
        AS_OF,
        Status.OVERDUE,
        {"plan__approved_premises": ApprovedPremisesApplication(date(2026, 11, 1), arrival_on=CRD)},
    ),
    "first-night-accommodation": (
        {},
        date(2027, 5, 28),
        Status.OVERDUE,
        {
            "plan__accommodation": AccommodationPlan(
                AccommodationCategory.SETTLED, "1 High St", date(2027, 5, 1)
            )
        },
    ),
    "licence-issued": ({}, AS_OF, Status.DUE, {"plan__licence": Licence(("NO_CONTACT",), date(2027, 5, 28))}),
    # Rulebook §9 #26: conditions beyond the AP residence condition (exclusion zone, no contact).
    "licence-conditions-as-required": (
        {"plan__licence": Licence(required_conditions=("EXCLUSION_ZONE", "NO_CONTACT"))},
        AS_OF,
        Status.DUE,
        {
            "plan__licence": Licence(
                ("EXCLUSION_ZONE", "NO_CONTACT"), date(2027, 5, 28), ("EXCLUSION_ZONE", "NO_CONTACT")
            )
        },
    ),
    "day-one-appointment": ({}, AS_OF, Status.DUE, {"plan__day_one_appointment_on": CRD}),
    # Rulebook §9 #27: travel, property, money and discharge grant for the day of release.
    "release-day-arrangements": (
        {},
        AS_OF,
        Status.DUE,
        {"plan__release_day": ReleaseDay(True, True, True, True)},
    ),
    "accommodation-outcome-recorded": (
        {"person__released_on": CRD},
        AFTER_RELEASE,
        Status.OVERDUE,
        {"plan__outcome": ReleaseOutcome(AccommodationCategory.SETTLED, CRD)},
    ),
    "settled-accommodation-follow-up": (
        {"person__released_on": CRD},
        AFTER_RELEASE,
        Status.OVERDUE,
        {"plan__outcome": ReleaseOutcome(AccommodationCategory.SETTLED, CRD, AccommodationCategory.SETTLED)},
    ),
}


def finding(case, check_id, as_of=AS_OF):
    return evaluate_case(case, as_of).finding(check_id)


def test_every_check_in_the_catalogue_has_a_row():
    assert set(ROWS) == {check.id for check in CATALOGUE}


@pytest.mark.parametrize("check_id", ROWS)
def test_check_is_due_or_overdue_until_its_record_is_made(check_id):
    applies, as_of, status, satisfied = ROWS[check_id]
    result = finding(with_(BASE, **applies), check_id, as_of)
    assert result.status == status, result.reason
    assert result.due_date is not None
    if status == Status.OVERDUE:
        assert result.overdue_days == (as_of - result.due_date).days > 0
    if satisfied is not None:
        done = finding(with_(BASE, **{**applies, **satisfied}), check_id, as_of)
        assert done.status == Status.DONE, done.reason


NOT_APPLICABLE = {
    "release-dates-agree": ({}, "calculated"),
    "release-dates-calculated": (
        {"person__legal_status": LegalStatus.INDETERMINATE_SENTENCE},
        "Parole Board",
    ),
    "innocence-intervention-offered": ({"risk__maintains_innocence": False}, "maintaining innocence"),
    "early-allocation-screened": ({}, "early-allocation factor"),
    "mappa-category-recorded": ({}, "MAPPA-eligible"),
    "mappa-level-set": ({}, "MAPPA-eligible"),
    "mappa-referral-made": ({"risk__mappa__level": 1}, "level 2 and 3"),
    "rso-initial-notification": ({}, "subject to notification"),
    "early-allocation-handover": ({}, "early allocation"),
    "parole-handover": ({}, "parole-eligible"),
    "determinate-handover": (PAROLE, "long enough for a handover"),
    "hdc-assessment": (
        {"dates__recorded": KeyDates(crd=CRD, hdced=date(2027, 3, 1)), "offending__schedule_3": True},
        "Required to register as a sex offender",
    ),
    "approved-premises-application": ({}, "approved premises"),
    "duty-to-refer": (
        {
            "plan__accommodation": AccommodationPlan(
                AccommodationCategory.SETTLED, "1 High St", date(2027, 1, 1)
            )
        },
        "without settled",
    ),
    "day-one-appointment": ({"dates": Dates()}, "no the expected release date is known"),
    "rosh-review-after-significant-event": ({}, "significant event recorded"),
    "early-allocation-oasys-current": ({}, "early-allocation factor"),
    "hdc-decision-maker-approval": (
        {"dates__recorded": KeyDates(crd=CRD, hdced=date(2027, 3, 1))},
        "last 4 weeks before the CRD",
    ),
    "licence-conditions-as-required": ({}, "beyond the approved-premises residence condition"),
}


@pytest.mark.parametrize("check_id", NOT_APPLICABLE)
def test_check_does_not_apply_and_says_why(check_id):
    changes, why = NOT_APPLICABLE[check_id]
    result = finding(with_(BASE, **changes), check_id)
    assert result.status == Status.NOT_APPLICABLE
    assert why in result.reason
    assert result.due_date is None


def test_refused_calculation_says_the_recorded_dates_are_used():
    result = finding(
        with_(BASE, dates__calculation_refused="UNSUPPORTED_SENTENCE_TYPE"), "release-dates-calculated"
    )
    assert result.status == Status.OVERDUE
    assert "planning to the dates recorded in the prison system" in result.reason


def test_dates_that_differ_are_reported_and_planning_uses_the_earlier():
    case = with_(BASE, dates__calculated=KeyDates(crd=date(2027, 5, 1)))
    report = evaluate_case(case, AS_OF)
    assert report.earliest_release.on == date(2027, 5, 1)
    reason = report.finding("release-dates-agree").reason
    assert "CRD recorded 1 June 2027, calculated 1 May 2027" in reason
    assert "Planning to the earlier: CRD 1 May 2027" in reason


def test_the_check_compares_the_dates_the_person_page_compares():
    # One rule (rules.release.date_disagreements): an ERSED and an SLED are compared as on the man's page.
    case = with_(
        BASE,
        dates__recorded=KeyDates(crd=CRD, sled=date(2028, 5, 19), ersed=date(2026, 12, 1)),
        dates__calculated=KeyDates(crd=CRD, sled=date(2028, 5, 20), ersed=date(2026, 12, 2)),
    )
    result = finding(case, "release-dates-agree")
    assert result.status == Status.OVERDUE
    assert (
        "SLED recorded 19 May 2028, calculated 20 May 2028; ERSED recorded 1 December 2026, calculated 2 December 2026."
    ) in result.reason


def test_done_late_says_by_how_much():
    result = finding(with_(BASE, plan__immediate_needs_screen_on=date(2021, 6, 10)), "immediate-needs-screen")
    assert result.status == Status.DONE
    assert "5 days after the deadline" in result.reason


def test_licence_for_approved_premises_needs_the_residence_condition():
    case = with_(
        BASE,
        plan__accommodation=AccommodationPlan(
            AccommodationCategory.APPROVED_PREMISES, "AP", date(2027, 4, 1)
        ),
        plan__licence=Licence(("NO_CONTACT",), date(2027, 5, 28)),
    )
    result = finding(case, "licence-issued", date(2027, 6, 1))
    assert result.status == Status.OVERDUE
    assert "AP residence condition" in result.reason


def test_late_approved_premises_application_is_done_but_names_its_notice_type():
    application = ApprovedPremisesApplication(date(2027, 5, 10), arrival_on=CRD)
    result = finding(
        with_(BASE, risk__rosh_level=RoshLevel.HIGH, plan__approved_premises=application),
        "approved-premises-application",
    )
    assert result.status == Status.DONE
    assert "shortNotice notice" in result.reason and "outside National Standards" in result.reason


def test_enhanced_handover_needs_the_meeting_before_the_simplified_cutoff_only():
    tasks = HandoverTasks(reviewed_oasys=True, contacted_com=True)
    handover_in_june_2026 = with_(
        BASE, plan__handover_tasks=tasks, dates__recorded=KeyDates(crd=date(2027, 3, 1))
    )
    result = finding(handover_in_june_2026, "handover-tasks-complete")
    assert result.status == Status.OVERDUE
    assert "handover meeting attended" in result.reason
    handover_in_september_2026 = with_(BASE, plan__handover_tasks=tasks)
    assert finding(handover_in_september_2026, "handover-tasks-complete").status == Status.DONE


def test_standard_handover_needs_com_contact_and_a_handover_report():
    case = with_(
        BASE,
        allocations__com=ComAllocation(date(2026, 9, 1), enhanced_resourcing=False),
        plan__handover_tasks=HandoverTasks(contacted_com=True, sent_handover_report=True),
    )
    assert finding(case, "handover-tasks-complete").status == Status.DONE


def test_every_check_cites_the_rulebook_and_has_a_kebab_case_id():
    for check in CATALOGUE:
        assert "rulebook" in check.source, check.id
        assert check.id == check.id.lower() and " " not in check.id and "_" not in check.id


# Issue 17 item 7: rulebook §6.4 "Statutory exclusion for anyone required to register as a sex offender";
# §9 #24 "HDC: confirm excluded if RSO". The exclusion is decided before the date.
def test_hdc_check_confirms_a_registered_sex_offender_excluded_even_without_an_hdc_date():
    result = finding(with_(BASE, offending__schedule_3=True), "hdc-assessment")
    assert result.status == Status.NOT_APPLICABLE
    assert "excluded from HDC by statute" in result.reason
    assert "Required to register as a sex offender" in result.reason
    assert "No HDC eligibility date" not in result.reason


def test_hdc_check_without_a_date_or_an_exclusion_says_there_is_no_hdc_date():
    assert "No HDC eligibility date" in finding(BASE, "hdc-assessment").reason


# Item 8, §9 #24: "< 4 weeks to CRD needs DM approval" (licences crdTime.pug).
def test_decision_maker_approval_applies_once_less_than_4_weeks_remain_to_the_crd():
    case = with_(BASE, dates__recorded=KeyDates(crd=CRD, hdced=date(2027, 3, 1)))
    assert finding(case, "hdc-decision-maker-approval", date(2027, 5, 4)).status == Status.NOT_APPLICABLE
    late = finding(case, "hdc-decision-maker-approval", date(2027, 5, 5))
    assert (late.status, late.due_date) == (Status.OVERDUE, date(2027, 5, 4))


def test_decision_maker_approval_is_not_asked_once_hdc_is_refused_or_for_an_excluded_man():
    refused = with_(
        BASE,
        dates__recorded=KeyDates(crd=CRD, hdced=date(2027, 5, 20)),
        plan__hdc_assessment=HdcAssessment(date(2027, 3, 1), "REFUSED"),
    )
    excluded = with_(
        BASE, dates__recorded=KeyDates(crd=CRD, hdced=date(2027, 5, 20)), offending__schedule_3=True
    )
    for case in (refused, excluded):
        assert finding(case, "hdc-decision-maker-approval").status == Status.NOT_APPLICABLE


# Item 8, §9 #18: the bank-account window runs from release - 6 months to release - 6 weeks (§4.2).
def test_a_bank_account_application_before_the_window_opened_does_not_count():
    early = with_(BASE, plan__bank_account_applied_on=date(2026, 11, 30))
    result = finding(early, "bank-account-application", date(2027, 5, 1))
    assert result.status == Status.OVERDUE
    assert "before the window opened on 1 December 2026" in result.reason
    on_the_day = with_(BASE, plan__bank_account_applied_on=date(2026, 12, 1))
    assert finding(on_the_day, "bank-account-application", date(2027, 5, 1)).status == Status.DONE


# Item 8, §9 #26: a licence issued without a required condition is not done, and the finding names it.
def test_licence_missing_a_required_condition_names_it():
    licence = Licence(("EXCLUSION_ZONE",), date(2027, 5, 28), ("EXCLUSION_ZONE", "NO_CONTACT"))
    result = finding(with_(BASE, plan__licence=licence), "licence-conditions-as-required", date(2027, 6, 1))
    assert result.status == Status.OVERDUE
    assert "Not on the licence: no contact" in result.reason


# Item 8, §9 #27: what is outstanding for the day of release is named.
def test_release_day_arrangements_name_what_is_outstanding():
    case = with_(BASE, plan__release_day=ReleaseDay(travel_arranged=True, property_ready=True))
    reason = finding(case, "release-day-arrangements").reason
    assert "Outstanding: his money, the discharge grant." in reason


# Item 8, §9 #5: an assessment before the event does not answer it; one on the day of the event does.
def test_rosh_review_after_an_event_needs_an_assessment_on_or_after_it():
    event = {"risk__significant_event_on": date(2026, 12, 1), "risk__significant_event": "Serious incident"}
    before = finding(
        with_(BASE, risk__rosh_assessed_on=date(2026, 11, 30), **event), "rosh-review-after-significant-event"
    )
    assert before.status == Status.OVERDUE and "Serious incident on 1 December 2026" in before.reason
    same_day = finding(
        with_(BASE, risk__rosh_assessed_on=date(2026, 12, 1), **event), "rosh-review-after-significant-event"
    )
    assert same_day.status == Status.DONE


# Item 8, §3.2: the OASys must be no more than 3 months old at the screen: exactly 3 months is in time.
def test_early_allocation_oasys_exactly_3_months_before_the_screen_is_current_a_day_more_is_not():
    base = with_(
        BASE, risk__rosh_level=RoshLevel.VERY_HIGH, plan__early_allocation=EarlyAllocation(date(2025, 12, 1))
    )
    current = finding(with_(base, risk__rosh_assessed_on=date(2025, 9, 1)), "early-allocation-oasys-current")
    stale = finding(with_(base, risk__rosh_assessed_on=date(2025, 8, 31)), "early-allocation-oasys-current")
    assert current.status == Status.DONE
    assert stale.status == Status.OVERDUE and "no older than 1 September 2025" in stale.reason


def test_the_parole_handover_title_holds_under_every_handover_version_and_the_reason_names_the_offset():
    # Issue 15 §3: "COM responsible 12 months before PED" was wrong under the April 2023 rules (PED - 8
    # months). The title names no offset; the reason names the offset of the version in force on the day.
    case = with_(BASE, **PAROLE)
    in_2023 = finding(case, "parole-handover", as_of=date(2023, 6, 1))
    in_2026 = finding(case, "parole-handover")
    assert in_2023.title == in_2026.title and "months" not in in_2026.title
    assert "PED − 8 months" in in_2023.reason
    assert "PED − 12 months" in in_2026.reason


# Issue 18 item 4: a step due by the day of his release (rulebook §9: a BLOCKER "must be done before
# release") can no longer be done once he is out, so it is not overdue work and does not make a released man
# Red. What falls due after release (the night-of-release outcome, the first police notification) still is.
RELEASED = {"person__released_on": CRD, "offending__schedule_3": True}


def test_a_step_due_by_his_release_is_not_overdue_once_he_is_released():
    report = evaluate_case(with_(BASE, **RELEASED), AFTER_RELEASE)
    overdue = [f for f in report.findings if f.status == Status.OVERDUE]
    assert overdue and all(f.due_date > CRD for f in overdue)
    licence = report.finding("licence-issued")
    assert licence.status == Status.NOT_APPLICABLE
    assert licence.reason == (
        "Not applicable now: he was released on 1 June 2027, and this was due by 31 May 2027; "
        "it was not recorded as done."
    )


def test_steps_due_after_his_release_are_still_overdue():
    report = evaluate_case(with_(BASE, **RELEASED), AFTER_RELEASE)
    for check_id in ("accommodation-outcome-recorded", "rso-initial-notification"):
        assert report.finding(check_id).status == Status.OVERDUE, check_id


def test_a_step_done_before_his_release_stays_done():
    case = with_(BASE, **RELEASED, plan__immediate_needs_screen_on=RECEIVED)
    assert evaluate_case(case, AFTER_RELEASE).finding("immediate-needs-screen").status == Status.DONE


# Issue 18 §2: "POM allocated – 11,400 days overdue" for a man received in 1995. A POM is owed from his
# reception, or from OMiC's start in his estate if that came later (anchors §1 "OMiC eligibility gate").
def test_a_pom_is_owed_from_omics_start_in_england_to_a_man_received_before_it():
    case = with_(person__received_on=date(1995, 9, 18))
    assert finding(case, "pom-allocated").due_date == date(2019, 10, 1)


def test_a_pom_is_owed_from_omics_earlier_start_in_wales():
    case = with_(person__received_on=date(1995, 9, 18), person__current_prison="CFI")
    assert finding(case, "pom-allocated").due_date == date(2019, 2, 4)


def test_a_pom_is_owed_from_omics_start_in_the_womens_estate():
    case = with_(person__received_on=date(2015, 1, 5), person__womens_estate=True)
    assert finding(case, "pom-allocated").due_date == date(2021, 4, 30)


def test_a_pom_is_owed_from_reception_to_a_man_received_since_omic():
    assert finding(BASE, "pom-allocated").due_date == RECEIVED
