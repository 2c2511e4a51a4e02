"""OMiC handover: when the community offender manager (COM) takes over responsibility from the POM.

Modelled on Manage POM Cases (`app/lib/handover/handover_calculation.rb`, `app/domains/offender_handover.rb`;
rulebook §3.1, anchors §1): keyword-only facts, one short decision ladder returning the date and a reason
code, "today" passed in. The offsets are data in dated rule-set versions (rules.policy): a policy change is
a new `HandoverRules` appended to `HANDOVER_RULES`, never an edit to one already in force, so a handover
date can always be explained by the rules that applied on the day it was calculated; every reason names
the offset of the version it used.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from .explained import long_date
from .policy import in_force, in_words


class PomType(StrEnum):
    PRISON = "PRISON"
    PROBATION = "PROBATION"


class Responsibility(StrEnum):
    CUSTODY_ONLY = "CustodyOnly"  # POM responsible, no COM yet
    CUSTODY_WITH_COM = "CustodyWithCom"  # POM responsible, COM supporting
    COMMUNITY = "Community"  # COM responsible, POM supporting


@dataclass(frozen=True)
class HandoverRules:
    """One dated version of the handover policy, in force from `effective_from`."""

    name: str
    effective_from: date
    source: str
    early_allocation: relativedelta
    indeterminate: relativedelta
    determinate_parole: relativedelta
    determinate: relativedelta
    short_sentence: relativedelta  # sentence start + this >= ERD: COM responsible from the start
    indeterminate_thd_rules: bool  # the May 2024 THD / MAPPA responsibility rules for ISP cases
    thd_horizon: relativedelta  # under those rules, a target hearing this far off or more is "far"


HANDOVER_RULES: tuple[HandoverRules, ...] = (
    HandoverRules(
        name="April 2023 handover policy",
        effective_from=date(2023, 4, 1),
        source="MPC MO-1235, March 2023 (rulebook §3.1 change history; anchors §1)",
        early_allocation=relativedelta(months=15),
        indeterminate=relativedelta(months=8),
        determinate_parole=relativedelta(months=8),
        determinate=relativedelta(months=8, days=14),
        short_sentence=relativedelta(months=10),
        indeterminate_thd_rules=False,
        thd_horizon=relativedelta(months=12),
    ),
    HandoverRules(
        # The 12-month parole offset lost its feature flag on 23 Nov 2023 (commit 90d3afdc); early allocation
        # moved ahead of the indeterminate branch on 8 Nov 2023 (88a9f759). The indeterminate 12 months is
        # taken from the same change: MPC's help text still says 8, but its code says 12.
        name="November 2023 handover policy",
        effective_from=date(2023, 11, 23),
        source="MPC commits 9c661f71, 46b9d07f, 88a9f759, 90d3afdc (rulebook §3.1; anchors §1)",
        early_allocation=relativedelta(months=15),
        indeterminate=relativedelta(months=12),
        determinate_parole=relativedelta(months=12),
        determinate=relativedelta(months=8, days=14),
        short_sentence=relativedelta(months=10),
        indeterminate_thd_rules=False,
        thd_horizon=relativedelta(months=12),
    ),
    HandoverRules(
        # The OMiC handover guidance revision itself was not available offline, so its own commencement
        # date could not be read. Manage POM Cases applied these rules from its change of 8 May 2024
        # (MO-957, commit 19a839e6; rulebook §3.1 change history "May 2024"; issue 17), and cases dated
        # after it are decided under them there; this version is dated by that change [C].
        name="May 2024 handover policy",
        effective_from=date(2024, 5, 8),
        source="MPC MO-957 'New responsibility rules for ISP & Parole', commit 19a839e6, 8 May 2024 "
        "(rulebook §3.1; anchors §1)",
        early_allocation=relativedelta(months=15),
        indeterminate=relativedelta(months=12),
        determinate_parole=relativedelta(months=12),
        determinate=relativedelta(months=8, days=14),
        short_sentence=relativedelta(months=10),
        indeterminate_thd_rules=True,
        thd_horizon=relativedelta(months=12),
    ),
)


def rules_in_force(today: date, versions: tuple[HandoverRules, ...] = HANDOVER_RULES) -> HandoverRules:
    """The latest version in force on `today`; before the first, the first (there is nothing older encoded)."""
    return in_force(versions, today)


# OMiC's cut-offs for open conditions (anchors §1 "OMiC eligibility gate", `prison_policies.rb`; rulebook
# §3.1 legacy policy start dates): open-prison rules from 31 March 2021, in the women's estate from
# 30 April 2021 (OMiC reached it then, so the later of the two), at HMP Prescoed from the Welsh pilot of
# 19 October 2020.
OPEN_PRISON_RULES_FROM = date(2021, 3, 31)
WOMENS_ESTATE_FROM = date(2021, 4, 30)
PRESCOED_PILOT_FROM = date(2020, 10, 19)
PRESCOED = "UPI"
# OMiC's start in the closed estate (anchors §1 "OMiC eligibility gate"): England from 1 October 2019, Wales
# from 4 February 2019. From then every sentenced man was owed a POM, however long before he was received.
ENGLAND_FROM = date(2019, 10, 1)
WALES_FROM = date(2019, 2, 4)
WELSH_PRISONS = frozenset({"CFI", "SWI", "PRI", "BWI", "UKI", PRESCOED})


def omic_from(*, prison: str | None, womens_estate: bool) -> date:
    """When OMiC reached the estate of `prison`: the women's estate, Wales, or England."""
    if womens_estate:
        return WOMENS_ESTATE_FROM
    return WALES_FROM if prison in WELSH_PRISONS else ENGLAND_FROM


