"""HDCED and ERSED worked by hand from the rules (hard cases §5 and §6), not from CRDS's fixtures.

Profile `sds-50` throughout unless said: SDS40 and the progression model do not reach these sentences, so
a standard sentence is released at one half, rounded up. `N` is the days to release, `s` the sentence date."""

import pytest

from resettle.rules.sentencing import Refused

from .builders import booking, dates, remand, sentence

ERSED = {"calculateErsed": True}
SNAPSHOT = {"useLatestErsedFromPreErs30Snapshot": True}


def _chain(first, second, **durations):
    """A sentence of `first`'s date and a second passed on `second`, consecutive to it."""
    months = durations.get("months", (24, 4))
    return booking(
        sentence(first, months=months[0], identifier="a"),
        sentence(second, months=months[1], identifier="b", consecutiveSentenceUUIDs=["a"]),
    )


# -- §6.3 choosing the scheme ---------------------------------------------------------------------------
def test_ersed_ers50_for_a_sentence_eligible_before_the_ers30_commencement():
    """Hard cases §6.2, §6.3 rule 1. 2 years from 2024-01-01: 731 days, N = ceil(365.5) = 366,
    CRD = 2024-01-01 + 365 = 2024-12-31. ERS50: s + ceil(366 × 0.5) = s + 183 = 2024-07-02; the latest
    start, CRD − 544 = 2023-07-06, is earlier, so ERSED = 2024-07-02, which is before 2025-09-23: ERS50."""
    result = dates(booking(sentence("2024-01-01", years=2)), user_inputs=ERSED)
    assert result["CRD"] == "2024-12-31"
    assert result["ERSED"] == "2024-07-02"


def test_ersed_from_the_ers30_commencement_when_ers50_is_after_it_and_ers30_before():
    """Hard cases §6.3 rule 3. 4 years from 2025-01-01: 1461 days, N = 731, CRD = 2027-01-01.
    ERS50: s + 366 = 2026-01-02 (CRD − 544 = 2025-07-06 is earlier): on or after 2025-09-23, so not ERS50.
    ERS30: s + ceil(731 × 0.3) = s + 220 = 2025-08-09 (CRD − 4 years = 2023-01-01 is earlier): before
    2025-09-23 and the sentence was passed before it, so ERSED = the commencement, 2025-09-23."""
    result = dates(booking(sentence("2025-01-01", years=4)), user_inputs=ERSED)
    assert result["CRD"] == "2027-01-01"
    assert result["ERSED"] == "2025-09-23"


def test_ersed_ers30_for_a_chain_spanning_the_commencement_even_before_it():
    """Hard cases §6.3: a chain with parts passed before and after 2025-09-23 is a post-ERS30 sentence,
    so ERS30 applies even though its ERS30 date is before the commencement (rule 2, not rule 3).
    14 months from 2025-03-10 (426 days, N = 213, CRD 2025-10-08): he is still serving it on 2025-09-30,
    so 12 months passed then joins the chain (§1.3 step 3). One term at one fraction: 2025-03-10 to
    2027-05-09, 791 days, N = ceil(395.5) = 396, CRD = 2025-03-10 + 395 = 2026-04-09.
    ERS30: s + ceil(396 × 0.3) = s + ceil(118.8) = s + 119 = 2025-07-07 (CRD − 4 years is earlier); not
    spanning, ERS50 (s + 198 = 2025-09-24) would be after and ERS30 before: the commencement."""
    result = dates(_chain("2025-03-10", "2025-09-30", months=(14, 12)), user_inputs=ERSED)
    assert result["CRD"] == "2026-04-09"
    assert result["ERSED"] == "2025-07-07"


