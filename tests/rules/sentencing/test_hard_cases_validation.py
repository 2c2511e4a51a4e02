"""Validation and the other date-determining rules, hand-worked from the CRDS rules reference (hard cases
§8 and §9), not from CRDS's fixtures. Dates under `calculation-params`: SDS40 tranche 1 is 10 September
2024, tranche 2 22 October 2024, the additional exclusions ("tranche 3") 16 December 2024."""

import pytest

from resettle.rules.sentencing import Refused

from .builders import booking, dates, run, sentence

PARAMS = "calculation-params"
SHPO = "UNABLE_TO_DETERMINE_SHPO_RELEASE_PROVISIONS"
SDS40_CONSECUTIVE = "UNSUPPORTED_SDS40_CONSECUTIVE_SDS_BETWEEN_TRANCHE_COMMENCEMENTS"


def refusal(raw, profile=PARAMS, toggles=None):
    with pytest.raises(Refused) as refused:
        run(raw, profile, toggles)
    return refused.value.code


def arrangements(markers=(), sds_plus=False):
    return {"releaseArrangements": {"sdsEarlyReleaseExclusions": list(markers), "isSDSPlus": sds_plus}}


def shpo_breach(sentenced_at, committed="2021-01-01", code="SX03220", markers=("SEXUAL",), **fields):
    raw = sentence(sentenced_at, **fields) | arrangements(markers, fields.pop("sds_plus", False))
    return raw | {"offence": {"committedAt": committed, "offenceCode": code}}


# --- §8.2 UNABLE_TO_DETERMINE_SHPO_RELEASE_PROVISIONS -------------------------------------------------


def test_shpo_breach_released_between_tranche_one_and_the_additional_exclusions_is_refused():
    """Hard cases §8.2: SDS, SX03220 committed on 1 December 2020 (the lower bound, inclusive).
    2 months from 23 Oct 2024: expiry 22 Dec 2024, 9 + 30 + 22 = 61 days; excluded from SDS40 (SEXUAL),
    so one half: ceil(30.5) = 31, CRD = 23 Oct + 30 = 22 Nov 2024, in [10 Sep, 16 Dec 2024)."""
    assert refusal(booking(shpo_breach("2024-10-23", committed="2020-12-01", months=2))) == SHPO


def test_shpo_breach_committed_before_the_sentencing_code_is_calculated():
    """Hard cases §8.2: committed 30 November 2020, before 1 December 2020, so no refusal. Same
    arithmetic as above: CRD 22 Nov 2024."""
    raw = booking(shpo_breach("2024-10-23", committed="2020-11-30", months=2))
    assert dates(raw, PARAMS)["CRD"] == "2024-11-22"


@pytest.mark.parametrize(
    ("sentenced_at", "crd", "refused"),
    [
        # 2 months from 10 Aug 2024: 22 + 30 + 9 = 61 days, day 31 = 9 Sep 2024, the day before tranche 1.
        ("2024-08-10", "2024-09-09", False),
        # 2 months from 11 Aug 2024: 61 days, day 31 = 10 Sep 2024, the tranche 1 date (inclusive).
        ("2024-08-11", "2024-09-10", True),
        # 2 months from 15 Nov 2024: 16 + 31 + 14 = 61 days, day 31 = 15 Dec 2024, the last day refused.
        ("2024-11-15", "2024-12-15", True),
        # 2 months from 16 Nov 2024: 15 + 31 + 15 = 61 days, day 31 = 16 Dec 2024 (exclusive bound).
        ("2024-11-16", "2024-12-16", False),
    ],
)
def test_shpo_refusal_follows_the_adjusted_release_window(sentenced_at, crd, refused):
    """Hard cases §8.2: refused only when the sentence's adjusted CRD is in [tranche 1, tranche 3)."""
    raw = booking(shpo_breach(sentenced_at, months=2))
    if refused:
        assert refusal(raw) == SHPO
    else:
        assert dates(raw, PARAMS)["CRD"] == crd


