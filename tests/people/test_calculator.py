"""The calculation page's engine input (people/calculator.py): pure, so no database."""

import json
from datetime import date

import pytest

from resettle.people.calculator import PROFILES, PastedBookingInvalid, booking_from_form, booking_from_json
from resettle.rules.sentencing import model as engine
from resettle.rules.sentencing.durations import Duration

DETAILS = {"date_of_birth": date(1980, 1, 1), "subject_to_notification": True, "remand_days": 12}


def row(**fields) -> dict:
    return {
        "calc_type": "ADIMP_ORA",
        "sentence_date": date(2023, 3, 1),
        "offence_date": date(2022, 6, 1),
        "years": 4,
        **fields,
    }


def test_the_three_shipped_profiles_are_offered():
    assert PROFILES == ("calculation-params", "sds-50", "sds-progression-model-october")


def test_a_standard_sentence_from_the_form():
    booking = booking_from_form(DETAILS, {1: row(early_release_exclusions=["VIOLENT"], is_sds_plus=True)})

    (sentence,) = booking.sentences
    assert booking.offender == engine.Offender(date(1980, 1, 1), is_active_sex_offender=True)
    assert sentence.kind == engine.SentenceKind.STANDARD and sentence.identifier == "1"
    assert sentence.duration == Duration(years=4) and sentence.custodial_duration == Duration()
    assert sentence.offence.committed_at == date(2022, 6, 1)
    assert sentence.release_arrangements == engine.ReleaseArrangements(
        is_sds_plus=True, early_release_exclusions=frozenset({"VIOLENT"})
    )
    assert booking.adjustments == (
        engine.Adjustment(engine.AdjustmentType.REMAND, 12, applies_to_sentences_from=date(2023, 3, 1)),
    )


def test_an_extended_sentence_has_a_custodial_term_and_an_extension():
    booking = booking_from_form(DETAILS, {1: row(calc_type="EDS21", years=6, extension_years=4)})

    (sentence,) = booking.sentences
    assert sentence.kind == engine.SentenceKind.EXTENDED
    assert (sentence.duration, sentence.custodial_duration) == (Duration(), Duration(years=6))
    assert sentence.extension_duration == Duration(years=4)


def test_consecutive_sentences_refer_to_the_number_the_page_shows():
    booking = booking_from_form(DETAILS, {1: row(), 3: row(years=1, consecutive_to="1")})

    assert [(s.identifier, s.consecutive_to) for s in booking.sentences] == [("1", None), ("3", "1")]


def test_a_recall_takes_its_type_from_the_sentence_unless_chosen():
    implied = booking_from_form(
        DETAILS, {1: row(calc_type="FTR_ORA", return_to_custody_date=date(2026, 10, 4))}
    )
    chosen = booking_from_form(
        DETAILS,
        {
            1: row(
                calc_type="LR_ORA",
                recall_type="FIXED_TERM_RECALL_14",
                return_to_custody_date=date(2026, 10, 4),
            )
        },
    )

    assert implied.sentences[0].recall == engine.Recall(engine.RecallType.FTR_28, None, date(2026, 10, 4))
    assert implied.return_to_custody_date == date(2026, 10, 4)
    assert chosen.sentences[0].recall.recall_type == engine.RecallType.FTR_14


def test_section_250_detention_is_marked():
    booking = booking_from_form(DETAILS, {1: row(calc_type="SEC250")})

    assert booking.sentences[0].release_arrangements.is_section_250


def test_pasted_json_may_be_the_booking_or_a_whole_fixture():
    booking = {
        "offender": {"dateOfBirth": "1990-01-01"},
        "sentences": [
            {
                "offence": {"committedAt": "2012-12-14"},
                "duration": {"durationElements": {"YEARS": 3}},
                "sentencedAt": "2012-12-15",
            }
        ],
    }

    alone = booking_from_json(json.dumps(booking))
    fixture = booking_from_json(json.dumps({"booking": booking, "userInputs": {"calculateErsed": True}}))

    assert alone.sentences[0].duration == Duration(years=3) and not alone.calculate_ersed
    assert fixture.calculate_ersed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"offender": }', "not valid JSON: line 1, column 14: Expecting value"),
        ("[]", "In the booking, booking: must be an object"),
        ('{"offender": {"dateOfBirth": "1990-01-01"}}', "In the booking, sentences: at least one sentence"),
    ],
)
def test_unreadable_json_says_where(text, message):
    with pytest.raises(PastedBookingInvalid, match=message.replace("(", r"\(")):
        booking_from_json(text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"calc_type": "ADIMP_ORA", "years": 4, "is_sds_plus": True},
        {"calc_type": "EDS21", "years": 6, "extension_years": 3},
        {"calc_type": "FTR_ORA", "years": 2, "return_to_custody_date": date(2024, 5, 1)},
        {"calc_type": "SEC250", "years": 3},
    ],
)
def test_the_page_and_the_stored_calculation_build_the_same_sentence(fields):
    """Issue 13 §7: one input builder (booking_input.engine_sentence), so a sentence typed on the page and
    the same one on record reach the engine as the same input."""
    from resettle.people.booking_input import booking_input
    from resettle.people.release_dates import bookings_for_calculation
    from tests import factories

    man = factories.person()
    factories.sentence(man, sentence_date=date(2023, 3, 1), **fields)
    booking = bookings_for_calculation().get(pk=man.active_booking.pk)
    stored = booking_input(
        booking, man, sentences=booking.sentence_list, adjustments=[], subject_to_notification=False
    ).sentences[0]
    typed = booking_from_form(DETAILS, {1: row(**fields)}).sentences[0]
    same = ("kind", "sentenced_at", "duration", "custodial_duration", "extension_duration", "recall")
    assert {name: getattr(typed, name) for name in same} == {name: getattr(stored, name) for name in same}
    assert typed.release_arrangements == stored.release_arrangements
