from datetime import date

from resettle.rules.sentencing.early_release import default

from .builders import booking, dates, sentence

TRANCHE = date(2024, 9, 10)


def test_sds40_date_before_tranche_defaults_to_tranche_date():
    assert default(date(2024, 12, 1), date(2024, 8, 1), TRANCHE) == TRANCHE


def test_sds40_leaves_a_release_before_the_tranche_alone():
    assert default(date(2024, 9, 1), date(2024, 7, 1), TRANCHE) == date(2024, 9, 1)


def test_sds40_applies_in_full_after_the_tranche():
    assert default(date(2025, 6, 1), date(2025, 1, 1), TRANCHE) == date(2025, 1, 1)


def test_sds40_sentence_passed_after_commencement_released_at_forty_percent():
    result = dates(booking(sentence("2024-10-01", years=2)), profile="calculation-params")
    assert result["CRD"] == "2025-07-19"  # 730 days × 40% = day 292


def test_sds40_excludes_violent_offences():
    arrangements = {"sdsEarlyReleaseExclusions": ["VIOLENT"]}
    result = dates(
        booking(sentence("2024-10-01", years=2, releaseArrangements=arrangements)),
        profile="calculation-params",
    )
    assert result["CRD"] == "2025-09-30"  # one half


def test_sds_50_profile_keeps_pre_sds40_rules():
    assert dates(booking(sentence("2024-10-01", years=2)))["CRD"] == "2025-09-30"


def test_progression_model_releases_at_one_third():
    result = dates(booking(sentence("2026-11-02", years=3)), profile="sds-progression-model-october")
    assert result["CRD"] == "2027-11-02"  # 1,096 days × one third, rounded up = day 366