def test_shpo_breach_is_refused_whatever_its_markers():
    """Hard cases §8.2: the validator does not read the exclusion markers. Unmarked, 2 months from
    23 Oct 2024 (after SDS40 commenced) is at 40%: ceil(0.4 × 61) = 25, CRD 16 Nov 2024, in the window."""
    assert refusal(booking(shpo_breach("2024-10-23", markers=(), months=2))) == SHPO


def test_shpo_breach_on_an_sds_plus_sentence_is_calculated():
    """Hard cases §8.2: only SDS, not SDS+. SDS+ is two thirds: ceil(2/3 × 61) = 41, CRD = 23 Oct + 40 =
    2 Dec 2024 (in the window, but not refused)."""
    raw = booking(shpo_breach("2024-10-23", months=2, sds_plus=True))
    assert dates(raw, PARAMS)["CRD"] == "2024-12-02"


def test_shpo_refusal_never_fires_under_sds_50():
    """Hard cases §8.2: under `sds-50` the tranche dates are in 2054. CRD 22 Nov 2024 as worked above."""
    assert dates(booking(shpo_breach("2024-10-23", months=2)), "sds-50")["CRD"] == "2024-11-22"


def test_shpo_breach_on_recall_counts_only_with_a_top_up_supervision_date():
    """Hard cases §8.2: a recall is refused only if it has a TUSED. 12 months from 3 June 2024: 365 days,
    one half = 183, CRD 2 Dec 2024 (in the window); SLED 2 June 2025. A 12-month ORA sentence has top-up
    supervision (licence 182 days < 1 year), so refused. With TUSED repealed (applyPostRecallRepealRules)
    there is no TUSED, and the standard recall is calculated: PRRD = SLED = 2 June 2025."""
    recall = {"recall": {"recallType": "STANDARD_RECALL"}}
    raw = booking(shpo_breach("2024-06-03", months=12) | recall)
    assert refusal(raw) == SHPO
    repealed = dates(raw, PARAMS, {"applyPostRecallRepealRules": True})
    assert repealed["PRRD"] == "2025-06-02"


# --- §8.2 UNSUPPORTED_SDS40_CONSECUTIVE_SDS_BETWEEN_TRANCHE_COMMENCEMENTS ----------------------------


def chain(second_sentenced_at, first_years=6, **second):
    """A first SDS of `first_years` from 10 January 2024, and a 1-year SDS consecutive to it."""
    first = sentence("2024-01-10", years=first_years, identifier="first") | arrangements()
    then = sentence(second_sentenced_at, years=1, consecutiveSentenceUUIDs=["first"])
    return booking(first, then | arrangements(sds_plus=second.get("sds_plus", False)))


def test_consecutive_sds_passed_between_tranche_dates_in_tranche_two_is_refused():
    """Hard cases §8.2: 6 years + 1 year from 10 Jan 2024 is at least 5 years, so tranche 2 (§9.7 step 3);
    the consecutive part was passed on 20 Sep 2024, in [10 Sep 2024, 22 Oct 2024)."""
    assert refusal(chain("2024-09-20")) == SDS40_CONSECUTIVE


def test_consecutive_sds_passed_on_the_tranche_one_date_is_refused():
    """Hard cases §8.2: the window includes the tranche 1 date, 10 Sep 2024."""
    assert refusal(chain("2024-09-10")) == SDS40_CONSECUTIVE


@pytest.mark.parametrize("passed", ["2024-09-09", "2024-10-22"])
def test_consecutive_sds_passed_outside_the_window_is_calculated(passed):
    """Hard cases §8.2: [tranche 1, tranche 2) is half-open; 9 Sep and 22 Oct 2024 are outside it."""
    assert "CRD" in dates(chain(passed), PARAMS)


def test_consecutive_sds_between_tranche_dates_in_tranche_one_is_calculated():
    """Hard cases §8.2 and §9.7: 2 years + 1 year from 10 Jan 2024 is under 5 years: tranche 1, no refusal."""
    assert "CRD" in dates(chain("2024-09-20", first_years=2), PARAMS)


