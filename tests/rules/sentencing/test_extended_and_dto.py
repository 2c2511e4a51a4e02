from datetime import date

from .builders import booking, dates, remand, sentence


def _eds(sentenced_at, custodial, extension, **fields):
    return sentence(
        sentenced_at,
        type="ExtendedDeterminateSentence",
        custodialDuration={"durationElements": custodial},
        extensionDuration={"durationElements": extension},
        **fields,
    )


def test_eds_parole_eligible_at_two_thirds_and_released_at_end_of_custodial_term():
    result = dates(booking(_eds("2019-05-20", {"YEARS": 2, "MONTHS": 6}, {"YEARS": 1})))
    assert result["CRD"] == "2021-11-19"
    assert result["SLED"] == "2022-11-19"
    assert result["PED"] == "2021-01-18"


def test_eds_automatic_release_at_two_thirds_without_parole():
    result = dates(booking(_eds("2019-05-20", {"YEARS": 3}, {"YEARS": 1}, automaticRelease=True)))
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


def test_fixed_term_recall_28_days_from_return_to_custody():
    recall = {"recallType": "FIXED_TERM_RECALL_28", "returnToCustodyDate": "2025-04-03"}
    first = sentence("2024-09-18", offence="2022-12-31", months=5, identifier="a", recall=recall)
    second = sentence(
        "2024-09-18", offence="2022-12-31", months=7, consecutiveSentenceUUIDs=["a"], recall=recall
    )
    raw = booking(
        first,
        second,
        adjustments=remand(40, "2024-09-18", kind="RECALL_TAGGED_BAIL"),
        returnToCustodyDate="2025-04-03",
    )
    assert dates(raw, profile="calculation-params") == {
        "SLED": "2025-08-08",
        "PRRD": "2025-04-30",
        "TUSED": "2026-01-01",
        "ESED": "2025-09-17",
    }


def test_standard_recall_released_at_licence_expiry():
    raw = booking(sentence("2022-10-14", months=18, recall={"recallType": "STANDARD_RECALL"}))
    result = dates(raw, profile="calculation-params")
    assert result["PRRD"] == result["SLED"]


def test_ftr56_release_not_before_the_tranche_date_for_his_sentence_length():
    recall = {
        "recallType": "FIXED_TERM_RECALL_56",
        "revocationDate": "2026-01-22",
        "returnToCustodyDate": "2026-01-24",
    }
    raw = booking(sentence("2022-07-18", years=5, months=1, recall=recall), returnToCustodyDate="2026-01-24")
    # 1,857 days falls in FTR56 tranche 2 (up to 2,128 days), which commenced on 14 April 2026.
    assert dates(raw, profile="calculation-params")["PRRD"] == "2026-04-14"


def test_additional_days_awarded_between_sentences_apply_to_the_next_one():
    ada = {
        "ADDITIONAL_DAYS_AWARDED": [
            {"appliesToSentencesFrom": "2020-06-01", "numberOfDays": 10, "fromDate": "2020-06-01"}
        ]
    }
    first = sentence("2020-01-10", months=4)  # released 10 March 2020, before the award
    second = sentence("2020-09-01", months=6)
    without = dates(booking(first, second))
    with_ada = dates(booking(first, second, adjustments=ada))
    assert (date.fromisoformat(with_ada["CRD"]) - date.fromisoformat(without["CRD"])).days == 10
