"""HDCED and ERSED worked by hand from the rules (hard cases §5 and §6), not from CRDS's fixtures.

Profile `sds-50` throughout unless said: SDS40 and the progression model do not reach these sentences, so
a standard sentence is released at one half, rounded up. `N` is the days to release, `s` the sentence date."""

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
    6 months from 2025-03-10 then 12 months passed 2025-09-30, one term at one fraction: 2025-03-10 to
    2026-09-10, 549 days, N = ceil(274.5) = 275, CRD = 2025-03-10 + 274 = 2025-12-09.
    ERS30: s + ceil(275 × 0.3) = s + ceil(82.5) = s + 83 = 2025-06-01 (CRD − 4 years is earlier)."""
    result = dates(_chain("2025-03-10", "2025-09-30", months=(6, 12)), user_inputs=ERSED)
    assert result["CRD"] == "2025-12-09"
    assert result["ERSED"] == "2025-06-01"


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