def test_consecutive_sds_plus_between_tranche_dates_is_calculated():
    """Hard cases §8.2: only a non-SDS+ part counts."""
    assert "CRD" in dates(chain("2024-09-20", sds_plus=True), PARAMS)


def test_concurrent_sds_between_tranche_dates_is_calculated():
    """Hard cases §8.2: only a consecutive chain counts; 6 years from 10 Jan 2024 puts him in tranche 2,
    and a concurrent 1 year passed on 20 Sep 2024 is not refused."""
    raw = booking(
        sentence("2024-01-10", years=6) | arrangements(), sentence("2024-09-20", years=1) | arrangements()
    )
    assert "CRD" in dates(raw, PARAMS)


def test_sds40_consecutive_refusal_never_fires_under_sds_50():
    """Hard cases §8.2: under `sds-50` the tranche dates are in 2054."""
    assert "CRD" in dates(chain("2024-09-20"), "sds-50")


# --- §9.4 single terms (CJA 1991-style concurrent sentences) -------------------------------------------


def old_style(sentenced_at, **duration):
    """An offence before 4 April 2005, sentenced before 3 December 2012: CJA 1991 rules."""
    return sentence(sentenced_at, offence="2004-06-01", **duration)


def test_concurrent_old_style_sentences_on_different_dates_are_one_term():
    """Hard cases §9.4 and part 1 §1.1: 2 years from 1 Jan 2010 is released on day 365, 31 Dec 2010, so
    2 years passed on 1 Dec 2010 joins its group. Single term from 1 Jan 2010 to the later expiry,
    30 Nov 2012: 365 + 365 + 335 = 1,065 days (12 months to 4 years: CRD, SED and LED).
    CRD = day ceil(1,065 / 2) = 533 = 17 Jun 2011; LED = day ceil(0.75 × 1,065) = 799 = 9 Mar 2012;
    SED = 30 Nov 2012. (Apart, the second sentence alone would be released on 1 Dec 2011.)"""
    got = dates(booking(old_style("2010-01-01", years=2), old_style("2010-12-01", years=2)))
    assert (got["CRD"], got["LED"], got["SED"]) == ("2011-06-17", "2012-03-09", "2012-11-30")


def test_single_term_under_twelve_months_has_an_automatic_release():
    """Hard cases §9.4: 6 months from 1 Jan 2010 (181 days, out on day 91, 1 Apr 2010) and 6 months
    passed on 1 Mar 2010. Single term 1 Jan to 31 Aug 2010: 243 days, under 12 months, so ARD and SED.
    ARD = day ceil(243 / 2) = 122 = 2 May 2010 (the second alone: 184 days, day 92 = 31 May 2010)."""
    got = dates(booking(old_style("2010-01-01", months=6), old_style("2010-03-01", months=6)))
    assert (got["ARD"], got["SED"]) == ("2010-05-02", "2010-08-31")
    assert "CRD" not in got


def test_a_single_term_is_released_at_one_half_under_sds40():
    """Hard cases §9.4: "It is released at 1/2". 30 years from 3 Jan 2011 and 30 years from 1 Jun 2011
    (both old-style): one term from 3 Jan 2011 to 31 May 2041, 11,107 days; day ceil(11,107 / 2) =
    5,554, CRD 18 Mar 2026, though SDS40 had commenced (40% would have been before its tranche)."""
    got = dates(booking(old_style("2011-01-03", years=30), old_style("2011-06-01", years=30)), PARAMS)
    assert (got["CRD"], got["SLED"]) == ("2026-03-18", "2041-05-31")


def test_old_style_sentences_passed_on_the_same_day_are_not_a_single_term():
    """Hard cases §9.4: their sentence dates are all equal, so each keeps its own dates: 2 years and
    1 year from 1 Jan 2010, the 2 years released on day 365, 31 Dec 2010; 12 months to 4 years is
    CRD, SED and LED (LED day ceil(0.75 × 730) = 548, 2 Jul 2011)."""
    got = dates(booking(old_style("2010-01-01", years=2), old_style("2010-01-01", years=1)))
    assert (got["CRD"], got["LED"], got["SED"]) == ("2010-12-31", "2011-07-02", "2011-12-31")


