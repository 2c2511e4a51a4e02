"""Two refusals CRDS makes after calculating: a breach of a sexual harm prevention order whose release
provisions are unknown, and a release that would fall before the date of sentence."""

import pytest

from resettle.rules.sentencing import Refused

from .builders import booking, dates, remand, run, sentence

SHPO = "UNABLE_TO_DETERMINE_SHPO_RELEASE_PROVISIONS"
BEFORE_SENTENCE = "RELEASE_DATE_BEFORE_SENTENCE_DATE"


def shpo_breach(sentenced_at, offence, code="SX03220", markers=("SEXUAL",), **duration):
    return sentence(
        sentenced_at,
        offence=offence,
        releaseArrangements={"sdsEarlyReleaseExclusions": list(markers)},
        **duration,
    ) | {"offence": {"committedAt": offence, "offenceCode": code}}


def refusal_code(raw, profile="calculation-params"):
    with pytest.raises(Refused) as refused:
        run(raw, profile)
    return refused.value.code


def test_shpo_breach_since_the_sentencing_code_is_refused_when_its_release_depends_on_the_act():
    # 19 months from 6 February 2024: out on 20 November 2024 if excluded from SDS40 from the start,
    # 24 September 2024 if excluded only from 16 December 2024.
    raw = booking(shpo_breach("2024-02-06", "2020-12-29", months=19))
    assert refusal_code(raw) == SHPO


def test_the_refusal_reason_is_plain_english():
    with pytest.raises(Refused) as refused:
        run(booking(shpo_breach("2024-02-06", "2020-12-29", months=19)), "calculation-params")
    assert "sexual harm prevention order" in refused.value.reason


def test_shpo_breach_before_the_sentencing_code_is_calculated():
    raw = booking(shpo_breach("2024-01-12", "2020-11-29", months=19))
    assert dates(raw, "calculation-params")["CRD"] == "2024-10-26"  # one half: excluded from SDS40


def test_shpo_breach_whose_release_is_the_same_either_way_is_calculated():
    # 17 months from 11 September 2024: even at 40% he would still be in custody on 16 December 2024.
    raw = booking(shpo_breach("2024-09-11", "2024-03-02", code="SX03247A", months=17))
    assert dates(raw, "calculation-params")["CRD"] == "2025-05-27"


def test_shpo_breach_is_refused_whatever_its_exclusion_markers():
    # Hard cases §8.2: the validator reads the offence code, its date and the release, not the markers.
    # 19 months from 6 February 2024 at 40% is day 232, 24 September 2024: in [10 Sep, 16 Dec 2024).
    raw = booking(shpo_breach("2024-02-06", "2020-12-29", markers=(), months=19))
    assert refusal_code(raw) == SHPO


def test_other_sexual_offences_are_not_shpo_breaches():
    raw = booking(shpo_breach("2024-02-06", "2020-12-29", code="SX03245", months=19))
    assert "CRD" in dates(raw, "calculation-params")


def test_remand_releasing_him_well_before_sentence_is_refused():
    # 20 days: released at day 10, 10 October 2020, less 20 days on remand is 20 September.
    raw = booking(
        sentence("2020-10-01", days=20),
        adjustments=remand(20, "2020-10-01", fromDate="2020-09-10", toDate="2020-09-30"),
    )
    assert refusal_code(raw) == BEFORE_SENTENCE


def test_released_on_the_day_of_sentence_is_an_immediate_release():
    # 6 months, day 91 less 92 days on remand: the day before sentence, so released on the day.
    raw = booking(
        sentence("2020-06-04", months=6),
        adjustments=remand(92, "2020-06-04", fromDate="2020-03-04", toDate="2020-06-03"),
    )
    assert dates(raw)["CRD"] == "2020-06-04"


def test_release_before_sentence_is_calculated_while_another_sentence_holds_him():
    raw = booking(
        sentence("2020-10-01", years=2),
        sentence("2020-10-01", days=20),
        adjustments=remand(20, "2020-10-01", fromDate="2020-09-10", toDate="2020-09-30"),
    )
    assert "CRD" in dates(raw, "calculation-params")


def test_an_unsupported_shpo_breach_is_refused_as_such_even_when_its_remand_overlaps():
    """CRDS runs its unsupported checks (order 1) before its invalid-data ones (order 2): a booking that is
    both an SHPO breach of unknown release provisions and has remand running into the sentence is refused
    for the SHPO (ValidationService.validate; hard cases §8.1). Alone, the overlap is refused as such."""
    overlapping = remand(10, "2024-02-06", fromDate="2024-01-30", toDate="2024-02-08")
    both = booking(shpo_breach("2024-02-06", "2020-12-29", months=19), adjustments=overlapping)
    assert refusal_code(both) == SHPO
    plain = booking(sentence("2024-02-06", offence="2023-06-01", months=19), adjustments=overlapping)
    assert refusal_code(plain) == "REMAND_OVERLAPS_WITH_SENTENCE"
