"""OMiC handover under the dated Manage POM Cases rules (rulebook §3.1; anchors §1)."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from resettle.rules.handover import (
    HANDOVER_RULES,
    PomType,
    Responsibility,
    calculate_handover,
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
        parole_eligible=False,
        today=TODAY,
    )
    return calculate_handover(**{**defaults, **facts})


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
    result = handover(parole_eligible=True)
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
    result = handover(indeterminate=True, in_open_conditions=True, open_prison_arrival=arrival)
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
    assert rules_in_force(TODAY).name == "June 2024 handover policy"


def test_the_april_2023_rules_handed_parole_cases_over_8_months_before_the_ped():
    result = handover(parole_eligible=True, today=date(2023, 6, 1))
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
        parole_eligible=parole,
        today=TODAY + timedelta(days=today_offset),
    )
    assert result.handover_date is None or result.handover_date < erd
    assert result.start_date is None or result.start_date <= result.handover_date