def test_single_term_length_counts_only_the_first_two_parts():
    """Hard cases §9.4: "a third or later part is ignored for the length". 6 months from 1 Jan 2010
    (out 1 Apr), 6 months from 1 Mar 2010 and 1 month from 15 Mar 2010, all in one group. By sentence
    date the first two end on 31 Aug 2010: 243 days, ARD day 122, 2 May 2010, SED 31 Aug 2010."""
    got = dates(
        booking(
            old_style("2010-01-01", months=6),
            old_style("2010-03-01", months=6),
            old_style("2010-03-15", months=1),
        )
    )
    assert (got["ARD"], got["SED"]) == ("2010-05-02", "2010-08-31")


def test_an_old_style_and_a_new_style_sentence_are_not_a_single_term():
    """Hard cases §9.4: all parts must be old-style. The second offence is after 4 April 2005, so each
    sentence keeps its own dates: 2 years from 1 Dec 2010 is 731 days (2012 is a leap year), released on
    day 366, 1 Dec 2011, the latest release."""
    new_style = sentence("2010-12-01", offence="2005-06-01", years=2)
    got = dates(booking(old_style("2010-01-01", years=2), new_style))
    assert got["CRD"] == "2011-12-01"


def test_old_style_sentences_in_separate_custodial_groups_are_not_a_single_term():
    """Hard cases §9.4 ("the parts in the current group") and §1.2: 6 months from 1 Jan 2010 is released
    on 1 Apr 2010; 6 months passed on 1 Jun 2010 starts a new group: 183 days, ARD day 92, 31 Aug 2010."""
    got = dates(booking(old_style("2010-01-01", months=6), old_style("2010-06-01", months=6)))
    assert (got["ARD"], got["SED"]) == ("2010-08-31", "2010-11-30")


def test_a_consecutive_old_style_sentence_stops_the_single_term():
    """Hard cases §9.4: none may be consecutive. 6 months from 1 Jan 2010 with 6 months consecutive to
    it is a chain of 365 days (1 Jan to 31 Dec 2010, one term of 12 months: CRD, SED, LED), released on
    day 183, 2 Jul 2010; a concurrent 1 month passed on 1 Mar 2010 stays on its own."""
    first = old_style("2010-01-01", months=6) | {"identifier": "first"}
    then = old_style("2010-01-01", months=6) | {"consecutiveSentenceUUIDs": ["first"]}
    got = dates(booking(first, then, old_style("2010-03-01", months=1)))
    assert (got["CRD"], got["SED"]) == ("2010-07-02", "2010-12-31")


# --- §9.1 booking-level ARD vs CRD -------------------------------------------------------------------


def test_a_licence_ending_on_the_automatic_release_makes_it_conditional():
    """Hard cases §9.1 rule 1 (and rule 3, "on or after"). A: pre-ORA offence, 6 months from 1 Mar 2015:
    184 days, ARD + SED, ARD day 92 = 31 May 2015, SED 31 Aug 2015. B: ORA offence, 3 months from
    1 Mar 2015: 92 days, CRD + SLED, CRD day 46 = 15 Apr 2015, SLED 31 May 2015. The latest release
    (A's) is no CRD; the length is 6 months (< 4 years); there is an ORA SDS and a non-ORA SDS under
    12 months, and a SED- and a SLED-typed sentence. The latest expiry is SED-typed but the release,
    31 May, is not after B's SLED, 31 May: so a CRD, not an ARD."""
    pre_ora = sentence("2015-03-01", offence="2014-01-01", months=6)
    ora = sentence("2015-03-01", offence="2015-02-15", months=3)
    got = dates(booking(pre_ora, ora))
    assert (got.get("CRD"), got.get("ARD"), got["SED"]) == ("2015-05-31", None, "2015-08-31")