# -- §6.2 the before-sentence guard ---------------------------------------------------------------------
def test_ersed_not_before_the_sentence_date():
    """Hard cases §6.2 guard. 2 years from 2024-01-01 (N = 366) with 200 days' remand: CRD =
    2024-12-31 − 200 = 2024-06-14. ERS50 minimum = min(s + 183 − 200, CRD) = 2023-12-15; CRD − 544 =
    2022-12-18 is earlier, so 2023-12-15. Less no UAL or added days that is before s, so ERSED = s."""
    raw = booking(
        sentence("2024-01-01", years=2),
        adjustments=remand(200, "2024-01-01", fromDate="2023-06-15", toDate="2023-12-31"),
    )
    result = dates(raw, user_inputs=ERSED)
    assert result["CRD"] == "2024-06-14"
    assert result["ERSED"] == "2024-01-01"


# -- §6.5 the pre-ERS30 snapshot --------------------------------------------------------------------------
def test_ersed_from_the_pre_ers30_snapshot_when_it_is_later():
    """Hard cases §6.5. 24 months from 2025-01-01 then 4 months passed 2025-10-01, consecutive: one term,
    2025-01-01 to 2027-05-01, 850 days, N = 425, CRD = 2025-01-01 + 424 = 2026-03-01.
    The chain spans 2025-09-23: ERS30, s + ceil(425 × 0.3) = s + 128 = 2025-05-09.
    On the morning of 2025-09-23 only the first sentence existed: CRD 2025-12-31, ERS50 s + ceil(182.5)
    = s + 183 = 2025-07-03 (CRD − 544 is earlier), before the commencement. The toggle takes the later."""
    raw = _chain("2025-01-01", "2025-10-01")
    assert dates(raw, user_inputs=ERSED)["ERSED"] == "2025-05-09"
    result = dates(raw, toggles=SNAPSHOT, user_inputs=ERSED)
    assert result["CRD"] == "2026-03-01"
    assert result["ERSED"] == "2025-07-03"


def test_ersed_snapshot_needs_a_part_passed_strictly_after_the_commencement():
    """Hard cases §6.5 and §1.1 (order 5): the snapshot event exists only if a part is dated strictly
    after 2025-09-23. The same chain with its second part passed on 2025-09-23 keeps the chain's ERS30
    date, s + 128 = 2025-05-09."""
    raw = _chain("2025-01-01", "2025-09-23")
    assert dates(raw, toggles=SNAPSHOT, user_inputs=ERSED)["ERSED"] == "2025-05-09"


# -- §6.1 which sentences --------------------------------------------------------------------------------
def test_no_ersed_for_an_old_style_standard_sentence_on_its_own():
    """Hard cases §6.1: a stand-alone SDS for an offence before 2005-04-04, passed before 2012-12-03."""
    raw = booking(sentence("2011-06-01", offence="2004-06-01", years=2))
    assert "ERSED" not in dates(raw, user_inputs=ERSED)


def test_ersed_for_a_chain_with_an_old_style_part():
    """Hard cases §6.1: the old-style test is for a stand-alone SDS; a chain is eligible when any part's
    track is. 2 years from 2011-06-01 (offence 2004) then 1 year consecutive, both at one half: one term
    of 1096 days, N = 548, CRD = 2011-06-01 + 547 = 2012-11-29.
    ERS50: s + ceil(548 × 0.5) = s + 274 = 2012-03-01; CRD − 544 = 2011-06-04 is earlier."""
    raw = booking(
        sentence("2011-06-01", offence="2004-06-01", years=2, identifier="a"),
        sentence("2011-09-01", offence="2011-07-01", years=1, identifier="b", consecutiveSentenceUUIDs=["a"]),
    )
    result = dates(raw, user_inputs=ERSED)
    assert result["CRD"] == "2012-11-29"
    assert result["ERSED"] == "2012-03-01"


# -- §5.2 one sentence's HDCED ---------------------------------------------------------------------------
def test_hdced_none_under_the_minimum_custodial_period():
    """Hard cases §5.2 step 1: 2 months from 2020-01-01 is 60 days, N = 30 < 42: no HDCED."""
    assert "HDCED" not in dates(booking(sentence("2020-01-01", months=2)))


