"""Approved-premises notice type and the National Standards 6-month target (rulebook §5; anchors §3)."""

from datetime import date, timedelta

from resettle.rules.approved_premises import (
    NoticeType,
    eligible_for_approved_premises,
    national_standards_target,
    notice_type,
    outside_national_standards,
)

APPLIED = date(2027, 1, 4)


def test_arrival_within_7_days_of_application_is_emergency():
    assert notice_type(applied_on=APPLIED, arrival_on=APPLIED + timedelta(days=7)) == NoticeType.EMERGENCY


def test_arrival_within_28_days_of_application_is_short_notice():
    assert notice_type(applied_on=APPLIED, arrival_on=APPLIED + timedelta(days=8)) == NoticeType.SHORT_NOTICE
    assert notice_type(applied_on=APPLIED, arrival_on=APPLIED + timedelta(days=28)) == NoticeType.SHORT_NOTICE


def test_arrival_more_than_28_days_after_application_is_standard():
    assert notice_type(applied_on=APPLIED, arrival_on=APPLIED + timedelta(days=29)) == NoticeType.STANDARD


def test_national_standards_target_is_6_months_before_arrival():
    assert national_standards_target(date(2027, 7, 4), today=APPLIED) == APPLIED
    assert not outside_national_standards(applied_on=APPLIED, arrival_on=date(2027, 7, 4))
    assert outside_national_standards(applied_on=APPLIED, arrival_on=date(2027, 7, 3))


def test_approved_premises_for_tier_a_or_b_or_exceptionally_high_rosh():
    assert eligible_for_approved_premises(tier="B2", rosh_high_or_very_high=False)
    assert eligible_for_approved_premises(tier="C1", rosh_high_or_very_high=True)
    assert not eligible_for_approved_premises(tier="C1", rosh_high_or_very_high=False)