def test_with_a_dto_and_every_sentence_released_at_18_or_over_the_release_is_a_crd():
    """Hard cases §9.1 rule 2. Born 1 Sep 1996. DTO of 4 months from 1 Aug 2014: 122 days, mid-term day
    61 = 30 Sep 2014 (he is 18). Adult sentence, pre-ORA offence, 6 months from 15 Sep 2014: 181 days,
    ARD + SED, day 91 = 14 Dec 2014 (he is 18). A DTO, a non-DTO sentence, all 18 or over at release:
    CRD 14 Dec 2014, although no licence runs past it."""
    dto = sentence("2014-08-01", offence="2014-07-01", months=4, type="DetentionAndTrainingOrderSentence")
    adult = sentence("2014-09-15", offence="2014-08-15", months=6)
    got = dates(booking(dto, adult, dob="1996-09-01"))
    assert (got.get("CRD"), got.get("ARD")) == ("2014-12-14", None)


# --- §8.2 booking-stage and unsupported-adjustment codes ---------------------------------------------


@pytest.mark.parametrize(
    "kind",
    [
        "LAWFULLY_AT_LARGE",
        "SPECIAL_REMISSION",
        "TIME_SPENT_IN_CUSTODY_ABROAD",
        "TIME_SPENT_AS_AN_APPEAL_APPLICANT",
    ],
)
def test_unsupported_adjustments_are_refused_with_crds_code_for_each(kind):
    """Hard cases §8.2: UNSUPPORTED_ADJUSTMENT_LAWFULLY_AT_LARGE / _SPECIAL_REMISSION /
    _TIME_SPENT_IN_CUSTODY_ABROAD / _TIME_SPENT_AS_AN_APPEAL_APPLICANT, for any such adjustment."""
    raw = booking(
        sentence("2020-01-01", years=2),
        adjustments={kind: [{"appliesToSentencesFrom": "2020-01-01", "numberOfDays": 5}]},
    )
    assert refusal(raw) == f"UNSUPPORTED_ADJUSTMENT_{kind}"


def ual(start, end, days):
    return {"fromDate": start, "toDate": end, "numberOfDays": days, "appliesToSentencesFrom": "2020-01-01"}


def test_two_periods_at_large_sharing_a_day_are_refused():
    """Hard cases §8.2 DUPLICATE_OR_OVERLAPPING_UAL: [1 Mar, 10 Mar 2020] and [10 Mar, 20 Mar 2020]
    share 10 March."""
    raw = booking(
        sentence("2020-01-01", years=2),
        adjustments={
            "UNLAWFULLY_AT_LARGE": [ual("2020-03-01", "2020-03-10", 9), ual("2020-03-10", "2020-03-20", 10)]
        },
    )
    assert refusal(raw) == "DUPLICATE_OR_OVERLAPPING_UAL"


def test_periods_at_large_on_consecutive_days_are_calculated():
    """Hard cases §8.2: [1 Mar, 9 Mar] and [10 Mar, 20 Mar 2020] share no day. 2 years from 1 Jan 2020
    is 731 days, released on day 366, 31 Dec 2020, plus 9 + 10 = 19 days at large: 19 Jan 2021."""
    raw = booking(
        sentence("2020-01-01", years=2),
        adjustments={
            "UNLAWFULLY_AT_LARGE": [ual("2020-03-01", "2020-03-09", 9), ual("2020-03-10", "2020-03-20", 10)]
        },
    )
    assert dates(raw)["CRD"] == "2021-01-19"


def fixed_term(kind, sentenced_at, **duration):
    recall = {"recallType": f"FIXED_TERM_RECALL_{kind}", "returnToCustodyDate": "2021-03-01"}
    return sentence(sentenced_at, recall=recall, **duration)


def test_a_28_day_recall_on_sentences_all_under_12_months_is_refused():
    """Hard cases §8.2 FTR_TYPE_28_DAYS_SENTENCE_LT_12_MONTHS: an FTR28, the longest fixed-term recall
    (10 months) under 12 months, and none in a consecutive chain."""
    assert (
        refusal(booking(fixed_term(28, "2020-06-01", months=10))) == "FTR_TYPE_28_DAYS_SENTENCE_LT_12_MONTHS"
    )