def test_hdced_at_least_28_days_below_the_midpoint():
    """Hard cases §5.2 step 3, below the midpoint: 3 months from 2020-01-01, 91 days, N = ceil(45.5) = 46
    ≥ 42. days = max(28, ceil(45.5 / 2) = 23) = 28, HDCED = s + 28 = 2020-01-29 (no −1); CRD = s + 45."""
    result = dates(booking(sentence("2020-01-01", months=3)))
    assert result["CRD"] == "2020-02-15"
    assert result["HDCED"] == "2020-01-29"


def test_hdced_not_before_14_days_after_sentence():
    """Hard cases §5.2 step 3, minimum period: 1 year from 2020-01-01, 366 days, N = 183, with 150 days'
    remand: CRD = 2020-07-01 − 150 = 2020-02-02, not before s + 14 = 2020-01-15, so HDC is possible.
    s + max(28, 92) − 150 = s − 58 is not after s + 14, so HDCED = s + 14 = 2020-01-15."""
    raw = booking(
        sentence("2020-01-01", years=1),
        adjustments=remand(150, "2020-01-01", fromDate="2019-08-01", toDate="2019-12-28"),
    )
    result = dates(raw)
    assert result["CRD"] == "2020-02-02"
    assert result["HDCED"] == "2020-01-15"


def test_hdc_365_at_or_above_its_midpoint():
    """Hard cases §5.2 steps 3-4: 4 years from 2025-06-03, 1461 days, N = 731, CRD = s + 730 = 2027-06-03.
    HDC-180: 731 ≥ 360, s + 731 − 180 = 2026-12-06, not before 2025-06-03, so look at HDC-365:
    731 ≥ 730, s + 731 − 365 = s + 366 = 2026-06-04, on or after the commencement: HDCED = 2026-06-04."""
    result = dates(booking(sentence("2025-06-03", years=4)))
    assert result["CRD"] == "2027-06-03"
    assert result["HDCED"] == "2026-06-04"


# -- §5.4 several sentences ------------------------------------------------------------------------------
TWO_YEARS_2020 = "2020-01-01"  # 731 days, N = 366, CRD 2020-12-31, HDCED s + 366 − 180 = 2020-07-05


def test_hdced_moved_to_a_later_release_without_hdc():
    """Hard cases §5.4 step 5: 2 years from 2020-01-01 (HDCED 2020-07-05, CRD 2020-12-31) and 2 months
    passed 2020-08-01 (61 days, N = 31 < 42, no HDCED; CRD 2020-08-31, after the HDCED): HDCED =
    2020-08-31. The latest release (step 2) is the 2-year sentence's, which has an HDCED."""
    result = dates(booking(sentence(TWO_YEARS_2020, years=2), sentence("2020-08-01", months=2)))
    assert result["CRD"] == "2020-12-31"
    assert result["HDCED"] == "2020-08-31"


def _with_immediate(days):
    """The 2-year sentence and 2 months passed 2020-08-01 (N = 31) with `days` of remand from that date,
    which the 2-year sentence, still in custody, takes too (hard cases §1.3 step 7)."""
    return booking(
        sentence(TWO_YEARS_2020, years=2),
        sentence("2020-08-01", months=2),
        adjustments=remand(days, "2020-08-01", fromDate="2019-12-01", toDate=f"2019-12-{days:02d}"),
    )


def test_hdced_moved_to_an_immediate_custody_release():
    """Hard cases §5.4 step 5: 30 days' remand exactly consumes N − 1 = 30 days of the 2-month sentence, so
    it is released the day it is passed, 2020-08-01: an "immediate custody release", which still wins.
    The 2-year sentence: CRD 2020-12-31 − 30 = 2020-12-01, HDCED s + 366 − 180 − 30 = 2020-06-05, moved
    to 2020-08-01."""
    result = dates(_with_immediate(30))
    assert result["CRD"] == "2020-12-01"
    assert result["HDCED"] == "2020-08-01"


