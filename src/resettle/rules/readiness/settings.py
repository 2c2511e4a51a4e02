"""The numbers readiness runs on, as dated versions (rules.policy): every deadline a check holds staff to.

Each number is written once, here, with its source; the checks' deadlines, titles and reasons are rendered
from it. A change of policy is a new version appended to `READINESS_POLICY` with the day it came in
(`dataclasses.replace(READINESS_POLICY[-1], effective_from=..., name=...)`), so a finding can always be
explained by the numbers in force on its day. Numbers the rulebook marks [M] are believed right but not
verified against a source; the others are cited. The handover offsets and the approved-premises notice have
their own dated tables (`rules.handover`, `rules.approved_premises`).
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from ..policy import SINCE_RECORDS_BEGAN, in_force


class PomStrategy(StrEnum):
    TIER = "TIER"  # production Manage POM Cases: tier A or B -> probation POM
    ROSH = "ROSH"  # behind a flag in MPC: tier A, or RoSH high / very high -> probation POM


@dataclass(frozen=True)
class ReadinessSettings:
    """One dated version of the readiness numbers, in force from `effective_from`."""

    name: str
    effective_from: date
    # §9 #2: BCST1 / immediate needs screen within 72 hours of reception.
    immediate_needs_screen_after_reception: relativedelta
    # §7, §9 #5: OASys / RoSH reviewed every 12 months (HMIP Expectations).
    rosh_review_every: relativedelta
    # §9 #5: reviewed "after significant events"; the rulebook gives no time, so 4 weeks [M].
    rosh_review_after_significant_event: relativedelta
    # §9 #7: denial status and any intervention offer "well before R - 12 months" [M].
    innocence_offer_before_release: relativedelta
    # §3.2, §9 #8: Manage POM Cases' early-allocation referral window, and the OASys it needs.
    early_allocation_screen_before_release: relativedelta
    early_allocation_oasys_age: relativedelta
    # §3.2, §9 #11, #13: MPC's upcoming-handover window, and COM allocation overdue after the handover.
    upcoming_handover_window: relativedelta
    com_allocation_overdue_after_handover: relativedelta
    # R1.6: MAPPA level set no later than 6 months before release (ch.15 not read beyond 15.1) [M].
    mappa_level_before_release: relativedelta
    # R1.8: level 2 reviewed at least every 16 weeks, level 3 every 8 [M].
    mappa_level_2_review: relativedelta
    mappa_level_3_review: relativedelta
    # §4.4, §9 #25: release address approved and first night confirmed a week before release.
    first_night_accommodation_days_before_release: int
    # §9 #26: licence issued by the day before release [M].
    licence_issued_days_before_release: int
    # §4.4, §9 #29-30: MI014 on the night of release, MI015 settled accommodation 3 months on.
    outcome_recorded_after_release: relativedelta
    settled_follow_up_after_release: relativedelta
    # §4.1: resettlement prison "at least three months" / "12 weeks" before release; 12 weeks = 84 days [M].
    resettlement_transfer_days_before_release: int
    # §4.2: BCST3 / pre-release report 12 weeks before release [M].
    pre_release_report_days_before_release: int
    # §4.2, §9 #18: the bank-account window, from 6 months to 6 weeks before release.
    bank_account_window_opens: relativedelta
    bank_account_applied_by: relativedelta
    # §4.2, §9 #21: ID documents are funded in the last 12 weeks before release.
    id_documents_funded_within: relativedelta
    # §4.3, §9 #22: "threatened with homelessness" within 56 days (Housing Act 1996 s.175(4)).
    duty_to_refer_days_before_release: int
    # §5: CAS3 needs release within 3 months; the rulebook sets no deadline, so Resettle asks for the
    # referral 4 weeks before release, leaving time to confirm the address by R - 7 days [M].
    cas3_referral_days_before_release: int
    cas3_release_within: relativedelta
    # §9 #24: HDC eligibility and suitability done about 10 weeks before the HDCED [M]; with less than 4
    # weeks to the CRD the decision-maker must approve continuing (licences crdTime.pug).
    hdc_assessment_before_hdced: relativedelta
    hdc_decision_maker_before_crd: relativedelta
    # Planning (issue 10): an agreed move not recorded as completed within a week of its arrival date.
    transfer_arrival_grace: relativedelta
    # The worklists' "due soon" and the amber RAG: something falls due within 4 weeks [M].
    due_soon: relativedelta
    # §3.2: POM-type recommendation strategy.
    pom_strategy: PomStrategy
    # anchors §1: simplified enhanced handover (OASys review + COM contact) for handovers on or after this
    # date (MPC SIMPLIFIED_HANDOVER_CUTOFF_DATE); None keeps the three-task enhanced list.
    simplified_enhanced_handover_from: date | None


READINESS_POLICY: tuple[ReadinessSettings, ...] = (
    ReadinessSettings(
        name="Readiness numbers of the rulebook (issue 5)",
        effective_from=SINCE_RECORDS_BEGAN,
        immediate_needs_screen_after_reception=relativedelta(days=3),
        rosh_review_every=relativedelta(months=12),
        rosh_review_after_significant_event=relativedelta(weeks=4),
        innocence_offer_before_release=relativedelta(months=12),
        early_allocation_screen_before_release=relativedelta(months=18),
        early_allocation_oasys_age=relativedelta(months=3),
        upcoming_handover_window=relativedelta(weeks=8),
        com_allocation_overdue_after_handover=relativedelta(days=2),
        mappa_level_before_release=relativedelta(months=6),
        mappa_level_2_review=relativedelta(weeks=16),
        mappa_level_3_review=relativedelta(weeks=8),
        first_night_accommodation_days_before_release=7,
        licence_issued_days_before_release=1,
        outcome_recorded_after_release=relativedelta(days=1),
        settled_follow_up_after_release=relativedelta(months=3),
        resettlement_transfer_days_before_release=84,
        pre_release_report_days_before_release=84,
        bank_account_window_opens=relativedelta(months=6),
        bank_account_applied_by=relativedelta(weeks=6),
        id_documents_funded_within=relativedelta(weeks=12),
        duty_to_refer_days_before_release=56,
        cas3_referral_days_before_release=28,
        cas3_release_within=relativedelta(months=3),
        hdc_assessment_before_hdced=relativedelta(weeks=10),
        hdc_decision_maker_before_crd=relativedelta(weeks=4),
        transfer_arrival_grace=relativedelta(days=7),
        due_soon=relativedelta(days=28),
        pom_strategy=PomStrategy.TIER,
        simplified_enhanced_handover_from=date(2026, 9, 1),
    ),
)

# The latest version: what titles and worklist copy name, since they describe the policy of today.
DEFAULT_SETTINGS = READINESS_POLICY[-1]


def settings_in_force(day: date) -> ReadinessSettings:
    return in_force(READINESS_POLICY, day)