def test_a_14_day_recall_only_on_sentences_of_12_months_or_more_is_refused():
    """Hard cases §8.2 FTR_TYPE_14_DAYS_SENTENCE_GE_12_MONTHS: no FTR14 under 12 months, and an FTR14
    of 18 months."""
    assert (
        refusal(booking(fixed_term(14, "2020-06-01", months=18))) == "FTR_TYPE_14_DAYS_SENTENCE_GE_12_MONTHS"
    )


def test_a_14_day_recall_on_a_sentence_under_12_months_is_calculated():
    """Hard cases §8.2 and part 1 §1.1 (recalls): 10 months from 1 Jun 2020, back in custody on
    1 Mar 2021; a 14-day recall releases on 1 Mar + 14 − 1 = 14 Mar 2021 (before the SLED, 31 Mar 2021)."""
    assert dates(booking(fixed_term(14, "2020-06-01", months=10)))["PRRD"] == "2021-03-14"


# --- §9.5 old/new chains ----------------------------------------------------------------------------


def test_a_chain_of_old_and_new_style_sentences_has_crd_and_sled():
    """Hard cases §9.5: an old-style part (offence 1 Jun 2004, before 4 April 2005) with a new-style
    part (offence 1 Jan 2010) consecutive to it, both passed on 1 Jun 2012: 3 + 3 months = 6 months,
    1 Jun to 30 Nov 2012, 183 days. Under 12 months and pre-ORA, but a mixed chain gets CRD + SLED, no
    LED: CRD = day ceil(183 / 2) = 92 = 31 Aug 2012, SLED 30 Nov 2012."""
    first = sentence("2012-06-01", offence="2004-06-01", months=3, identifier="first")
    then = sentence("2012-06-01", offence="2010-01-01", months=3, consecutiveSentenceUUIDs=["first"])
    got = dates(booking(first, then))
    assert (got.get("CRD"), got.get("SLED")) == ("2012-08-31", "2012-11-30")
    assert not {"ARD", "SED", "LED"} & set(got)


# --- §9.7 SDS40 tranche allocation --------------------------------------------------------------------


def test_sds40_eligibility_reads_no_exclusion_markers():
    """Hard cases §9.7 allocation step 1: "Exclusion markers are not checked at this step". A 6-year SDS
    for a SEXUAL-marked offence from 10 Jan 2024 (released after 10 Sep 2024, passed before it) makes
    the booking eligible although SDS40 does not apply to it; 6 + 1 years is at least 5, so tranche 2;
    and the consecutive 1 year (also SEXUAL) passed on 20 Sep 2024 is a standard part between the
    tranche dates: refused (§8.2)."""
    first = sentence("2024-01-10", years=6, identifier="first") | arrangements(["SEXUAL"])
    then = sentence("2024-09-20", years=1, consecutiveSentenceUUIDs=["first"]) | arrangements(["SEXUAL"])
    assert refusal(booking(first, then)) == SDS40_CONSECUTIVE


def test_sds40_eligibility_needs_a_standard_part_passed_before_the_commencement():
    """Hard cases §9.7 allocation step 1: an EDS (not on the SDS track) of 6 years custody and 4 years
    extended licence from 10 Jan 2022, with a 1-year SDS consecutive to it passed on 20 Sep 2024 (after
    the commencement): no standard part was passed before 10 Sep 2024, so no tranche is allocated, and
    the between-tranches refusal (which needs tranche 2) does not apply."""
    eds = {
        "type": "ExtendedDeterminateSentence",
        "offence": {"committedAt": "2021-06-01"},
        "sentencedAt": "2022-01-10",
        "custodialDuration": {"durationElements": {"YEARS": 6}},
        "extensionDuration": {"durationElements": {"YEARS": 4}},
        "identifier": "eds",
    }
    then = sentence("2024-09-20", years=1, consecutiveSentenceUUIDs=["eds"]) | arrangements()
    assert "CRD" in dates(booking(eds, then), PARAMS)