def test_hdced_not_moved_by_a_release_before_sentence():
    """Hard cases §5.4 step 5: 31 days' remand is more than N − 1, so the 2-month sentence's release is
    floored at its sentence date: an immediate release, not an immediate custody release, and the only
    conflicting sentence, so it does not move the HDCED: s + 366 − 180 − 31 = 2020-06-04."""
    result = dates(_with_immediate(31))
    assert result["HDCED"] == "2020-06-04"


def test_no_hdced_when_the_last_release_has_none():
    """Hard cases §5.4 step 2: 2 years from 2020-01-01 (released 2020-12-31) and 1 month passed
    2021-03-01 (31 days, N = 16) with 15 days' remand: released the day it is passed, 2021-03-01, the
    latest release, on a sentence with no HDCED (N < 42): no HDCED for the booking."""
    raw = booking(
        sentence(TWO_YEARS_2020, years=2),
        sentence("2021-03-01", months=1),
        adjustments=remand(15, "2021-03-01", fromDate="2021-02-14", toDate="2021-02-28"),
    )
    result = dates(raw)
    assert result["CRD"] == "2021-03-01"
    assert "HDCED" not in result


SDS_PLUS_ELIGIBLE = {"releaseArrangements": {"isSDSPlusEligibleSentenceTypeLengthAndOffence": True}}


def test_no_hdced_with_a_stand_alone_sds_plus_eligible_sentence():
    """Hard cases §5.4 step 1: a stand-alone SDS that would be SDS+ if passed today rules HDC out for the
    booking, though the 2-year sentence alone would have HDCED 2020-07-05."""
    raw = booking(sentence(TWO_YEARS_2020, years=2), sentence("2020-01-01", months=2, **SDS_PLUS_ELIGIBLE))
    assert "HDCED" not in dates(raw)


def test_sds_plus_eligible_part_of_a_chain_only_rules_out_the_chain():
    """Hard cases §5.1 and §5.4 step 1: the flag on a chain's part takes HDC from the chain only. The chain
    (2 months then 2 months, 2020-01-01 to 2020-05-01, 121 days, N = 61) is released 2020-03-01, before
    the 2-year sentence's HDCED, 2020-07-05, which stands."""
    raw = booking(
        sentence(TWO_YEARS_2020, years=2),
        sentence("2020-01-01", months=2, identifier="c"),
        sentence("2020-01-01", months=2, consecutiveSentenceUUIDs=["c"], **SDS_PLUS_ELIGIBLE),
    )
    assert dates(raw)["HDCED"] == "2020-07-05"


# -- §5.6 repeal and suspension: "adult" is judged over the booking's sentences -----------------------
S250 = {"releaseArrangements": {"isSection250": True}}
SUSPENDED = {"adultHdcSuspended": True}
REPEAL = {"applyPostHdcedRepealRules": True}


def test_adult_hdc_suspension_spares_a_section_250_sentence_alone():
    """Hard cases §5.6 `adultHdcSuspended`: it removes the HDCED only when an adult sentence is present; a
    stand-alone SDS flagged section 250 is not adult. 2 years from 2020-01-01: HDCED s + 366 − 180 =
    2020-07-05, kept with the toggle on."""
    raw = booking(sentence(TWO_YEARS_2020, years=2, **S250))
    assert dates(raw, toggles=SUSPENDED)["HDCED"] == "2020-07-05"


def test_adult_hdc_suspension_removes_hdc_when_any_adult_sentence_is_present():
    """Hard cases §5.6 `adultHdcSuspended`: the same section 250 sentence with a concurrent adult sentence
    of 2 months from 2020-01-01 (60 days, N = 30 < 42: no HDCED of its own; CRD 2020-01-30, before the
    HDCED, so it does not move it). Without the toggle HDCED = 2020-07-05; with it, none."""
    raw = booking(sentence(TWO_YEARS_2020, years=2, **S250), sentence(TWO_YEARS_2020, months=2))
    assert dates(raw)["HDCED"] == "2020-07-05"
    assert "HDCED" not in dates(raw, toggles=SUSPENDED)