@dataclass(frozen=True)
class OpenConditions:
    """Where he is held and whether OMiC's open-prison rules govern his handover: two facts, not one.

    `in_open` is where he is today (an open prison; in the women's estate, an open category). `rules_apply`
    depends also on when he moved there: only a move on or after the cut-off for his estate brings the
    COM in early (anchors §1 "Handover start date").
    """

    in_open: bool
    rules_apply: bool
    moved_on: date | None
    womens_estate: bool
    because: str


def open_conditions(
    *, in_open: bool, womens_estate: bool, moved_on: date | None, prison: str | None
) -> OpenConditions:
    """Whether the open-prison handover rules apply to him (rulebook §3.1; anchors §1)."""
    move = "her category changed to open" if womens_estate else "he arrived in open conditions"
    if not in_open:
        return OpenConditions(False, False, moved_on, womens_estate, "Not in open conditions")
    if moved_on is None:
        return OpenConditions(
            True, False, None, womens_estate, f"In open conditions; the date {move} is not recorded"
        )
    if womens_estate:
        cut_off, policy = WOMENS_ESTATE_FROM, "the women's estate"
    elif prison == PRESCOED:
        cut_off, policy = PRESCOED_PILOT_FROM, "the HMP Prescoed pilot"
    else:
        cut_off, policy = OPEN_PRISON_RULES_FROM, "the open estate"
    applies = moved_on >= cut_off
    verdict = "open-prison rules apply" if applies else "before then, so open-prison rules do not apply"
    return OpenConditions(
        True,
        applies,
        moved_on,
        womens_estate,
        f"In open conditions since {long_date(moved_on)}, when {move}; OMiC's rules for {policy} run from "
        f"{long_date(cut_off)}: {verdict}",
    )


NOT_IN_OPEN = OpenConditions(False, False, None, False, "Not in open conditions")


@dataclass(frozen=True)
class Handover:
    handover_date: date | None  # COM becomes responsible; None: no handover (see reason)
    start_date: date | None  # COM starts supporting
    responsibility: Responsibility
    reason: str  # MPC's reason code: determinate, determinate_short, recall_case...
    rules: HandoverRules
    because: tuple[str, ...]


def calculate_handover(
    *,
    earliest_release: date | None,
    sentence_start: date | None,
    indeterminate: bool,
    recalled: bool,
    immigration_case: bool,
    early_allocation: bool,
    parole_eligibility_date: date | None = None,
    open_conditions: OpenConditions = NOT_IN_OPEN,
    additional_isp: bool = False,
    target_hearing_date: date | None = None,
    parole_refused: bool = False,
    mappa_level: int | None = None,
    today: date,
    rules: HandoverRules | None = None,
) -> Handover:
    """Handover date, start date and responsibility under the rules in force `today` (rulebook §3.1).

    A determinate sentence with a PED recorded is a parole case whether or not the PED has passed: MPC's
    `is_determinate_parole` is `parole_eligibility_date.present?` and its ERD is the PED (anchors §1), and
    responsibility, once handed to the COM at PED - 12 months, does not return to the POM because the
    Parole Board has not yet released him. So the ladder runs from the PED here, even where release
    planning (`rules.release`) has moved on to the CRD.
    """
    rules = rules or rules_in_force(today)
    special = _special_case(
        indeterminate=indeterminate,
        recalled=recalled,
        immigration_case=immigration_case,
        additional_isp=additional_isp,
        target_hearing_date=target_hearing_date,
        parole_refused=parole_refused,
        mappa_level=mappa_level,
        today=today,
        rules=rules,
    )
    parole_case = parole_eligibility_date is not None and not indeterminate
    release = parole_eligibility_date if parole_case else earliest_release
    if special is None and release is None:
        special = (Responsibility.CUSTODY_ONLY, "release_date_unknown", "No release date known: POM only")
    if special:
        responsibility, reason, text = special
        return Handover(None, None, responsibility, reason, rules, (text, _in_force(rules)))

    handover_date, reason, text = _handover_date(
        earliest_release=release,
        sentence_start=sentence_start,
        indeterminate=indeterminate,
        early_allocation=early_allocation,
        parole_eligible=parole_case,
        rules=rules,
    )
    because = [text]
    if parole_case and parole_eligibility_date < today:
        because.append(
            f"PED {long_date(parole_eligibility_date)} has passed: still a parole case, COM responsible"
            if handover_date is not None
            else f"PED {long_date(parole_eligibility_date)} has passed"
        )
    if handover_date is None:
        return Handover(None, None, Responsibility.COMMUNITY, reason, rules, (*because, _in_force(rules)))
    start_date = handover_date
    if indeterminate and open_conditions.in_open and reason == "indeterminate":
        # MPC names the reason by where he is held, whatever the date he moved (handover_calculation.rb).
        reason = "indeterminate_open"
        because.append(open_conditions.because)
        if open_conditions.rules_apply and open_conditions.moved_on < handover_date:
            start_date = open_conditions.moved_on
            because.append(
                "COM supports from the day her category changed to open"
                if open_conditions.womens_estate
                else "COM supports from his arrival in open conditions"
            )
    if today < start_date:
        responsibility = Responsibility.CUSTODY_ONLY
    elif today < handover_date:
        responsibility = Responsibility.CUSTODY_WITH_COM
    else:
        responsibility = Responsibility.COMMUNITY
    return Handover(handover_date, start_date, responsibility, reason, rules, (*because, _in_force(rules)))


