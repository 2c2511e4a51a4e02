from datetime import date, timedelta

from resettle.rules.sentencing import hdced
from resettle.rules.sentencing.legislation import load_profile

from .builders import booking, dates, sentence

HDC = load_profile("sds-50").hdc


def _hdced(release_days, sentenced_at=date(2020, 1, 1), deductions=0):
    release = sentenced_at + timedelta(days=release_days - 1 - deductions)
    found = hdced.calculate(
        sentenced_at=sentenced_at,
        release_days=release_days,
        adjusted_release=release,
        deductions=deductions,
        ual=0,
        net_ada=0,
        hdc=HDC,
    )
    return found[0] if found else None


def test_hdced_none_for_custodial_period_under_six_weeks():
    assert _hdced(41) is None


def test_hdced_at_one_half_below_the_midpoint():
    assert _hdced(152, date(2015, 2, 23)) == date(2015, 5, 10)


def test_hdced_at_least_28_days_into_the_sentence():
    assert _hdced(50) == date(2020, 1, 29)


def test_hdced_180_days_before_release_above_the_midpoint():
    assert _hdced(548, date(2012, 12, 15), deductions=45) == date(2013, 11, 3)


def test_hdc_365_up_to_365_days_before_release_after_3_june_2025():
    assert _hdced(1000, date(2025, 1, 1)) == date(2025, 1, 1) + timedelta(days=1000 - 365)


def test_no_hdced_for_an_active_sex_offender():
    assert "HDCED" not in dates(booking(sentence("2020-01-10", years=2), sex_offender=True))


def test_tused_twelve_months_after_release_for_short_ora_sentence():
    result = dates(booking(sentence("2015-02-23", months=10)))
    assert result["CRD"] == "2015-07-24" and result["TUSED"] == "2016-07-24"


def test_tused_repealed_by_post_recall_repeal_toggle():
    assert "TUSED" not in dates(
        booking(sentence("2015-02-23", months=10)), toggles={"applyPostRecallRepealRules": True}
    )


def test_ersed_only_when_asked_for():
    raw = booking(sentence("2020-01-10", years=4))
    assert "ERSED" not in dates(raw)
    # ERS50: up to 544 days before the CRD of 9 January 2022, but not before half of its 731 days.
    assert dates(raw, user_inputs={"calculateErsed": True})["ERSED"] == "2021-01-10"
