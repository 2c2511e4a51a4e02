from datetime import date

from resettle.rules.sentencing.durations import Duration, Period, aggregate_days, period_between, plus_months


def test_plus_months_clamps_to_the_month_end_like_java():
    assert plus_months(date(2020, 1, 31), 1) == date(2020, 2, 29)
    assert plus_months(date(2021, 1, 31), 1) == date(2021, 2, 28)
    assert plus_months(date(2020, 3, 31), -1) == date(2020, 2, 29)


def test_period_between_counts_whole_months_then_days_like_java():
    assert period_between(date(2020, 8, 31), date(2020, 10, 1)) == Period(0, 1, 1)
    assert period_between(date(2012, 12, 15), date(2015, 12, 15)).iso() == "P3Y"
    assert period_between(date(2023, 12, 11), date(2025, 1, 6)).iso() == "P1Y26D"


def test_zero_period_renders_as_p0d():
    assert Period().iso() == "P0D"


def test_psi_5_5_sentence_of_3_years_counts_both_ends():
    assert Duration(years=3).days_from(date(2012, 12, 15)) == 1095


def test_psi_5_5_term_starting_on_the_first_ends_on_a_month_end():
    assert Duration(months=1).end_date(date(2020, 3, 1)) == date(2020, 3, 31)
    assert Duration(years=1).end_date(date(2020, 3, 1)) == date(2021, 2, 28)


def test_consecutive_months_are_added_before_counting_days():
    # 4 months then 6 months is one 10-month term: PSI example of consecutive sentences.
    assert aggregate_days([Duration(months=4), Duration(months=6)], date(2015, 2, 23)) == 303
