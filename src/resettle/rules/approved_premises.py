"""Approved premises (CAS1): how much notice an application gives, against the National Standards.

Source: `hmpps-approved-premises-ui` `noticeTypeFromApplication.ts` and
`startDateOutsideOfNationalStandardsTimescales.ts` (rulebook §5; anchors §3). The notice thresholds have
changed three times, so they are dated data: a new policy is a new `NoticeRules`, not an edit.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

# "Aim to complete your application 6 months before they are released" (CAS1 apply start page).
NATIONAL_STANDARDS_NOTICE = relativedelta(months=6)


class NoticeType(StrEnum):
    STANDARD = "standard"
    SHORT_NOTICE = "shortNotice"
    EMERGENCY = "emergency"


@dataclass(frozen=True)
class NoticeRules:
    effective_from: date
    emergency_days: int  # arrival this many days or fewer after the application
    short_notice_days: int
    source: str


# The thresholds in force since 5 March 2024 (commit 07a1d2f). The earlier regimes (emergency < 7 days and
# short notice < 4 months before 14 July 2023; emergency <= 28 days from then) were month-based and are not
# needed for current applications.
CURRENT_NOTICE_RULES = NoticeRules(
    effective_from=date(2024, 3, 5),
    emergency_days=7,
    short_notice_days=28,
    source="hmpps-approved-premises-ui noticeTypeFromApplication.ts, since 5 March 2024 (rulebook §5)",
)


def notice_type(
    *, applied_on: date, arrival_on: date, rules: NoticeRules = CURRENT_NOTICE_RULES
) -> NoticeType:
    """Emergency if he arrives within 7 days of the application, short notice within 28, else standard."""
    notice_days = (arrival_on - applied_on).days
    if notice_days <= rules.emergency_days:
        return NoticeType.EMERGENCY
    if notice_days <= rules.short_notice_days:
        return NoticeType.SHORT_NOTICE
    return NoticeType.STANDARD


def national_standards_target(arrival_on: date) -> date:
    """The latest application date within National Standards: 6 months before arrival."""
    return arrival_on - NATIONAL_STANDARDS_NOTICE


def outside_national_standards(*, applied_on: date, arrival_on: date) -> bool:
    """Later than 6 months before arrival: the applicant must give a reason and the assessor agree with it."""
    return applied_on > national_standards_target(arrival_on)


def eligible_for_approved_premises(*, tier: str | None, rosh_high_or_very_high: bool) -> bool:
    """Men in tier A or B, or (as an exceptional case) at high or very high RoSH (rulebook §5, isApplicableTier)."""
    return bool(tier and tier[0] in "AB") or rosh_high_or_very_high