def _special_case(
    *,
    indeterminate,
    recalled,
    immigration_case,
    additional_isp,
    target_hearing_date,
    parole_refused,
    mappa_level,
    today,
    rules,
) -> tuple[Responsibility, str, str] | None:
    """MPC's overrides, evaluated before any date arithmetic (`offender_handover.rb`)."""
    if rules.indeterminate_thd_rules and indeterminate:
        if additional_isp:
            return (
                Responsibility.CUSTODY_ONLY,
                "additional_isp",
                "Another indeterminate sentence to follow: POM only",
            )
        thd_far = target_hearing_date is not None and target_hearing_date >= today + rules.thd_horizon
        far = f"next hearing {in_words(rules.thd_horizon)} or more away"
        if thd_far and recalled and mappa_level in (None, 0, 1):
            return (
                Responsibility.CUSTODY_WITH_COM,
                "recall_thd_over_12_months",
                f"Indeterminate recall, {far}, MAPPA level 1 or none: POM responsible, COM supporting",
            )
        if thd_far and parole_refused:
            if mappa_level in (2, 3):
                return (
                    Responsibility.COMMUNITY,
                    "parole_mappa_2_3",
                    f"Parole refused, {far}, MAPPA level 2 or 3: COM responsible",
                )
            return (
                Responsibility.CUSTODY_WITH_COM,
                "thd_over_12_months",
                f"Parole refused, {far}: POM responsible, COM supporting",
            )
    if recalled:
        return Responsibility.COMMUNITY, "recall_case", "Recalled: COM responsible"
    if immigration_case:
        return Responsibility.COMMUNITY, "immigration_case", "Immigration case: COM responsible"
    return None


def _handover_date(
    *, earliest_release, sentence_start, indeterminate, early_allocation, parole_eligible, rules
) -> tuple[date | None, str, str]:
    """The date ladder of `handover_calculation.rb`, with the offsets of `rules`."""
    if early_allocation:
        return (
            earliest_release - rules.early_allocation,
            "early_allocation",
            f"Early allocation: ERD − {in_words(rules.early_allocation)}",
        )
    if indeterminate:
        return (
            earliest_release - rules.indeterminate,
            "indeterminate",
            f"Indeterminate: ERD − {in_words(rules.indeterminate)}",
        )
    if sentence_start is not None and sentence_start + rules.short_sentence >= earliest_release:
        return (
            None,
            "determinate_short",
            f"{in_words(rules.short_sentence)} or less to serve: COM responsible from the start, no handover",
        )
    if parole_eligible:
        return (
            earliest_release - rules.determinate_parole,
            "determinate_parole",
            f"Determinate with a PED: PED − {in_words(rules.determinate_parole)}",
        )
    return (
        earliest_release - rules.determinate,
        "determinate",
        f"Determinate: ERD − {in_words(rules.determinate)}",
    )


def _in_force(rules: HandoverRules) -> str:
    return f"{rules.name}, in force from {long_date(rules.effective_from)} ({rules.source})"


def recommended_pom_type(
    *, tier: str | None, rosh_high_or_very_high: bool, rosh_known: bool, pom_responsible: bool, strategy: str
) -> PomType | None:
    """Manage POM Cases' POM-type recommendation (rulebook §3.2; anchors §1 "POM-type recommendation").

    Production uses the tier strategy (tier A or B -> probation POM); the RoSH strategy (tier A, or RoSH high
    or very high) is behind a flag, so the strategy is a setting. Immigration cases and cases where the POM
    is not responsible get a prison POM under either. No RoSH recorded under the RoSH strategy: no
    recommendation.
    """
    if not pom_responsible:
        return PomType.PRISON
    band = (tier or "")[:1]
    if strategy == "ROSH":
        if band == "A" or rosh_high_or_very_high:
            return PomType.PROBATION
        return PomType.PRISON if rosh_known else None
    return PomType.PROBATION if band in ("A", "B") else PomType.PRISON
