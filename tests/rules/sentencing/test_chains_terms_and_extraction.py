"""Rules for mixed chains, single DTO terms, served added days and the booking-level extraction of PED,
HDCED and ERSED (values from CRDS's own cases)."""

from .builders import booking, dates, remand, sentence

PM = "sds-progression-model-october"
PM_TOGGLES = {"applyPostRecallRepealRules": True, "routePreProgressionExtinguishedSentenceToManual": True}


def _extended(kind, sentenced_at, custodial, extension, **fields):
    return sentence(
        sentenced_at,
        type=kind,
        custodialDuration={"durationElements": custodial},
        extensionDuration={"durationElements": extension},
        **fields,
    )


def _dto(sentenced_at, months, **fields):
    return sentence(sentenced_at, type="DetentionAndTrainingOrderSentence", months=months, **fields)


def test_chain_counts_parts_without_parole_first_then_the_parole_parts():
    sopc = _extended("SopcSentence", "2021-11-03", {"YEARS": 5}, {"MONTHS": 12}, identifier="s")
    sds_plus = sentence(
        "2021-11-03",
        offence="2021-01-05",
        years=9,
        consecutiveSentenceUUIDs=["s"],
        releaseArrangements={"isSDSPlus": True},
    )
    result = dates(booking(sopc, sds_plus))
    assert (result["CRD"], result["PED"]) == ("2032-11-03", "2030-05-05")


def test_consecutive_parole_parts_with_the_same_fraction_are_counted_together():
    first = _extended("SopcSentence", "2021-03-12", {"YEARS": 7}, {"MONTHS": 12}, identifier="s")
    second = _extended(
        "SopcSentence", "2021-07-26", {"YEARS": 4}, {"MONTHS": 12}, consecutiveSentenceUUIDs=["s"]
    )
    assert dates(booking(first, second))["PED"] == "2026-09-10"


def test_concurrent_dtos_on_different_dates_are_one_term_capped_at_24_months():
    raw = booking(_dto("2021-06-14", 18, offence="2021-04-07"), _dto("2022-01-06", 18, offence="2021-04-07"))
    assert dates(raw) == {
        "SED": "2023-06-13",
        "MTD": "2022-06-13",
        "ETD": "2022-04-13",
        "LTD": "2022-08-13",
        "ESED": "2023-06-13",
    }


def test_dtos_either_side_of_a_release_keep_their_own_dates():
    raw = booking(
        _dto("2023-05-01", 10, offence="2022-05-01"),
        _dto("2023-09-04", 22, offence="2024-03-04"),
        externalMovements=[
            {"movementDate": "2023-08-07", "movementReason": "DTO", "direction": "OUT"},
            {"movementDate": "2023-09-04", "movementReason": "SENTENCE", "direction": "IN"},
        ],
    )
    result = dates(raw, profile="calculation-params")
    assert (result["MTD"], result["SED"]) == ("2024-08-03", "2025-07-03")


def test_added_days_served_before_a_new_sentence_are_not_served_again():
    raw = booking(
        sentence("2017-02-17", offence="2016-10-06", months=56),
        sentence("2019-05-23", offence="2019-02-08", months=52),
        adjustments={
            **remand(85, "2017-02-17", fromDate="2016-11-23", toDate="2017-02-16"),
            "ADDITIONAL_DAYS_AWARDED": [{"appliesToSentencesFrom": "2017-02-17", "numberOfDays": 131}],
        },
    )
    result = dates(raw)
    assert (result["CRD"], result["HDCED"]) == ("2021-07-10", "2021-01-12")


def _recall_and_eds(recall_months, recall_remand):
    recall = sentence(
        "2017-08-28", months=recall_months, recall={"recallType": "STANDARD_RECALL"}, offence="2017-08-28"
    )
    eds = _extended("ExtendedDeterminateSentence", "2019-03-20", {"YEARS": 2}, {"YEARS": 2})
    return booking(recall, eds, adjustments=remand(recall_remand, "2017-08-28", kind="RECALL_REMAND"))


def test_a_recall_release_does_not_delay_parole_eligibility_on_another_sentence():
    assert dates(_recall_and_eds(36, 20))["PED"] == "2020-07-19"


def test_a_recall_release_after_the_parole_sentence_release_removes_the_ped():
    assert "PED" not in dates(_recall_and_eds(48, 20))