# 3 years from 2026-01-01: 1096 days, N = 548, CRD = s + 547 = 2027-07-02. HDC-180 gives s + 548 − 180 =
# 2027-01-04, after 2025-06-03, so HDC-365: 548 < 730, s + max(28, ceil(548 / 2)) = s + 274 = 2026-10-02,
# on or after the clean stop, 2026-09-02.
THREE_YEARS_2026 = "2026-01-01"


def test_hdc_repeal_spares_a_section_250_sentence_alone():
    """Hard cases §5.6 `applyPostHdcedRepealRules`: HDCED 2026-10-02 ≥ 2026-09-02, but the only sentence is
    an SDS flagged section 250, which is not adult: the HDCED stands."""
    raw = booking(sentence(THREE_YEARS_2026, years=3, **S250))
    result = dates(raw, toggles=REPEAL)
    assert result["CRD"] == "2027-07-02"
    assert result["HDCED"] == "2026-10-02"


def test_hdc_repeal_counts_a_chain_of_section_250_sentences_as_adult():
    """Hard cases §5.6: a consecutive chain counts as adult even when made of S250s. 2 years then 1 year
    consecutive, both passed 2026-01-01 and flagged section 250: one term of 3 years, HDCED 2026-10-02 ≥
    2026-09-02, removed."""
    raw = booking(
        sentence(THREE_YEARS_2026, years=2, identifier="a", **S250),
        sentence(THREE_YEARS_2026, years=1, identifier="b", consecutiveSentenceUUIDs=["a"], **S250),
    )
    assert dates(raw)["HDCED"] == "2026-10-02"
    result = dates(raw, toggles=REPEAL)
    assert result["CRD"] == "2027-07-02"
    assert "HDCED" not in result


def test_hdc_repeal_judges_adult_over_the_booking():
    """Hard cases §5.6: the sentences considered include an adult one, so the section 250 sentence's HDCED
    2026-10-02 is removed. The adult sentence: 2 months from 2026-01-01, 59 days, N = 30 < 42, no HDCED,
    CRD 2026-01-30, before the HDCED, so it does not move it."""
    raw = booking(sentence(THREE_YEARS_2026, years=3, **S250), sentence(THREE_YEARS_2026, months=2))
    assert dates(raw)["HDCED"] == "2026-10-02"
    assert "HDCED" not in dates(raw, toggles=REPEAL)


# -- §5.6 progression model: the HDCED is copied from the pre-model snapshot ---------------------------
PM = "sds-progression-model-october"


def test_hdced_copied_from_the_snapshot_before_the_progression_model():
    """Hard cases §5.6 and §9.8 (final merge, step 1). 4 years from 2026-03-01 (after SDS40, so at 40% from
    the start): 1461 days, ≤ 1561, so progression-model tranche 4, T = 2026-12-08.
    Before the model: N = ceil(584.4) = 585, CRD s + 584 = 2027-10-06; HDC-180 gives s + 585 − 180,
    after 2025-06-03, so HDC-365: 585 < 730, s + max(28, ceil(584.4 / 2) = 293) = 2026-12-19.
    Under the model (one third): N = 487, CRD s + 486 = 2027-06-30, after T, so not defaulted.
    With the repeal rules off, the HDCED is the snapshot's, 2026-12-19: it is never recalculated at one
    third, nor defaulted to T. With them on (production), the snapshot's HDCED is on or after 2026-09-02
    on an adult sentence, so the snapshot has none, and the model's sentence has its HDC repealed: none."""
    raw = booking(sentence("2026-03-01", years=4))
    result = dates(raw, profile=PM)
    assert result["CRD"] == "2027-06-30"
    assert result["HDCED"] == "2026-12-19"
    assert "HDCED" not in dates(raw, profile=PM, toggles=REPEAL)


