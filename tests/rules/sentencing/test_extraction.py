"""The booking's dates drawn from its sentences (extraction.py: ARD or CRD, PED, HDCED, ERSED) and the
release schemes judged across the whole booking (SDS40 and progression-model tranches, HDC repeal), from
CRDS's own cases: each test names the rule it checks."""

from datetime import date

import pytest

from resettle.rules.calendar import ENGLAND_AND_WALES
from resettle.rules.sentencing import Refused
from resettle.rules.sentencing.hints import working_day_hints

from .builders import DTO, PM, PM_TOGGLES, booking, dates, extended, remand, run, sentence


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


def _ual(reason=None, start="2026-09-28", end="2026-10-01"):
    entry = {"appliesToSentencesFrom": start, "numberOfDays": 4, "fromDate": start, "toDate": end}
    if reason:
        entry["additionalInfo"] = {"type": "UAL", "reason": reason}
    return {"UNLAWFULLY_AT_LARGE": [entry]}


OUT_AT_COMMENCEMENT = "UNSUPPORTED_OUT_OF_CUSTODY_AT_PROGRESSION_MODEL_COMMENCEMENT"


def test_progression_model_refuses_someone_escaped_over_its_commencement():
    """Hard cases §7.4: an escape (since 21 July 2008) counts him out from its first day to its last; at
    large on 30 September 2026, the day before the progression model commences, is refused."""
    raw = booking(sentence("2025-08-29", months=33), adjustments=_ual("ESCAPE"))
    with pytest.raises(Refused, match=OUT_AT_COMMENCEMENT):
        dates(raw, "sds-progression-model-october")


def test_untyped_or_recall_ual_does_not_count_him_out_at_commencement():
    """Hard cases §7.4: CRDS ignores UAL with no type, or a RECALL one, for this check."""
    for adjustments in (_ual(), _ual("RECALL")):
        assert "CRD" in dates(
            booking(sentence("2025-08-29", months=33), adjustments=adjustments),
            "sds-progression-model-october",
        )


def test_an_escape_ending_the_day_before_commencement_is_not_out_on_it():
    """[from, to] for an escape: ending on 29 September, he is back in custody on the 30th."""
    raw = booking(sentence("2025-08-29", months=33), adjustments=_ual("ESCAPE", "2026-09-20", "2026-09-29"))
    assert "CRD" in dates(raw, "sds-progression-model-october")


def test_released_in_error_counts_a_day_either_side():
    """[from − 1, to + 1] for release in error: at large 1 to 29 September is out until the 30th, so out on
    the day before commencement is not reached (30th < 30th is false) — but to the 30th is."""
    ends_29th = _ual("RELEASE_IN_ERROR", "2026-09-01", "2026-09-29")
    ends_30th = _ual("RELEASE_IN_ERROR", "2026-09-01", "2026-09-30")
    assert "CRD" in dates(
        booking(sentence("2025-08-29", months=33), adjustments=ends_29th), "sds-progression-model-october"
    )
    with pytest.raises(Refused, match=OUT_AT_COMMENCEMENT):
        dates(
            booking(sentence("2025-08-29", months=33), adjustments=ends_30th), "sds-progression-model-october"
        )


def test_friday_release_hint_never_changes_the_legal_date():
    result = run(
        booking(sentence("2024-01-12", offence="2024-01-01", years=2)), "sds-50"
    )  # CRD Saturday 11 January 2025
    hints = working_day_hints(result, ENGLAND_AND_WALES, today=date(2024, 6, 1))
    assert [(h.kind, h.suggested) for h in hints] == [("CRD", date(2025, 1, 9))]
    assert result.dates["CRD"] == date(2025, 1, 11)


def _moved(*movements):
    return [{"movementDate": on, "movementReason": reason, "direction": way} for on, reason, way in movements]


def test_out_on_ers_or_parole_at_commencement_is_refused_but_hdc_and_crd_are_not():
    """Hard cases §7.4: the latest movement out before 1 October 2026 being ERS removal or parole, with no
    movement in since, is out of custody; HDC and CRD releases do not block the progression model."""
    sentenced = sentence("2025-08-29", months=33)
    for reason in ("ERS", "PAROLE"):
        raw = booking(sentenced, externalMovements=_moved(("2026-06-01", reason, "OUT")))
        with pytest.raises(Refused, match=OUT_AT_COMMENCEMENT):
            dates(raw, "sds-progression-model-october")
    back_in = _moved(("2026-06-01", "ERS", "OUT"), ("2026-07-01", "ERS_BREACH", "IN"))
    assert "CRD" in dates(booking(sentenced, externalMovements=back_in), "sds-progression-model-october")


def test_an_hdced_while_still_out_on_hdc_is_refused_after_the_repeal():
    """Hard cases §5.6 (HdcedRepealValidator): with the repeal rules on, an HDCED for a man whose last HDC
    release has no movement back in is for a person to decide; back in, it is calculated."""
    from resettle.rules.sentencing.movements import still_out_on_hdc
    from resettle.rules.sentencing.parse import parse_booking

    out = parse_booking(
        booking(sentence("2024-01-10", years=2), externalMovements=_moved(("2024-06-01", "HDC", "OUT")))
    )
    back = parse_booking(
        booking(
            sentence("2024-01-10", years=2),
            externalMovements=_moved(("2024-06-01", "HDC", "OUT"), ("2024-07-01", "HDC_RECALL", "IN")),
        )
    )
    assert still_out_on_hdc(out) and not still_out_on_hdc(back)


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
    sopc = extended("SopcSentence", "2023-03-26", {"YEARS": 3}, {"YEARS": 1}, identifier="s")
    middle = sentence("2023-03-26", months=30, identifier="m", consecutiveSentenceUUIDs=["s"])
    last = sentence("2026-12-08", months=20, consecutiveSentenceUUIDs=["m"])
    result = dates(booking(sopc, middle, last), profile=PM, toggles=PM_TOGGLES)
    assert (result["CRD"], result["PED"]) == ("2027-08-14", "2026-10-15")
