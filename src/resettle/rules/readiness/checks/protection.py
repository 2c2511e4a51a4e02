"""Public protection checks: MAPPA identification, level setting, level 2/3 management, notification."""

from dateutil.relativedelta import relativedelta

from ...accommodation import HOUSED
from ...policy import in_words
from ...protection import INITIAL_NOTIFICATION_DAYS
from ..check import ALERT, BLOCKER, Check, after, before, on, recorded, to
from ..facts import Facts
from ..settings import DEFAULT_SETTINGS as POLICY


def _mappa_eligible(facts: Facts) -> bool:
    return facts.mappa.eligible


def _managed_at(*levels: int):
    return lambda facts: facts.case.risk.mappa.level in levels and not facts.released


def _category_explained(facts: Facts) -> str:
    recorded_category = facts.case.risk.mappa.category
    derived = f"Category {facts.mappa.category}: {facts.mappa.because[0]}."
    if recorded_category is None:
        return f"{derived} No category is recorded."
    if recorded_category != facts.mappa.category:
        return f"{derived} Recorded as category {recorded_category}: correct the record."
    return derived


MAPPA_CATEGORY_RECORDED = Check(
    id="mappa-category-recorded",
    title="MAPPA eligibility and category recorded",
    applies=to("MAPPA-eligible men", _mappa_eligible),
    due=on("reception"),
    satisfied_by="risk.mappa.category (NOMIS, nDelius and ViSOR)",
    done=lambda f: f.case.risk.mappa.category == f.mappa.category,
    severity=ALERT,
    source="CJA 2003 s.327; MAPPA Guidance via PAROM1 guidance (rulebook §1.2, R1.4, §9 #3)",
    explain=_category_explained,
)


def _notification_explained(facts: Facts) -> str:
    recorded_flag = facts.case.risk.notification.subject_to_notification
    period = facts.notification_period
    text = (
        f"Notification period {period.describe()}: {'; '.join(period.because)}."
        if period
        else "Notification period not known: the custodial term is not recorded."
    )
    if not recorded_flag:
        text += " Convicted of a Schedule 3 offence but not recorded as subject to notification."
    return text


NOTIFICATION_RECORDED = Check(
    id="notification-recorded",
    title="Sex-offender notification flag and period recorded",
    applies=to(
        "men subject to notification (a Schedule 3 conviction or recorded as registered)",
        lambda f: f.subject_to_notification,
    ),
    due=on("reception"),
    satisfied_by="risk.notification.subject_to_notification, with offending.custodial_term_months",
    done=lambda f: f.case.risk.notification.subject_to_notification and f.notification_period is not None,
    severity=ALERT,
    source="Sexual Offences Act 2003 s.80, s.82 (rulebook R2.1-R2.2, §9 #4)",
    explain=_notification_explained,
)

MAPPA_LEVEL_SET = Check(
    id="mappa-level-set",
    title="MAPPA Q screening done and MAPPA level set",
    applies=to("MAPPA-eligible men", _mappa_eligible),
    due=before("earliest_release", configured="mappa_level_before_release"),
    satisfied_by="risk.mappa.level and risk.mappa.level_set_on",
    # Level 0 means "not relevant" in Manage POM Cases: never a management level (rulebook §1.6).
    done=lambda f: f.case.risk.mappa.level in (1, 2, 3) and f.case.risk.mappa.level_set_on,
    severity=ALERT,
    source=f"PAROM1 guidance R1.5 (parole: PED − {in_words(POLICY.mappa_level_before_release)}); MAPPA Guidance "
    "ch.15 R1.6 [M] (rulebook §9 #15)",
)


def _level_2_or_3_check(check_id: str, title: str, field: str, source_form: str) -> Check:
    return Check(
        id=check_id,
        title=title,
        applies=to("MAPPA level 2 and 3 cases", _managed_at(2, 3)),
        due=before("earliest_release", configured="mappa_level_before_release"),
        satisfied_by=f"risk.mappa.{field}",
        done=recorded(f"risk.mappa.{field}"),
        severity=ALERT,
        source=f"MAPPA Guidance ch.13a; {source_form} (rulebook §1.4-1.5, §9 #16)",
    )