def test_refused_when_the_snapshot_hdced_is_not_before_the_release_under_the_model():
    """Hard cases §5.6: the copied HDCED is not recalculated, so with the repeal rules off a long sentence's
    HDCED from before the model can fall after its release under it; no lawful date follows, so refuse.
    10 years then 10 years consecutive from 2022-01-01: 7305 days, PM final tranche (T = 2027-06-08).
    Before the model (SDS40, 40%): N = 2922, HDC-365 above its midpoint: s + 2922 − 365 = 2029-01-01.
    Under the model: N = ceil(7305 / 3) = 2435, CRD s + 2434 = 2028-08-31, before that HDCED."""
    raw = booking(
        sentence("2022-01-01", years=10, identifier="a"),
        sentence("2022-01-01", years=10, identifier="b", consecutiveSentenceUUIDs=["a"]),
    )
    with pytest.raises(Refused) as refused:
        dates(raw, profile=PM)
    assert refused.value.code == "HDCED_NOT_BEFORE_PROGRESSION_MODEL_RELEASE"
    assert dates(raw, profile=PM, toggles=REPEAL)["CRD"] == "2028-08-31"


# -- §6.4 the booking's ERSED ------------------------------------------------------------------------------
# 2 years from 2019-01-01 (to 2021-01-01, through 29 February 2020): 731 days, N = ceil(365.5) = 366,
# CRD s + 365 = 2020-01-01; ERS50 s + ceil(366 × 0.5) = s + 183 = 2019-07-03 (CRD − 544 is earlier),
# before 2025-09-23.
TWO_YEARS_2019 = "2019-01-01"


def _fine(sentenced_at, **durations):
    return sentence(sentenced_at, type="AFineSentence", fineAmount=99, **durations)


def test_ersed_the_latest_of_any_sentence_not_released_immediately():
    """Hard cases §6.4 step 1: the latest ERSED among the sentences not released immediately, not the ERSED
    of the sentence released last. With the 2-year sentence, 6 months passed 2019-08-01 (184 days, N = 92,
    CRD s + 91 = 2019-10-31, ERS50 s + 46 = 2019-09-16): ERSED 2019-09-16, though the 2-year sentence,
    ERSED 2019-07-03, is released last and the second was passed after that."""
    raw = booking(sentence(TWO_YEARS_2019, years=2), sentence("2019-08-01", months=6))
    result = dates(raw, user_inputs=ERSED)
    assert result["CRD"] == "2020-01-01"
    assert result["ERSED"] == "2019-09-16"


def test_ersed_not_taken_from_a_sentence_released_immediately():
    """Hard cases §6.4 step 1. The 6 months passed 2019-08-01 with 100 days' remand from that day, which the
    2-year sentence in the same custody takes too (§1.3 step 7). The 6 months: N − 1 = 91 < 100, released
    the day it is passed (ERSED floored at s, 2019-08-01), so it is not counted. The 2-year sentence: CRD
    2020-01-01 − 100 = 2019-09-23, ERS50 s + 183 − 100 = 2019-03-25 (not before s). The remand is before
    the custody began, so it does not overlap it (§4.3, REMAND_OVERLAPS_WITH_SENTENCE)."""
    raw = booking(
        sentence(TWO_YEARS_2019, years=2),
        sentence("2019-08-01", months=6),
        adjustments=remand(100, "2019-08-01", fromDate="2018-09-23", toDate="2018-12-31"),
    )
    result = dates(raw, user_inputs=ERSED)
    assert result["CRD"] == "2019-09-23"
    assert result["ERSED"] == "2019-03-25"


