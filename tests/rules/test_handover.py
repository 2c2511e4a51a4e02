"""OMiC handover under the dated Manage POM Cases rules (rulebook §3.1; anchors §1)."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from resettle.rules.handover import (
    HANDOVER_RULES,
    OpenConditions,
    PomType,
    Responsibility,
    calculate_handover,
    open_conditions,
    recommended_pom_type,
    rules_in_force,
)

TODAY = date(2026, 11, 27)
ERD = date(2028, 6, 1)


def handover(**facts):
    defaults = dict(
        earliest_release=ERD,
        sentence_start=date(2024, 1, 10),
        indeterminate=False,
        recalled=False,
        immigration_case=False,
        early_allocation=False,
        today=TODAY,
    )
    return calculate_handover(**{**defaults, **facts})


def open_since(moved_on, *, womens_estate=False, prison="HVI") -> OpenConditions:
    return open_conditions(in_open=True, womens_estate=womens_estate, moved_on=moved_on, prison=prison)


def test_early_allocation_hands_over_15_months_before_release():
    result = handover(early_allocation=True, indeterminate=True)
    assert (result.handover_date, result.reason) == (date(2027, 3, 1), "early_allocation")


def test_indeterminate_hands_over_12_months_before_release():
    assert (handover(indeterminate=True).handover_date, handover(indeterminate=True).reason) == (
        date(2027, 6, 1),
        "indeterminate",
    )


def test_determinate_with_10_months_or_less_to_serve_has_no_handover_com_responsible():
    result = handover(sentence_start=ERD - relativedelta(months=10))
    assert result.handover_date is None
    assert (result.responsibility, result.reason) == (Responsibility.COMMUNITY, "determinate_short")


def test_determinate_parole_hands_over_12_months_before_the_ped():
    result = handover(parole_eligibility_date=ERD)
    assert (result.handover_date, result.reason) == (date(2027, 6, 1), "determinate_parole")


def test_other_determinate_hands_over_8_months_14_days_before_release():
    result = handover()
    assert (result.handover_date, result.reason) == (date(2027, 9, 17), "determinate")
    assert result.responsibility == Responsibility.CUSTODY_ONLY


def test_recall_makes_the_com_responsible():
    result = handover(recalled=True)
    assert (result.responsibility, result.reason, result.handover_date) == (
        Responsibility.COMMUNITY,
        "recall_case",
        None,
    )


def test_immigration_case_makes_the_com_responsible():
    assert handover(immigration_case=True).reason == "immigration_case"
    assert handover(immigration_case=True).responsibility == Responsibility.COMMUNITY


def test_no_release_date_means_pom_only():
    result = handover(earliest_release=None)
    assert (result.responsibility, result.reason) == (Responsibility.CUSTODY_ONLY, "release_date_unknown")


def test_indeterminate_with_an_additional_isp_is_pom_only():
    assert handover(indeterminate=True, additional_isp=True).reason == "additional_isp"


def test_parole_refused_with_next_hearing_12_months_away_at_mappa_2_or_3_makes_com_responsible():
    far = TODAY + relativedelta(months=13)
    result = handover(indeterminate=True, target_hearing_date=far, parole_refused=True, mappa_level=2)
    assert (result.responsibility, result.reason) == (Responsibility.COMMUNITY, "parole_mappa_2_3")
    other = handover(indeterminate=True, target_hearing_date=far, parole_refused=True, mappa_level=1)
    assert (other.responsibility, other.reason) == (Responsibility.CUSTODY_WITH_COM, "thd_over_12_months")


def test_indeterminate_recall_with_distant_hearing_and_low_mappa_is_pom_with_com():
    far = TODAY + relativedelta(months=13)
    result = handover(indeterminate=True, recalled=True, target_hearing_date=far, mappa_level=None)
    assert (result.responsibility, result.reason) == (
        Responsibility.CUSTODY_WITH_COM,
        "recall_thd_over_12_months",
    )


def test_indeterminate_in_open_conditions_has_com_supporting_from_arrival():
    arrival = date(2026, 10, 1)
    result = handover(indeterminate=True, open_conditions=open_since(arrival))
    assert (result.start_date, result.reason) == (arrival, "indeterminate_open")
    assert result.responsibility == Responsibility.CUSTODY_WITH_COM


def test_responsibility_passes_to_the_community_on_the_handover_date():
    assert handover(today=date(2027, 9, 17)).responsibility == Responsibility.COMMUNITY
    assert handover(today=date(2027, 9, 16)).responsibility == Responsibility.CUSTODY_ONLY


def test_rules_are_dated_versions_chosen_by_today():
    assert [rules.effective_from for rules in HANDOVER_RULES] == sorted(
        r.effective_from for r in HANDOVER_RULES
    )
    assert rules_in_force(date(2023, 6, 1)).name == "April 2023 handover policy"
    assert rules_in_force(TODAY).name == "May 2024 handover policy"


def test_the_april_2023_rules_handed_parole_cases_over_8_months_before_the_ped():
    result = handover(parole_eligibility_date=ERD, today=date(2023, 6, 1))
    assert result.handover_date == ERD - relativedelta(months=8)
    assert "April 2023" in result.because[-1]


def test_pom_type_tier_strategy_gives_tier_a_and_b_a_probation_pom():
    recommend = dict(rosh_high_or_very_high=False, rosh_known=True, pom_responsible=True, strategy="TIER")
    assert recommended_pom_type(tier="B2", **recommend) == PomType.PROBATION
    assert recommended_pom_type(tier="C1", **recommend) == PomType.PRISON


def test_pom_type_rosh_strategy_gives_high_rosh_a_probation_pom():
    assert (
        recommended_pom_type(
            tier="C1", rosh_high_or_very_high=True, rosh_known=True, pom_responsible=True, strategy="ROSH"
        )
        == PomType.PROBATION
    )
    assert (
        recommended_pom_type(
            tier="C1", rosh_high_or_very_high=False, rosh_known=False, pom_responsible=True, strategy="ROSH"
        )
        is None
    )


days = st.integers(min_value=0, max_value=20 * 365)


@given(
    erd_offset=days,
    served=days,
    indeterminate=st.booleans(),
    early=st.booleans(),
    parole=st.booleans(),
    today_offset=st.integers(min_value=-3 * 365, max_value=3 * 365),
)
def test_handover_date_is_never_after_the_earliest_release_date(
    erd_offset, served, indeterminate, early, parole, today_offset
):
    erd = date(2025, 1, 1) + timedelta(days=erd_offset)
    result = handover(
        earliest_release=erd,
        sentence_start=erd - timedelta(days=served),
        indeterminate=indeterminate,
        early_allocation=early,
        parole_eligibility_date=erd if parole else None,
        today=TODAY + timedelta(days=today_offset),
    )
    assert result.handover_date is None or result.handover_date < erd
    assert result.start_date is None or result.start_date <= result.handover_date


# Issue 17 item 1: the May 2024 responsibility rules date from MPC's change of 8 May 2024 (MO-957, commit
# 19a839e6; rulebook §3.1 change history). MPC's own case: an indeterminate man, MAPPA 3, parole refused,
# next hearing over 12 months away, on 20 May 2024.
def test_may_2024_rules_make_an_indeterminate_mappa_3_man_refused_parole_com_responsible_on_20_may():
    today = date(2024, 5, 20)
    result = handover(
        indeterminate=True,
        earliest_release=date(2025, 9, 1),
        target_hearing_date=today + relativedelta(months=13),
        parole_refused=True,
        mappa_level=3,
        today=today,
    )
    assert (result.responsibility, result.reason) == (Responsibility.COMMUNITY, "parole_mappa_2_3")
    assert "8 May 2024" in result.because[-1]


def test_may_2024_rules_are_in_force_from_8_may_and_not_the_day_before():
    assert rules_in_force(date(2024, 5, 8)).name == "May 2024 handover policy"
    assert rules_in_force(date(2024, 5, 7)).name == "November 2023 handover policy"
    before = handover(
        indeterminate=True,
        target_hearing_date=date(2025, 6, 1),
        parole_refused=True,
        mappa_level=3,
        today=date(2024, 5, 7),
    )
    assert before.reason == "indeterminate"


# Items 2 and 3: rulebook §3.1 "Indeterminate in open conditions: a COM supports from arrival in open prison
# (men) or from the category change (women)"; anchors §1 "Handover start date" and the OMiC cut-offs (open
# estate 31 March 2021, women's estate 30 April 2021, Prescoed pilot 19 October 2020).
def test_womens_estate_com_supports_from_the_day_her_category_changed_to_open():
    changed = date(2026, 9, 14)
    result = handover(indeterminate=True, open_conditions=open_since(changed, womens_estate=True))
    assert (result.start_date, result.reason) == (changed, "indeterminate_open")
    assert result.responsibility == Responsibility.CUSTODY_WITH_COM
    assert any("her category changed to open" in line for line in result.because)


def test_womens_estate_open_rules_run_from_30_april_2021():
    assert open_since(date(2021, 4, 30), womens_estate=True).rules_apply
    assert not open_since(date(2021, 4, 29), womens_estate=True).rules_apply
    # A move the men's estate would count (after 31 March 2021) is still before OMiC reached the women's.
    assert not open_since(date(2021, 4, 1), womens_estate=True).rules_apply


def test_open_prison_rules_apply_from_31_march_2021_and_at_prescoed_from_19_october_2020():
    assert open_since(date(2021, 3, 31)).rules_apply
    assert not open_since(date(2021, 3, 30)).rules_apply
    assert open_since(date(2020, 10, 19), prison="UPI").rules_apply
    assert not open_since(date(2020, 10, 18), prison="UPI").rules_apply
    assert not open_since(date(2020, 10, 19), prison="HVI").rules_apply


def test_indeterminate_open_reason_is_given_in_open_conditions_whatever_the_arrival_date():
    early = handover(indeterminate=True, open_conditions=open_since(date(2020, 1, 6)))
    unknown = handover(indeterminate=True, open_conditions=open_since(None))
    for result in (early, unknown):
        # The reason follows where he is held; the COM comes in early only under the open-prison rules.
        assert (result.reason, result.start_date) == ("indeterminate_open", result.handover_date)
        assert result.responsibility == Responsibility.CUSTODY_ONLY


def test_closed_conditions_keep_the_indeterminate_reason():
    closed = open_conditions(in_open=False, womens_estate=False, moved_on=date(2026, 1, 5), prison="HVI")
    result = handover(indeterminate=True, open_conditions=closed)
    assert (result.reason, result.start_date) == ("indeterminate", result.handover_date)


# Item 4: MPC's is_determinate_parole is parole_eligibility_date.present? and its ERD is the PED (anchors §1):
# a PED that has passed leaves him a parole case, and the COM took over at PED - 12 months.
def test_a_passed_ped_is_still_a_parole_case_with_the_com_responsible():
    ped = date(2026, 6, 1)
    result = handover(earliest_release=date(2029, 3, 1), parole_eligibility_date=ped)
    assert (result.handover_date, result.reason) == (date(2025, 6, 1), "determinate_parole")
    assert result.responsibility == Responsibility.COMMUNITY
    assert any("has passed" in line for line in result.because)


# Item 5: anchors §1 "THD ≥ 12 months away": exactly 12 months counts, a day less does not.
def test_next_hearing_exactly_12_months_away_is_far_a_day_less_is_not():
    common = dict(indeterminate=True, parole_refused=True, mappa_level=3)
    exactly = handover(target_hearing_date=TODAY + relativedelta(months=12), **common)
    short = handover(target_hearing_date=TODAY + relativedelta(months=12) - timedelta(days=1), **common)
    assert exactly.reason == "parole_mappa_2_3"
    assert short.reason == "indeterminate"


@given(
    moved=st.integers(min_value=-6 * 365, max_value=6 * 365),
    womens=st.booleans(),
    today_offset=st.integers(min_value=-2 * 365, max_value=2 * 365),
)
def test_open_conditions_never_delay_the_com_nor_move_the_handover_date(moved, womens, today_offset):
    today = TODAY + timedelta(days=today_offset)
    closed = handover(indeterminate=True, today=today)
    opened = handover(
        indeterminate=True,
        today=today,
        open_conditions=open_since(TODAY + timedelta(days=moved), womens_estate=womens),
    )
    assert opened.handover_date == closed.handover_date
    assert opened.start_date <= closed.start_date
