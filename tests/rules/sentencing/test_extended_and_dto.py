"""Extended determinate sentences (extended.py) and detention and training orders (dto.py), from CRDS's own cases."""

from .builders import booking, dates, extended, remand, sentence

EDS = "ExtendedDeterminateSentence"


def test_eds_parole_eligible_at_two_thirds_and_released_at_end_of_custodial_term():
    result = dates(booking(extended(EDS, "2019-05-20", {"YEARS": 2, "MONTHS": 6}, {"YEARS": 1})))
    assert result["CRD"] == "2021-11-19"
    assert result["SLED"] == "2022-11-19"
    assert result["PED"] == "2021-01-18"


def test_eds_automatic_release_at_two_thirds_without_parole():
    result = dates(booking(extended(EDS, "2019-05-20", {"YEARS": 3}, {"YEARS": 1}, automaticRelease=True)))
    assert result["CRD"] == "2021-05-19"
    assert "PED" not in result


def test_dto_mid_term_with_early_and_late_dates_two_months_either_side():
    raw = booking(
        sentence("2022-08-14", offence="2022-08-01", type="DetentionAndTrainingOrderSentence", months=23),
        adjustments=remand(4, "2022-08-14", toDate="2022-08-13"),
    )
    assert dates(raw) == {
        "SED": "2024-07-09",
        "MTD": "2023-07-25",
        "ETD": "2023-05-25",
        "LTD": "2023-09-25",
        "TUSED": "2024-07-25",
        "ESED": "2024-07-13",
    }