def test_no_hdc_when_held_until_the_release_of_a_sentence_whose_hdc_is_repealed():
    section_250 = {"isSection250": True}
    raw = booking(
        sentence("2025-04-03", offence="2025-04-02", years=6, months=5, releaseArrangements=section_250),
        sentence("2026-06-02", offence="2026-06-01", years=4),
        dob="1990-01-01",
    )
    toggles = {"applyPostHdcedRepealRules": True, "routePreProgressionExtinguishedSentenceToManual": True}
    assert dates(raw, profile=PM, toggles=toggles) == {
        "SLED": "2031-09-02",
        "CRD": "2027-10-27",
        "ESED": "2031-09-02",
    }


def test_ersed_under_the_progression_model_final_merge():
    """Hard cases §9.8 final merge, §6.4. Passed after: at the tranche date (2026-10-01) only the 14 months
    existed, ERSED 2026-09-24, before the tranche, so the booking keeps it though the 5 months passed that
    day has a later one. Passed before: no tranche (nothing passed before the commencement), so the latest
    ERSED of the two, the second's."""
    ersed = {"calculateErsed": True}
    passed_after = booking(sentence("2026-08-03", months=14), sentence("2026-10-01", months=5))
    assert dates(passed_after, profile=PM, toggles=PM_TOGGLES, user_inputs=ersed)["ERSED"] == "2026-09-24"
    passed_before = booking(sentence("2026-10-05", years=2), sentence("2026-11-12", years=1))
    assert dates(passed_before, profile=PM, toggles=PM_TOGGLES, user_inputs=ersed)["ERSED"] == "2026-12-19"


def test_ersed_for_a_sentence_with_an_automatic_release_date():
    raw = booking(sentence("2026-06-04", offence="2015-01-18", months=11))
    result = dates(raw, profile=PM, toggles=PM_TOGGLES, user_inputs={"calculateErsed": True})
    assert (result["CRD"], result["ERSED"]) == ("2026-10-01", "2026-07-15")


def test_progression_model_tranche_judged_on_each_sentence_length():
    raw = booking(
        sentence("2025-07-29", months=20),
        sentence("2026-01-08", months=36),
        adjustments=remand(50, "2025-07-29", fromDate="2024-06-09", toDate="2024-07-28"),
    )
    assert dates(raw, profile=PM, toggles=PM_TOGGLES)["CRD"] == "2026-11-19"


def test_chain_part_passed_after_the_progression_model_commenced_is_under_it_from_the_start():
    sopc = _extended("SopcSentence", "2023-03-26", {"YEARS": 3}, {"YEARS": 1}, identifier="s")
    middle = sentence("2023-03-26", months=30, identifier="m", consecutiveSentenceUUIDs=["s"])
    last = sentence("2026-12-08", months=20, consecutiveSentenceUUIDs=["m"])
    result = dates(booking(sopc, middle, last), profile=PM, toggles=PM_TOGGLES)
    assert (result["CRD"], result["PED"]) == ("2027-08-14", "2026-10-15")


def test_28_day_recall_recalls_the_sentences_under_12_months_for_14_days():
    recall = {"recallType": "FIXED_TERM_RECALL_28", "returnToCustodyDate": "2024-12-11"}
    raw = booking(
        sentence("2024-02-06", months=6, identifier="a", recall=recall),
        sentence("2024-02-06", months=5, consecutiveSentenceUUIDs=["a"], recall=recall),
        sentence("2023-12-11", months=12, recall=recall),
        adjustments={
            "UNLAWFULLY_AT_LARGE": [
                {
                    "appliesToSentencesFrom": "2024-11-24",
                    "numberOfDays": 18,
                    "fromDate": "2024-11-24",
                    "toDate": "2024-12-11",
                }
            ]
        },
        returnToCustodyDate="2024-12-11",
    )
    # The 11-month aggregate is out after 14 days; the 12-month sentence holds him to its expiry.
    assert dates(raw, profile="calculation-params")["PRRD"] == "2024-12-28"


def test_remand_recorded_against_a_day_he_was_serving_no_sentence_applies_to_none():
    section_250 = {"isSection250": True}  # outside the progression model
    raw = booking(
        sentence("2026-07-30", years=2, releaseArrangements=section_250),
        sentence("2026-09-05", years=2, releaseArrangements=section_250),
        adjustments=remand(73, "2025-10-20", fromDate="2025-08-08", toDate="2025-10-19"),
    )
    result = dates(raw, profile=PM, toggles=PM_TOGGLES)
    assert (result["CRD"], result["SLED"]) == ("2027-06-24", "2028-09-04")
