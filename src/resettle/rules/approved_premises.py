"""Approved premises (CAS1): how much notice an application gives, against the National Standards.

Source: `hmpps-approved-premises-ui` `noticeTypeFromApplication.ts` and
`startDateOutsideOfNationalStandardsTimescales.ts` (rulebook §5; anchors §3). The notice thresholds have
changed three times, so they are dated data (rules.policy): a new policy is a new `NoticeRules` appended to
`NOTICE_RULES`, not an edit. An application is judged by the rules in force on the day it was made.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from .policy import in_force


class NoticeType(StrEnum):
    STANDARD = "standard"
    SHORT_NOTICE = "shortNotice"
    EMERGENCY = "emergency"


@dataclass(frozen=True)
class NoticeRules:
    effective_from: date
    emergency_days: int  # arrival this many days or fewer after the application
    short_notice_days: int
    # "Aim to complete your application 6 months before they are released" (CAS1 apply start page).
    national_standards_notice: relativedelta
    source: str


# The thresholds in force since 5 March 2024 (commit 07a1d2f). The earlier regimes (emergency < 7 days and
# short notice < 4 months before 14 July 2023; emergency <= 28 days from then) were month-based and are not
# encoded: before 5 March 2024 these rules are used, as `in_force` does for any table's first version.
NOTICE_RULES: tuple[NoticeRules, ...] = (
    NoticeRules(
        effective_from=date(2024, 3, 5),
        emergency_days=7,
        short_notice_days=28,
        national_standards_notice=relativedelta(months=6),
        source="hmpps-approved-premises-ui noticeTypeFromApplication.ts, since 5 March 2024 (rulebook §5)",
    ),
)


def notice_rules_in_force(day: date) -> NoticeRules:
    return in_force(NOTICE_RULES, day)


def national_standards_notice(day: date) -> relativedelta:
    """How long before arrival National Standards ask for the application, under the rules of `day`."""
    return notice_rules_in_force(day).national_standards_notice


def notice_type(*, applied_on: date, arrival_on: date) -> NoticeType:
    """Emergency if he arrives within the emergency days of the application, short notice within the
    short-notice days, else standard: by the rules in force on the day he applied."""
    rules = notice_rules_in_force(applied_on)
    notice_days = (arrival_on - applied_on).days
    if notice_days <= rules.emergency_days:
        return NoticeType.EMERGENCY
    if notice_days <= rules.short_notice_days:
        return NoticeType.SHORT_NOTICE
    return NoticeType.STANDARD


def national_standards_target(arrival_on: date, *, today: date) -> date:
    """The latest application date within National Standards (6 months before arrival, in 2024)."""
    return arrival_on - national_standards_notice(today)


def outside_national_standards(*, applied_on: date, arrival_on: date) -> bool:
    """Applied later than National Standards ask: the applicant must give a reason and the assessor agree."""
    return applied_on > national_standards_target(arrival_on, today=applied_on)


def eligible_for_approved_premises(*, tier: str | None, rosh_high_or_very_high: bool) -> bool:
    """Men in tier A or B, or (as an exceptional case) at high or very high RoSH (rulebook §5, isApplicableTier)."""
    return bool(tier and tier[0] in "AB") or rosh_high_or_very_high
