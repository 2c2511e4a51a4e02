import pytest

from resettle.rules.sentencing import BookingInvalid, Refused

from .builders import booking, dates, run, sentence


def test_missing_duration_names_the_sentence_field():
    raw = booking(
        sentence("2020-01-10", years=1),
        {"type": "StandardSentence", "offence": {"committedAt": "2020-01-01"}, "sentencedAt": "2020-01-10"},
    )
    with pytest.raises(BookingInvalid, match=r"^sentences\[1\]\.duration: must be an object"):
        run(raw)


def test_bad_date_names_the_field():
    with pytest.raises(BookingInvalid) as error:
        run(booking(sentence("2020-13-01", offence="2020-01-01", years=1)))
    assert error.value.field == "sentences[0].sentencedAt"


def test_unknown_sentence_type_is_refused_with_the_allowed_types():
    with pytest.raises(BookingInvalid, match=r"sentences\[0\]\.type: 'LifeSentence' is not one of"):
        run(booking(sentence("2020-01-10", years=1, type="LifeSentence")))


def test_negative_adjustment_names_the_field():
    raw = booking(sentence("2020-01-10", years=1), adjustments={"REMAND": [{"numberOfDays": -3}]})
    with pytest.raises(BookingInvalid, match=r"adjustments\.REMAND\[0\]\.numberOfDays"):
        run(raw)


def test_lawfully_at_large_goes_to_manual_calculation():
    raw = booking(sentence("2020-01-10", years=1), adjustments={"LAWFULLY_AT_LARGE": [{"numberOfDays": 3}]})
    with pytest.raises(Refused) as refused:
        run(raw)
    assert refused.value.code == "UNSUPPORTED_ADJUSTMENT_LAWFULLY_AT_LARGE"  # hard cases §8.2


def test_hdc_recall_goes_to_manual_calculation():
    raw = booking(sentence("2020-01-10", years=1, recall={"recallType": "STANDARD_RECALL_255"}))
    with pytest.raises(Refused):
        run(raw)


def test_remand_overlapping_the_sentence_is_refused():
    raw = booking(
        sentence("2020-12-15", weeks=8),
        adjustments={
            "REMAND": [
                {
                    "appliesToSentencesFrom": "2020-12-15",
                    "numberOfDays": 23,
                    "fromDate": "2020-11-22",
                    "toDate": "2020-12-15",
                }
            ]
        },
    )
    with pytest.raises(Refused, match="REMAND_OVERLAPS_WITH_SENTENCE"):
        dates(raw)


def test_a_toggle_routing_the_2026_schedule_to_manual_refuses_rather_than_calculates():
    """Issue 13 §6; hard cases §8.2 (RouteProgressionModelExclusionToManualValidator): with
    `routeProgressionModelScheduleExclusionToManual` on, a standard sentence carrying the Sentencing Act
    2026 schedule marker is calculated by hand. With the toggle off it is calculated."""
    raw = booking(
        sentence(
            "2026-03-02",
            offence="2025-06-01",
            years=3,
            releaseArrangements={"sdsEarlyReleaseExclusions": ["SA2026_PROGRESSION_MODEL_SCHEDULE"]},
        )
    )
    toggles = {
        "progressionModelScheduleExclusionEnabled": True,
        "routeProgressionModelScheduleExclusionToManual": True,
    }
    with pytest.raises(Refused) as refused:
        run(raw, "sds-progression-model-october", toggles)
    assert refused.value.code == "PROGRESSION_MODEL_SCHEDULE_EXCLUSION"
    assert "CRD" in dates(
        raw, "sds-progression-model-october", {"progressionModelScheduleExclusionEnabled": True}
    )


def test_the_return_to_custody_is_read_one_way_everywhere():
    """Issue 13 §7: the recall's own date, else the booking's, else the fixed-term recall details'; every
    rule (the PRRD, the FTR gap checks, the grouping, the refusal) asks the booking, so none disagrees."""
    from datetime import date

    from resettle.rules.sentencing.model import (
        Booking,
        Offence,
        Offender,
        Recall,
        RecallType,
        Sentence,
        SentenceKind,
    )

    def recalled(own=None):
        return Sentence(
            SentenceKind.STANDARD,
            Offence(date(2020, 1, 1)),
            date(2021, 1, 1),
            "s1",
            recall=Recall(RecallType.FTR_28, return_to_custody_date=own),
        )

    offender = Offender(date(1990, 1, 1))
    only_details = Booking(offender, (recalled(),), ftr_return_to_custody_date=date(2024, 3, 1))
    assert only_details.returned_to_custody(only_details.sentences[0]) == date(2024, 3, 1)
    both = Booking(offender, (recalled(date(2024, 2, 1)),), return_to_custody_date=date(2024, 3, 1))
    assert both.returned_to_custody(both.sentences[0]) == date(2024, 2, 1)
    not_recalled = Sentence(SentenceKind.STANDARD, Offence(date(2020, 1, 1)), date(2021, 1, 1), "s2")
    assert both.returned_to_custody(not_recalled) is None
