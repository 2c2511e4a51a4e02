"""Booking-level rules and the later additions: each test names the rule it checks."""

from datetime import date

import pytest

from resettle.rules.calendar import ENGLAND_AND_WALES
from resettle.rules.sentencing import Refused
from resettle.rules.sentencing.hints import working_day_hints

from .builders import booking, dates, remand, run, sentence

DTO = "DetentionAndTrainingOrderSentence"


def test_ard_becomes_crd_while_a_licence_on_another_sentence_runs_psi_example_16():
    raw = booking(
        sentence("2015-02-12", months=6),
        sentence("2015-02-12", offence="2015-01-01", months=8),
        adjustments=remand(14, "2015-02-12"),
        dob="1970-03-03",
    )
    result = dates(raw)
    assert result["CRD"] == "2015-05-29" and result["SED"] == "2015-09-27" and result["LED"] == "2015-07-28"


def test_release_stays_ard_when_every_licence_has_ended():
    raw = booking(
        sentence("2020-05-14", offence="2020-05-13", months=5),
        sentence("2020-06-14", offence="2013-03-03", months=11, weeks=2),
    )
    assert dates(raw)["ARD"] == "2020-12-04"


def test_consecutive_dtos_capped_at_24_months_and_no_top_up_supervision():
    first = sentence("2022-07-13", type=DTO, months=14, identifier="a")
    second = sentence("2022-09-02", type=DTO, months=14, consecutiveSentenceUUIDs=["a"])
    result = run(booking(first, second))
    assert result.effective_sentence_length.iso() == "P2Y"
    assert "TUSED" not in result.dates


def test_ersed_not_before_release_from_a_concurrent_dto():
    raw = booking(
        sentence("2021-12-16", offence="2020-01-20", type=DTO, months=20),
        sentence("2021-10-08", offence="2020-01-20", years=3),
        adjustments=remand(25, "2021-10-08"),
    )
    assert dates(raw, user_inputs={"calculateErsed": True})["ERSED"] == "2022-10-15"


def test_licence_cannot_expire_while_unlawfully_at_large():
    ual = {
        "UNLAWFULLY_AT_LARGE": [
            {
                "appliesToSentencesFrom": "2024-12-23",
                "numberOfDays": 152,
                "fromDate": "2024-12-23",
                "toDate": "2025-05-23",
            }
        ],
        "RECALL_REMAND": [{"appliesToSentencesFrom": "2023-11-10", "numberOfDays": 692}],
    }
    raw = booking(
        sentence("2023-11-10", offence="2021-09-15", years=3, recall={"recallType": "STANDARD_RECALL"}),
        adjustments=ual,
    )
    assert dates(raw, "calculation-params")["SLED"] == "2025-05-24"


def test_sds40_tranche_3_markers_go_back_to_one_half_from_16_december_2024():
    marked = {"sdsEarlyReleaseExclusions": ["DOMESTIC_ABUSE_T3"]}
    first = sentence(
        "2023-04-24", offence="2023-04-01", years=2, months=6, identifier="a", releaseArrangements=marked
    )
    second = sentence("2023-04-24", offence="2023-04-01", years=2, consecutiveSentenceUUIDs=["a"])
    # The marked part at one half (457 days), the rest at 40% (292 days): day 749.
    assert dates(booking(first, second), "calculation-params")["CRD"] == "2025-05-11"


def test_hdc_suspension_toggle_removes_adult_hdced():
    raw = booking(sentence("2024-01-10", years=2))
    assert "HDCED" in dates(raw, "calculation-params")
    assert "HDCED" not in dates(raw, "calculation-params", toggles={"adultHdcSuspended": True})


def test_fourteen_day_recall_on_a_sentence_of_twelve_months_is_refused():
    recall = {"recallType": "FIXED_TERM_RECALL_14", "returnToCustodyDate": "2024-11-11"}
    raw = booking(sentence("2024-02-06", months=12, recall=recall), returnToCustodyDate="2024-11-11")
    with pytest.raises(Refused, match="FTR_TYPE_14_DAYS"):
        dates(raw, "calculation-params")


def test_additional_days_awarded_after_release_are_refused():
    ada = {
        "ADDITIONAL_DAYS_AWARDED": [
            {"appliesToSentencesFrom": "2024-10-03", "numberOfDays": 28, "fromDate": "2024-10-03"}
        ]
    }
    raw = booking(sentence("2023-01-10", months=6), adjustments=ada)
    with pytest.raises(Refused, match="ADJUSTMENT_AFTER_RELEASE_ADA"):
        dates(raw)


def test_progression_model_refuses_someone_at_large_at_commencement():
    ual = {
        "UNLAWFULLY_AT_LARGE": [
            {
                "appliesToSentencesFrom": "2026-09-28",
                "numberOfDays": 4,
                "fromDate": "2026-09-28",
                "toDate": "2026-10-01",
            }
        ]
    }
    raw = booking(sentence("2025-08-29", months=33), adjustments=ual)
    with pytest.raises(Refused, match="OUT_OF_CUSTODY_AT_PROGRESSION_MODEL_COMMENCEMENT"):
        dates(raw, "sds-progression-model-october")


def test_friday_release_hint_never_changes_the_legal_date():
    result = run(
        booking(sentence("2024-01-12", offence="2024-01-01", years=2)), "sds-50"
    )  # CRD Saturday 11 January 2025
    hints = working_day_hints(result, ENGLAND_AND_WALES, today=date(2024, 6, 1))
    assert [(h.kind, h.suggested) for h in hints] == [("CRD", date(2025, 1, 9))]
    assert result.dates["CRD"] == date(2025, 1, 11)
