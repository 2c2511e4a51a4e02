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
    "day-one-appointment": ({}, AS_OF, Status.DUE, {"plan__day_one_appointment_on": CRD}),
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
    "determinate-handover": (PAROLE, "more than 10 months"),
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
