"""Public protection: MAPPA category, sex-offender notification period and HDC exclusion.

Each rule takes the facts it uses as keyword arguments and returns its answer with the reasons, so a page
can show why a man is (or is not) MAPPA-eligible without recomputing. Sources are the rulebook sections
cited on each function.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .explained import ExplainedDate

# s.327(3)-(4): the custodial thresholds for category 2 are "12 months or more".
CATEGORY_2_MINIMUM_MONTHS = 12
# s.83(1), s.84(1)(d): initial notification within 3 days of release; time in custody is disregarded.
INITIAL_NOTIFICATION_DAYS = 3


@dataclass(frozen=True)
class MappaCategoryResult:
    category: int | None  # 1, 2, 3; None: not MAPPA-eligible
    because: tuple[str, ...]

    @property
    def eligible(self) -> bool:
        return self.category is not None


def mappa_category(
    *,
    subject_to_notification: bool,
    murder: bool,
    schedule_15: bool,
    custodial_term_months: int | None,
    indeterminate: bool,
    category_3_decision: bool,
) -> MappaCategoryResult:
    """MAPPA category under CJA 2003 s.325-327 (rulebook §1.2).

    Category 1 is automatic for anyone subject to notification; category 2 follows from murder or a
    Schedule 15 offence with a custodial sentence of 12 months or more (an indeterminate sentence always
    is); category 3 exists only where a decision has been recorded, never by inference.
    """
    if subject_to_notification:
        return MappaCategoryResult(
            1, ("Subject to sex-offender notification: category 1 (CJA 2003 s.327(2))",)
        )
    long_enough = indeterminate or (custodial_term_months or 0) >= CATEGORY_2_MINIMUM_MONTHS
    if (murder or schedule_15) and long_enough:
        offence = "murder" if murder else "a Schedule 15 offence"
        return MappaCategoryResult(
            2, (f"Convicted of {offence} with custody of 12 months or more: category 2 (CJA 2003 s.327(3))",)
        )
    if category_3_decision:
        return MappaCategoryResult(3, ("Recorded decision that he poses a risk of serious harm: category 3",))
    reasons = ["Not subject to notification"]
    if murder or schedule_15:
        reasons.append("Specified offence, but a custodial sentence under 12 months")
    else:
        reasons.append("No murder or Schedule 15 conviction")
    reasons.append("No category 3 decision recorded")
    return MappaCategoryResult(None, tuple(reasons))


class Disposal(StrEnum):
    """The disposals of the Sexual Offences Act 2003 s.82 table."""

    LIFE = "LIFE"  # life imprisonment or detention
    IPP = "IPP"  # imprisonment or detention for public protection
    IMPRISONMENT = "IMPRISONMENT"  # a determinate term: length decides the period
    RESTRICTION_ORDER = "RESTRICTION_ORDER"  # hospital order with a restriction order
    HOSPITAL_ORDER = "HOSPITAL_ORDER"  # without restriction
    CAUTION = "CAUTION"
    CONDITIONAL_DISCHARGE = "CONDITIONAL_DISCHARGE"
    OTHER = "OTHER"


@dataclass(frozen=True)
class NotificationPeriod:
    years: float | None  # None: indefinite
    because: tuple[str, ...]

    @property
    def indefinite(self) -> bool:
        return self.years is None

    def describe(self) -> str:
        if self.years is None:
            return "indefinite"
        return f"{self.years:g} years"


def notification_period(
    *,
    disposal: Disposal,
    custodial_term_months: int | None = None,
    discharge_years: float | None = None,
    under_18_at_conviction: bool = False,
) -> NotificationPeriod:
    """Sex-offender notification period, the Sexual Offences Act 2003 s.82 table (rulebook R2.2).

    Finite periods are halved for anyone under 18 when convicted (s.82(2)); indefinite periods are not.
    """
    if disposal in (Disposal.LIFE, Disposal.IPP):
        return NotificationPeriod(None, (f"{disposal.name.title()} sentence: indefinite (s.82 table)",))
    if disposal == Disposal.RESTRICTION_ORDER:
        return NotificationPeriod(None, ("Hospital order with a restriction order: indefinite (s.82 table)",))
    if disposal == Disposal.IMPRISONMENT:
        if custodial_term_months is None:
            raise ValueError("a term of imprisonment needs its length in months")
        if custodial_term_months >= 30:
            return NotificationPeriod(None, ("Imprisonment of 30 months or more: indefinite (s.82 table)",))
        years, line = (
            (10, "Imprisonment of more than 6 months but less than 30 months: 10 years")
            if custodial_term_months > 6
            else (7, "Imprisonment of 6 months or less: 7 years")
        )
    elif disposal == Disposal.HOSPITAL_ORDER:
        years, line = 7, "Hospital order without a restriction order: 7 years"
    elif disposal == Disposal.CAUTION:
        years, line = 2, "Caution: 2 years"
    elif disposal == Disposal.CONDITIONAL_DISCHARGE:
        if discharge_years is None:
            raise ValueError("a conditional discharge needs its period")
        return NotificationPeriod(discharge_years, ("Conditional discharge: the period of the discharge",))
    else:
        years, line = 5, "Any other disposal: 5 years"
    if under_18_at_conviction:
        return NotificationPeriod(
            years / 2, (f"{line} (s.82 table)", "Under 18 at conviction: halved (s.82(2))")
        )
    return NotificationPeriod(years, (f"{line} (s.82 table)",))


def initial_notification_due(release_day: date) -> ExplainedDate:
    """Initial notification in person at a police station within 3 days of release (SOA 2003 s.83, s.84(1)(d))."""
    return ExplainedDate(
        "NOTIFY",
        release_day + timedelta(days=INITIAL_NOTIFICATION_DAYS),
        (
            f"Initial notification at a police station within {INITIAL_NOTIFICATION_DAYS} days of release "
            "(SOA 2003 s.83(1), s.84(1)(d))",
        ),
    )


class HdcStatus(StrEnum):
    NOT_APPLICABLE = "NOT_APPLICABLE"  # no HDC eligibility date: indeterminate, parole, short custody
    EXCLUDED = "EXCLUDED"  # statutorily excluded: no assessment can make him eligible
    PRESUMED_UNSUITABLE = "PRESUMED_UNSUITABLE"  # eligible, but released only in exceptional circumstances
    ELIGIBLE = "ELIGIBLE"  # eligible, suitability to be assessed


@dataclass(frozen=True)
class HdcExclusion:
    status: HdcStatus
    because: tuple[str, ...]

    @property
    def excluded(self) -> bool:
        return self.status == HdcStatus.EXCLUDED


def hdc_exclusion(
    *,
    has_hdced: bool,
    required_to_register: bool,
    extended_sentence_violent_or_sexual: bool,
    two_thirds_release: bool,
    terrorism_offence: bool,
    liable_to_deportation: bool,
    sexual_offending_history: bool,
    category_a: bool,
    rosh_high_or_very_high: bool,
    mappa_level: int | None,
) -> HdcExclusion:
    """Home detention curfew exclusions and presumptions (rulebook §6.4; `licences` excluded.pug).

    Statutory exclusions come first, before any date: a man required to register is excluded by statute
    whether or not an HDC eligibility date was calculated for him (CRDS `HdcedCalculator.isSexOffender`
    withholds the date because of the exclusion, not the other way round), and the readiness check must
    say he is excluded rather than that HDC does not apply. Registration above all is why CAS2 (HDC
    accommodation) rarely matters at Dartmoor. Only then does a missing HDCED make HDC not applicable, and
    the presumptions of unsuitability follow. Exclusions the case record does not hold (ROTL failure,
    curfew breach, s.244ZB notice...) are left to the assessor.
    """
    excluded = [
        text
        for applies, text in (
            (required_to_register, "Required to register as a sex offender"),
            (extended_sentence_violent_or_sexual, "Extended sentence for a violent or sexual offence"),
            (two_thirds_release, "Released at two-thirds (SDS+)"),
            (terrorism_offence, "Terrorism offence"),
        )
        if applies
    ]
    if excluded:
        return HdcExclusion(HdcStatus.EXCLUDED, tuple(f"Statutorily excluded: {text}" for text in excluded))
    if not has_hdced:
        return HdcExclusion(HdcStatus.NOT_APPLICABLE, ("No HDC eligibility date",))
    presumed = [
        text
        for applies, text in (
            (sexual_offending_history, "History of sexual offending, not required to register"),
            (liable_to_deportation, "Liable to deportation"),
            (category_a, "Category A"),
            (
                rosh_high_or_very_high and mappa_level in (2, 3),
                "High or very high RoSH and MAPPA level 2 or 3",
            ),
        )
        if applies
    ]
    if presumed:
        return HdcExclusion(
            HdcStatus.PRESUMED_UNSUITABLE, tuple(f"Presumed unsuitable: {t}" for t in presumed)
        )
    return HdcExclusion(HdcStatus.ELIGIBLE, ("No statutory exclusion or presumption of unsuitability found",))
