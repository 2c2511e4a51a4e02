from datetime import date

from resettle.rules.calendar import ENGLAND_AND_WALES, WorkingDays
from resettle.rules.sentencing.legislation import Toggles, load_profile
from resettle.rules.sentencing.multipliers import FORTY_PERCENT, ONE_HALF, ONE_THIRD

FIXTURE_HOLIDAYS = WorkingDays.with_bank_holidays([date(2021, 12, 27), date(2021, 12, 28)])


def test_calculation_params_profile_has_sds40_tranches():
    profile = load_profile("calculation-params")
    assert profile.sds40.sds == FORTY_PERCENT
    assert [t.date for t in profile.sds40.tranches] == [date(2024, 9, 10), date(2024, 10, 22)]
    assert profile.progression_model is None


def test_sds_50_profile_sits_on_calculation_params_with_sds40_moved_to_2054():
    profile = load_profile("sds-50")
    assert profile.sds40.sds == ONE_HALF and profile.sds40.commencement == date(2054, 9, 10)
    assert profile.hdc == load_profile("calculation-params").hdc


def test_progression_model_profile_has_ten_tranches_at_one_third():
    model = load_profile("sds-progression-model-october").progression_model
    assert model.sds == ONE_THIRD and len(model.tranches) == 10 and model.tranches[-1].is_final


def test_toggles_are_all_off_unless_given():
    toggles = Toggles.from_mapping({"applyPostRecallRepealRules": True, "unknownToggle": True})
    assert toggles.applyPostRecallRepealRules and not toggles.applyPostHdcedRepealRules


def test_previous_working_day_skips_weekend_and_the_given_bank_holidays():
    assert FIXTURE_HOLIDAYS.previous_working_day(date(2021, 12, 28)) == date(2021, 12, 24)


def test_england_and_wales_bank_holidays_come_from_the_holidays_package():
    assert ENGLAND_AND_WALES.is_bank_holiday(date(2025, 12, 25))
    assert ENGLAND_AND_WALES.next_working_day(date(2025, 12, 25)) == date(2025, 12, 29)


def test_non_friday_release_steps_back_before_a_weekend():
    assert ENGLAND_AND_WALES.non_friday_release_day(date(2025, 6, 6)) == date(2025, 6, 5)  # a Friday
