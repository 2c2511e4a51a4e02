"""MAPPA category (CJA 2003 s.325-327), notification period (SOA 2003 s.82) and HDC exclusion (rulebook §6.4)."""

from datetime import date

import pytest

from resettle.rules.protection import (
    Disposal,
    HdcStatus,
    hdc_exclusion,
    initial_notification_due,
    mappa_category,
    notification_period,
)


def category(**facts):
    defaults = dict(
        subject_to_notification=False,
        murder=False,
        schedule_15=False,
        custodial_term_months=24,
        indeterminate=False,
        category_3_decision=False,
    )
    return mappa_category(**{**defaults, **facts})


def test_category_1_applies_to_everyone_subject_to_notification():
    assert category(subject_to_notification=True, custodial_term_months=3).category == 1


def test_category_2_for_schedule_15_offence_with_12_months_or_more():
    assert category(schedule_15=True, custodial_term_months=12).category == 2


def test_category_2_for_murder():
    assert category(murder=True, indeterminate=True, custodial_term_months=None).category == 2


def test_schedule_15_offence_under_12_months_is_not_category_2():
    result = category(schedule_15=True, custodial_term_months=11)
    assert result.category is None
    assert "under 12 months" in " ".join(result.because)


def test_category_3_only_by_recorded_decision():
    assert category().category is None
    assert category(category_3_decision=True).category == 3


@pytest.mark.parametrize(
    ("disposal", "months", "years"),
    [
        (Disposal.LIFE, None, None),
        (Disposal.IPP, None, None),
        (Disposal.RESTRICTION_ORDER, None, None),
        (Disposal.IMPRISONMENT, 30, None),
        (Disposal.IMPRISONMENT, 29, 10),
        (Disposal.IMPRISONMENT, 7, 10),
        (Disposal.IMPRISONMENT, 6, 7),
        (Disposal.HOSPITAL_ORDER, None, 7),
        (Disposal.CAUTION, None, 2),
        (Disposal.OTHER, None, 5),
    ],
)
def test_notification_period_follows_the_section_82_table(disposal, months, years):
    assert notification_period(disposal=disposal, custodial_term_months=months).years == years


def test_notification_period_for_a_conditional_discharge_is_the_discharge_period():
    assert notification_period(disposal=Disposal.CONDITIONAL_DISCHARGE, discharge_years=1.5).years == 1.5


def test_finite_notification_periods_are_halved_under_18_at_conviction():
    assert (
        notification_period(
            disposal=Disposal.IMPRISONMENT, custodial_term_months=12, under_18_at_conviction=True
        ).years
        == 5
    )


def test_indefinite_notification_is_not_halved_under_18():
    assert notification_period(disposal=Disposal.LIFE, under_18_at_conviction=True).indefinite


def test_initial_police_notification_is_due_3_days_after_release():
    assert initial_notification_due(date(2027, 6, 1)).on == date(2027, 6, 4)


def hdc(**facts):
    defaults = dict(
        has_hdced=True,
        required_to_register=False,
        extended_sentence_violent_or_sexual=False,
        two_thirds_release=False,
        terrorism_offence=False,
        liable_to_deportation=False,
        sexual_offending_history=False,
        category_a=False,
        rosh_high_or_very_high=False,
        mappa_level=None,
    )
    return hdc_exclusion(**{**defaults, **facts})


def test_hdc_statutorily_excludes_anyone_required_to_register():
    result = hdc(required_to_register=True, sexual_offending_history=True)
    assert result.status == HdcStatus.EXCLUDED
    assert "Required to register as a sex offender" in result.because[0]


@pytest.mark.parametrize(
    "fact", ["extended_sentence_violent_or_sexual", "two_thirds_release", "terrorism_offence"]
)
def test_hdc_other_statutory_exclusions(fact):
    assert hdc(**{fact: True}).excluded


def test_hdc_presumed_unsuitable_for_high_rosh_at_mappa_level_2_or_3():
    assert hdc(rosh_high_or_very_high=True, mappa_level=2).status == HdcStatus.PRESUMED_UNSUITABLE
    assert hdc(rosh_high_or_very_high=True, mappa_level=1).status == HdcStatus.ELIGIBLE


@pytest.mark.parametrize("fact", ["sexual_offending_history", "liable_to_deportation", "category_a"])
def test_hdc_presumed_unsuitable(fact):
    assert hdc(**{fact: True}).status == HdcStatus.PRESUMED_UNSUITABLE


def test_hdc_not_applicable_without_an_hdc_eligibility_date():
    assert hdc(has_hdced=False).status == HdcStatus.NOT_APPLICABLE


# Issue 17 item 7: the statutory exclusion is decided before the date (rulebook §6.4: "Statutory exclusion
# for anyone required to register as a sex offender"; CRDS HdcedCalculator.isSexOffender).
def test_a_registered_sex_offender_without_an_hdc_date_is_excluded_not_not_applicable():
    result = hdc(has_hdced=False, required_to_register=True)
    assert result.status == HdcStatus.EXCLUDED
    assert result.because == ("Statutorily excluded: Required to register as a sex offender",)