def test_no_ersed_while_a_fine_default_holds_him_after_the_sentence():
    """Hard cases §6.4 step 2: a fine default in the same custody, not released immediately, released after
    the ERSED sentence's release. 24 months in default passed 2019-06-01: 731 days, released at one half,
    N = 366, ARD s + 365 = 2020-05-31, after 2020-01-01: no ERSED."""
    raw = booking(sentence(TWO_YEARS_2019, years=2), _fine("2019-06-01", months=24))
    assert "ERSED" not in dates(raw, user_inputs=ERSED)


def test_ersed_not_before_release_from_a_fine_default():
    """Hard cases §6.4 step 3: 12 months in default passed 2019-06-01: 366 days, N = 183, ARD s + 182 =
    2019-11-30: after the ERSED 2019-07-03 but not after the 2-year sentence's release, so ERSED =
    2019-11-30."""
    raw = booking(sentence(TWO_YEARS_2019, years=2), _fine("2019-06-01", months=12))
    result = dates(raw, user_inputs=ERSED)
    assert result["CRD"] == "2020-01-01"
    assert result["ERSED"] == "2019-11-30"


# -- §5.5, §6.6 removed when equal to the booking's CRD/ARD and the SDS40 tranche date ------------------
def test_ersed_at_the_sds40_tranche_date_kept_when_the_booking_is_released_later():
    """Hard cases §6.6, §9.7 ("then", step 3): the SDS40 final merge removes the booking's HDCED and ERSED
    where they equal both the booking's CRD/ARD and the tranche date; it judges the booking, not each
    sentence. Profile calculation-params (SDS40 in force).
    A: 20 years from 2016-08-01, 7305 days, tranche 2 (5 years or more), T = 2024-10-22. At one half
    N = 3653, CRD 2026-08-01, ERS50 max(s + 1827, CRD − 544 = 2025-02-03) = 2025-02-03; at 40% N = 2922,
    CRD 2024-07-31, ERS50 max(s + 1461, CRD − 544 = 2023-02-03) = 2023-02-03. Both 40% dates are before
    T and the one-half dates after it, so A's CRD and ERSED are T, 2024-10-22.
    B: 4 years from 2023-04-01, 1461 days. At 40% N = 585, CRD s + 584 = 2024-11-05; ERS50
    s + ceil(292.5) = s + 293 = 2024-01-19; at one half s + ceil(365.5) = s + 366 = 2024-04-01, also
    before T, so ERSED = the one-half date, 2024-04-01.
    The booking's CRD is B's, 2024-11-05, and its ERSED the later, A's 2024-10-22 (§6.4): equal to T but
    not to the CRD, so it stays."""
    a, b = sentence("2016-08-01", years=20), sentence("2023-04-01", years=4)
    alone = dates(booking(a), profile="calculation-params", user_inputs=ERSED)
    assert alone["CRD"] == "2024-10-22"
    assert "ERSED" not in alone  # equal to his CRD and T: removed
    result = dates(booking(a, b), profile="calculation-params", user_inputs=ERSED)
    assert result["CRD"] == "2024-11-05"
    assert result["ERSED"] == "2024-10-22"


def test_hdc_repeal_counts_a_recalled_section_250_sentence_as_adult():
    """Hard cases §5.6: a recalled S250 is not flagged section 250, so it is adult. The 3-year S250 from
    2026-01-01 (HDCED 2026-10-02, CRD 2027-07-02) with a standard recall of 2 years from 2023-01-01 marked
    section 250: its PRRD, the SLED 2024-12-31, is before the HDCED, so extraction keeps the HDCED without
    the repeal rules and removes it with them."""
    recalled = sentence("2023-01-01", years=2, recall={"recallType": "STANDARD_RECALL"}, **S250)
    raw = booking(sentence(THREE_YEARS_2026, years=3, **S250), recalled)
    assert dates(raw)["HDCED"] == "2026-10-02"
    result = dates(raw, toggles=REPEAL)
    assert result["CRD"] == "2027-07-02"
    assert "HDCED" not in result