MAPPA_REFERRAL_MADE = _level_2_or_3_check(
    "mappa-referral-made", "MAPPA A referral to level 2 or 3 made", "referral_on", "MAPPA A referral form"
)
MAPPA_PRISON_REPORT = _level_2_or_3_check(
    "mappa-prison-report-supplied", "Prison's MAPPA F report supplied", "prison_report_on", "MAPPA F [M]"
)
MAPPA_RMP_AGREED = _level_2_or_3_check(
    "mappa-rmp-agreed", "MAPPA risk management plan agreed", "rmp_agreed_on", "MAPPA B minutes and RMP"
)

MAPPA_PRE_RELEASE_MEETING = Check(
    id="mappa-pre-release-meeting",
    title="MAPPA pre-release meeting held",
    applies=to("MAPPA level 2 and 3 cases", _managed_at(2, 3)),
    due=before("earliest_release", configured="mappa_level_before_release"),
    satisfied_by="risk.mappa.meetings",
    done=lambda f: max(f.case.risk.mappa.meetings, default=None),
    severity=ALERT,
    source="MAPPA Guidance ch.13a (rulebook §1.4, R1.8, §9 #16)",
)


def _review_check(level: int, cadence: str) -> Check:
    return Check(
        id=f"mappa-level-{level}-review",
        title=f"MAPPA level {level} reviewed at least every {in_words(getattr(POLICY, cadence))}",
        applies=to(f"MAPPA level {level} cases in custody", _managed_at(level)),
        due=after("last_mappa_review", configured=cadence),
        satisfied_by="risk.mappa.meetings (a review each cadence)",
        done=None,
        severity=ALERT,
        source="MAPPA Guidance ch.13a, review frequency [M] (rulebook R1.8, §9 #16)",
    )


MAPPA_LEVEL_2_REVIEW = _review_check(2, "mappa_level_2_review")
MAPPA_LEVEL_3_REVIEW = _review_check(3, "mappa_level_3_review")

POLICE_TOLD_OF_RELEASE = Check(
    id="police-told-of-release",
    title="Police and ViSOR told of release address and date",
    applies=to("MAPPA-eligible men", _mappa_eligible),
    due=before("expected_release", configured="licence_issued_days_before_release"),
    satisfied_by="risk.mappa.police_told_of_release_on",
    done=recorded("risk.mappa.police_told_of_release_on"),
    severity=BLOCKER,
    source="MAPPA Guidance; PSI 06/2013 Mandatory Use of ViSOR (rulebook §1.5, §9 #26)",
)


def _no_fixed_abode(facts: Facts) -> str | None:
    plan = facts.case.plan
    category = (
        plan.outcome.accommodation_on_release
        if plan.outcome
        else plan.accommodation.category
        if plan.accommodation
        else None
    )
    if category is not None and category not in HOUSED:
        return "No fixed abode: he must then notify weekly (2012 Regulations); plan the police station and travel."
    return None


RSO_INITIAL_NOTIFICATION = Check(
    id="rso-initial-notification",
    title=f"Initial notification at a police station within {INITIAL_NOTIFICATION_DAYS} days of release",
    applies=to("men subject to notification", lambda f: f.subject_to_notification),
    # Set by statute (rules.protection), not by a policy that changes with a date.
    due=after("expected_release", dated=lambda _day: relativedelta(days=INITIAL_NOTIFICATION_DAYS)),
    satisfied_by="risk.notification.initial_notification_on",
    done=recorded("risk.notification.initial_notification_on"),
    severity=ALERT,
    source="Sexual Offences Act 2003 s.83(1), s.84(1)(d); 2012 Regulations (rulebook R2.3, R2.6, §9 #28)",
    explain=_no_fixed_abode,
)

CHECKS = (
    MAPPA_CATEGORY_RECORDED,
    NOTIFICATION_RECORDED,
    MAPPA_LEVEL_SET,
    MAPPA_REFERRAL_MADE,
    MAPPA_PRE_RELEASE_MEETING,
    MAPPA_PRISON_REPORT,
    MAPPA_RMP_AGREED,
    MAPPA_LEVEL_2_REVIEW,
    MAPPA_LEVEL_3_REVIEW,
    POLICE_TOLD_OF_RELEASE,
    RSO_INITIAL_NOTIFICATION,
)
