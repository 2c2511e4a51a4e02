"""The numbers readiness runs on that the rulebook marks [M]: believed right, not verified against a source.

Each is a field with its default and its rulebook reference, so a policy team can change one without a code
change. Verified numbers (72 hours, 56 days, 8 weeks, 6 months for approved premises) live in the checks.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta


class PomStrategy(StrEnum):
    TIER = "TIER"  # production Manage POM Cases: tier A or B -> probation POM
    ROSH = "ROSH"  # behind a flag in MPC: tier A, or RoSH high / very high -> probation POM


@dataclass(frozen=True)
class ReadinessSettings:
    # R1.6: MAPPA level set no later than 6 months before release (ch.15 not read beyond 15.1).
    mappa_level_before_release: relativedelta = relativedelta(months=6)
    # R1.8: level 2 reviewed at least every 16 weeks, level 3 every 8.
    mappa_level_2_review: relativedelta = relativedelta(weeks=16)
    mappa_level_3_review: relativedelta = relativedelta(weeks=8)
    # §9 #26: licence issued by the day before release.
    licence_issued_days_before_release: int = 1
    # §4.1: resettlement prison "at least three months" / "12 weeks" before release; 12 weeks = 84 days.
    resettlement_transfer_days_before_release: int = 84
    # §4.2: BCST3 / pre-release report 12 weeks before release.
    pre_release_report_days_before_release: int = 84
    # §9 #24: HDC eligibility and suitability done about 10 weeks before the HDCED.
    hdc_assessment_before_hdced: relativedelta = relativedelta(weeks=10)
    # §9 #5: OASys / RoSH reviewed "after significant events"; the rulebook gives no time, so 4 weeks [M].
    rosh_review_after_significant_event: relativedelta = relativedelta(weeks=4)
    # §9 #7: denial status and any intervention offer "well before R - 12 months".
    innocence_offer_before_release: relativedelta = relativedelta(months=12)
    # §5: CAS3 needs release within 3 months; the rulebook sets no deadline, so Resettle asks for the
    # referral 4 weeks before release, leaving time to confirm the address by R - 7 days.
    cas3_referral_days_before_release: int = 28
    # §3.2: POM-type recommendation strategy.
    pom_strategy: PomStrategy = PomStrategy.TIER
    # anchors §1: simplified enhanced handover (OASys review + COM contact) for handovers on or after this
    # date (MPC SIMPLIFIED_HANDOVER_CUTOFF_DATE); None keeps the three-task enhanced list.
    simplified_enhanced_handover_from: date | None = date(2026, 9, 1)


DEFAULT_SETTINGS = ReadinessSettings()