def test_sds40_tranche_judges_each_sentence_on_its_own_length():
    """Hard cases §9.7 steps 2-3: tranche 1 if every current or licence sentence is under 5 years.
    A: 4 years from 1 Oct 2022 (1,461 days): one half is day 731, 30 Sep 2024; 40% is day 585,
    8 May 2024. B: 4 years 11 months from 1 Dec 2019, on licence until 31 Oct 2024. Each is under
    5 years (though 1 Dec 2019 to 30 Sep 2026 is more), so tranche 1: A's 40% date is before
    10 Sep 2024 and its one-half date is not, so its CRD is the tranche 1 date, 10 Sep 2024 (in tranche 2
    it would have stayed 30 Sep 2024, being before 22 Oct 2024)."""
    a = sentence("2022-10-01", years=4) | arrangements()
    b = sentence("2019-12-01", years=4, months=11) | arrangements()
    assert dates(booking(a, b), PARAMS)["CRD"] == "2024-09-10"


# --- §8.1 run order, §8.3 --------------------------------------------------------------------------


def test_an_unsupported_adjustment_is_reported_before_a_booking_stage_unsupported_check():
    """Hard cases §8.1: within the unsupported order, source-data validators (the adjustments) run
    before booking validators (the Sentencing Act 2026 schedule marker, with its toggle on)."""
    marked = sentence("2026-11-02", years=2) | arrangements(["SA2026_PROGRESSION_MODEL_SCHEDULE"])
    raw = booking(
        marked,
        adjustments={"SPECIAL_REMISSION": [{"appliesToSentencesFrom": "2026-11-02", "numberOfDays": 3}]},
    )
    toggles = {"routeProgressionModelScheduleExclusionToManual": True}
    assert (
        refusal(raw, "sds-progression-model-october", toggles) == "UNSUPPORTED_ADJUSTMENT_SPECIAL_REMISSION"
    )
    assert refusal(booking(marked), "sds-progression-model-october", toggles) == (
        "PROGRESSION_MODEL_SCHEDULE_EXCLUSION"
    )


def test_an_unsupported_check_after_calculation_comes_before_invalid_booking_data():
    """Hard cases §8.1: the SHPO check (unsupported, post-calculation) is reported before two periods at
    large sharing a day (invalid, booking stage). The SHPO breach: 2 months from 23 Oct 2024, CRD
    22 Nov 2024 (+ the days at large), inside [10 Sep, 16 Dec 2024)."""
    overlapping = [
        {
            "fromDate": "2024-10-25",
            "toDate": "2024-10-26",
            "numberOfDays": 2,
            "appliesToSentencesFrom": "2024-10-23",
        },
        {
            "fromDate": "2024-10-26",
            "toDate": "2024-10-27",
            "numberOfDays": 2,
            "appliesToSentencesFrom": "2024-10-23",
        },
    ]
    raw = booking(shpo_breach("2024-10-23", months=2), adjustments={"UNLAWFULLY_AT_LARGE": overlapping})
    assert refusal(raw) == SHPO


def test_a_booking_with_no_sentences_is_refused():
    """Hard cases §8.2 NO_SENTENCES (and §8.3 NoSentencesProvidedException)."""
    from datetime import date

    from resettle.rules.sentencing import calculate, load_profile
    from resettle.rules.sentencing.model import Booking, Offender

    with pytest.raises(Refused) as refused:
        calculate(Booking(Offender(date(1990, 1, 1)), ()), load_profile(PARAMS))
    assert refused.value.code == "NO_SENTENCES"


# --- §9.8 progression-model allocation ------------------------------------------------------------------

PM = "sds-progression-model-october"
TRANCHE_ONE_BY_HAND = {"progressionTrancheOneManualJourney": True}


def test_progression_model_tranche_needs_a_release_on_or_after_its_commencement():
    """Hard cases §9.8 step 1. 18 months from 2 Jun 2025 (548 days) at 40%: day ceil(219.2) = 220,
    CRD 7 Jan 2026, before 1 Oct 2026; on licence until 1 Dec 2026. Not eligible, so no tranche, and
    the tranche-1 manual journey (§8.2 PROGRESSION_TRANCHE_ONE_ALLOCATION) does not apply."""
    raw = booking(sentence("2025-06-02", months=18) | arrangements())
    assert dates(raw, PM, TRANCHE_ONE_BY_HAND)["CRD"] == "2026-01-07"


def test_progression_model_tranche_one_goes_to_a_person_with_its_toggle_on():
    """Hard cases §9.8 and §8.2: 18 months from 1 Apr 2026 (548 days) at 40%: day 220, 6 Nov 2026, on
    or after 1 Oct 2026, passed before it: eligible; 548 ≤ 574 days, so tranche 1: refused."""
    raw = booking(sentence("2026-04-01", months=18) | arrangements())
    assert refusal(raw, PM, TRANCHE_ONE_BY_HAND) == "PROGRESSION_TRANCHE_ONE_ALLOCATION"


# --- §9.7 final merge ---------------------------------------------------------------------------------


def test_sds40_final_merge_does_not_move_an_ard_to_the_tranche_date():
    """Hard cases §0 and §9.7 (final merge: CRD, ERSED, HDCED, PED, PRRD only). Offence before ORA,
    10 months from 1 May 2024: 304 days, ARD + SED. One half: day 152, 29 Sep 2024, after tranche 1
    (10 Sep 2024, the sentence being under 5 years), so it moves to 40%: day ceil(121.6) = 122,
    30 Aug 2024. ARD is not a defaulted type: it stays 30 Aug 2024 (a CRD would become 10 Sep 2024).
    Under sds-50 (no SDS40) it is the one-half date."""
    raw = booking(sentence("2024-05-01", offence="2014-06-01", months=10))
    assert dates(raw, PARAMS)["ARD"] == "2024-08-30"
    assert dates(raw, "sds-50")["ARD"] == "2024-09-29"


def test_a_date_only_the_new_rules_give_is_kept_by_sds40_and_defaulted_by_the_progression_model():
    """Hard cases §9.7 final merge: with no snapshot date σ, "e < T ≤ σ" and "σ < T or σ = e" both
    fail, so e is kept (1 Sep 2024, before the tranche date 10 Sep 2024). §9.8 final merge: the early
    date is defaulted to T when T > e, whatever the snapshot had: 10 Sep 2024."""
    from datetime import date

    from resettle.rules.sentencing.early_release import default

    early, tranche = date(2024, 9, 1), date(2024, 9, 10)
    assert default(None, early, tranche, keep_new_only=True) == early
    assert default(None, early, tranche) == tranche
    # With a snapshot date on or after T and the early date before it, both use T (e < T ≤ σ).
    assert default(date(2024, 9, 20), early, tranche, keep_new_only=True) == tranche


# --- §9.6 SDS40 additional excluded offences ---------------------------------------------------------


def test_additional_exclusions_revert_the_sentences_of_a_group_still_in_custody():
    """Hard cases §9.6: at 16 Dec 2024 the current group's sentences with a SEXUAL_T3 part go back to
    one half, with no tranche defaulting. A (SEXUAL_T3): 22 months from 1 Mar 2024, 671 days: 40% day
    269 = 24 Nov 2024, one half day 336 = 30 Jan 2025. B (unmarked): 2 years from 1 Mar 2024, 730 days,
    40% day 292 = 17 Dec 2024, so the group is still in custody on 16 Dec 2024 and A reverts: CRD
    30 Jan 2025. Alone, A was out on 24 Nov 2024, before the date, and keeps its 40% release."""
    a = sentence("2024-03-01", months=22) | arrangements(["SEXUAL_T3"])
    b = sentence("2024-03-01", years=2) | arrangements()
    assert dates(booking(a, b), PARAMS)["CRD"] == "2025-01-30"
    assert dates(booking(a), PARAMS)["CRD"] == "2024-11-24"
