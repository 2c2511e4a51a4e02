"""Recalls (recall.py, and how the timeline and the extraction treat a recalled sentence): cases worked by
hand from the rules (release-dates hard cases §2 and §7.5), then recall cases taken from CRDS's own.

The hand-worked cases use profile sds-50, so that SDS40 (moved to 2054 there) plays no part; the FTR56 tranches apply in
every profile (§2.5). Day counts are inclusive: a sentence of n days passed on s expires on s + n − 1 and
is released at one half on s + ceil(n / 2) − 1.
"""

from datetime import date

import pytest

from resettle.rules.sentencing import Refused
from resettle.rules.sentencing.legislation import Tranche
from resettle.rules.sentencing.model import RecallType
from resettle.rules.sentencing.recall import post_recall_release

from .builders import booking, dates, extended, remand, sentence

STANDARD = {"recallType": "STANDARD_RECALL"}


# -- the post-recall release date itself (recall.post_recall_release), by hand ----------------------------
def prrd(kind, *, returned=date(2025, 4, 3), expiry=date(2025, 8, 8), ual=0, ada=0, tranche=None):
    return post_recall_release(
        kind,
        licence_expiry=expiry,
        return_to_custody=returned,
        ual_after_return=ual,
        ada_after_release=ada,
        ftr56_tranche=tranche,
    ).on


def test_a_fixed_term_recall_counts_its_days_from_the_return_to_custody():
    # 28 days counting the day of return, 3 April 2025: 3 April + 27 = 30 April 2025.
    assert prrd(RecallType.FTR_28) == date(2025, 4, 30)
    # 14 days: 3 April + 13 = 16 April.
    assert prrd(RecallType.FTR_14) == date(2025, 4, 16)


def test_time_at_large_after_the_return_and_added_days_push_the_release_back():
    # 30 April + 5 days at large + 2 added days = 7 May 2025.
    assert prrd(RecallType.FTR_28, ual=5, ada=2) == date(2025, 5, 7)


def test_a_fixed_term_recall_ends_at_the_licence_expiry_at_the_latest():
    # Returned 1 August: 1 August + 27 = 28 August, after the licence expiry of 8 August.
    assert prrd(RecallType.FTR_28, returned=date(2025, 8, 1)) == date(2025, 8, 8)


def test_a_standard_recall_is_served_to_the_licence_expiry():
    assert prrd(RecallType.STANDARD) == date(2025, 8, 8)


def test_a_56_day_recall_is_not_released_before_its_tranche_commences():
    # Returned 24 January 2026: 24 January + 55 = 20 March, before tranche 2's 14 April 2026, so 14 April.
    tranche = Tranche("FTR56 tranche 2", date(2026, 4, 14), max_days=2128)
    assert prrd(RecallType.FTR_56, returned=date(2026, 1, 24), expiry=date(2027, 8, 17), tranche=tranche) == (
        date(2026, 4, 14)
    )


def _ual(*periods):
    return {
        "UNLAWFULLY_AT_LARGE": [
            {"appliesToSentencesFrom": start, "numberOfDays": days, "fromDate": start, "toDate": end}
            for start, end, days in periods
        ]
    }


def _ftr(kind, returned, revoked=None):
    recall = {"recallType": kind, "returnToCustodyDate": returned}
    if revoked:
        recall["revocationDate"] = revoked
    return recall


def _refused(raw) -> str:
    with pytest.raises(Refused) as refused:
        dates(raw)
    return refused.value.code


# -- §2.2 dates of one recall sentence ------------------------------------------------------------------


def test_standard_recall_is_released_at_its_licence_expiry_extended_by_time_at_large():
    """Hard cases §2.2 (standard recall: PRRD = SLED; RTC and ADAs play no part) and §2.3.

    2 years from 10 Jan 2022: 730 days, expiry 9 Jan 2024; released at day 365, 9 Jan 2023.
    At large on licence 1-10 Mar 2023 (10 days, after release): SLED 9 Jan 2024 + 10 = 19 Jan 2024.
    The 5 days awarded on 1 Jun 2023 do not move a standard recall's PRRD: PRRD = SLED = 19 Jan 2024."""
    adjustments = _ual(("2023-03-01", "2023-03-10", 10))
    adjustments["ADDITIONAL_DAYS_AWARDED"] = [
        {"appliesToSentencesFrom": "2023-06-01", "numberOfDays": 5, "fromDate": "2023-06-01"}
    ]
    raw = booking(sentence("2022-01-10", years=2, recall=STANDARD), adjustments=adjustments)
    result = dates(raw)
    assert result["PRRD"] == result["SLED"] == "2024-01-19"
    assert result["ESED"] == "2024-01-09"


def test_fixed_term_recall_runs_from_the_return_to_custody_with_time_at_large_after_it():
    """Hard cases §2.2 (FTR28: x = RTC + 27 + UAL after FTR + ADA after RTC, at most the SLED) and §2.3
    (recall UAL before the RTC extends the SLED but not the fixed term).

    2 years from 10 Jan 2022: expiry 9 Jan 2024, released 9 Jan 2023.
    At large 1-31 May 2023 (31 days, before the RTC of 1 Jun 2023) and 10-12 Jun 2023 (3 days, after it).
    SLED = 9 Jan 2024 + 31 + 3 = 12 Feb 2024.
    PRRD = 1 Jun 2023 + 27 = 28 Jun 2023, + 3 days at large after return = 1 Jul 2023, + 4 days awarded on
    15 Jun 2023 (after the RTC) = 5 Jul 2023."""
    adjustments = _ual(("2023-05-01", "2023-05-31", 31), ("2023-06-10", "2023-06-12", 3))
    adjustments["ADDITIONAL_DAYS_AWARDED"] = [
        {"appliesToSentencesFrom": "2023-06-15", "numberOfDays": 4, "fromDate": "2023-06-15"}
    ]
    raw = booking(
        sentence("2022-01-10", years=2, recall=_ftr("FIXED_TERM_RECALL_28", "2023-06-01")),
        adjustments=adjustments,
        returnToCustodyDate="2023-06-01",
    )
    result = dates(raw)
    assert result["SLED"] == "2024-02-12"
    assert result["PRRD"] == "2023-07-05"


def test_fixed_term_recall_is_never_released_after_the_licence_expiry():
    """Hard cases §2.2 (PRRD = min(x, SLED)).

    2 years from 10 Jan 2022: SLED 9 Jan 2024. Returned 20 Dec 2023: 20 Dec 2023 + 27 = 16 Jan 2024, after
    the SLED, so PRRD = 9 Jan 2024."""
    raw = booking(
        sentence("2022-01-10", years=2, recall=_ftr("FIXED_TERM_RECALL_28", "2023-12-20")),
        returnToCustodyDate="2023-12-20",
    )
    assert dates(raw)["PRRD"] == "2024-01-09"


# -- §2.3 the timeline after the original release ---------------------------------------------------------


def test_time_at_large_counts_against_a_recall_only_while_its_licence_runs():
    """Hard cases §1.2 (licence-list members whose licence expiry is before a date move to the expired
    list), §2.3 (UAL on a recall in the licence list is UAL after release) and §4.4 (its licence expiry).

    B, standard recall, 16 weeks = 112 days from Mon 2 Jan 2023: released day 56, Sun 26 Feb 2023 (the
    group is left on Fri 24 Feb); expires 23 Apr 2023.
    A, standard recall, 4 weeks = 28 days from 1 Mar 2023, a new group: released day 14, 14 Mar 2023;
    expires 28 Mar 2023.
    At large 1-5 Apr 2023 (5 days): A expired on 28 Mar, so only B: 23 Apr + 5 = 28 Apr 2023.
    At large 26-27 Apr 2023 (2 days): B's licence, now to 28 Apr, still runs: 28 Apr + 2 = 30 Apr 2023.
    Booking SLED = PRRD = 30 Apr 2023 (B), ESED 23 Apr 2023.
    TUSED (under 2 years, under a year on licence): B 26 Feb 2023 + 12 months + 7 days = 4 Mar 2024;
    A 14 Mar 2023 + 12 months + 0 days = 14 Mar 2024 (not 19 Mar: the 5 days came after A expired).
    The booking's TUSED is the later, 14 Mar 2024."""
    raw = booking(
        sentence("2023-01-02", weeks=16, recall=STANDARD),
        sentence("2023-03-01", weeks=4, recall=STANDARD),
        adjustments=_ual(("2023-04-01", "2023-04-05", 5), ("2023-04-26", "2023-04-27", 2)),
    )
    result = dates(raw)
    assert result["SLED"] == result["PRRD"] == "2023-04-30"
    assert result["ESED"] == "2023-04-23"
    assert result["TUSED"] == "2024-03-14"


def test_recall_remand_belongs_to_the_custodial_group_it_was_recorded_against():
    """Hard cases §1.3 step 7, §1.4 and §4.2 (recall remand is added to the current group at the sentence
    event on its date; remand for a later group applies only to that group), §4.1 (applied only at a
    sentence event on exactly its date).

    A, standard recall, 3 years from Mon 4 Jan 2021: 1,095 days, expiry 3 Jan 2024; released day 548,
    5 Jul 2022. B, standard recall, 1 year from 1 Sep 2022: 365 days, expiry 31 Aug 2023; A was released
    before B was passed, so B starts a new group.
    20 days of recall remand recorded against 1 Sep 2022 count towards B only: B's SLED 11 Aug 2023.
    15 days recorded against 1 Feb 2021, when no sentence was passed, count towards none.
    A's SLED stays 3 Jan 2024, the booking's SLED and PRRD."""
    adjustments = remand(20, "2022-09-01", kind="RECALL_REMAND")
    adjustments["RECALL_REMAND"].append({"appliesToSentencesFrom": "2021-02-01", "numberOfDays": 15})
    raw = booking(
        sentence("2021-01-04", years=3, recall=STANDARD),
        sentence("2022-09-01", years=1, recall=STANDARD),
        adjustments=adjustments,
    )
    result = dates(raw)
    assert result["SLED"] == result["PRRD"] == "2024-01-03"


def test_a_recall_passed_while_he_is_held_joins_the_group_before_its_remand_is_added():
    """Hard cases §1.2 (the release check runs first on each date) and §1.3 (the new sentence joins the
    current group; then the remand dated that day is added to every member, older ones included).

    A, standard recall, 6 months from Mon 2 Jan 2023: 181 days, expiry 1 Jul 2023; released day 91,
    Sun 2 Apr 2023, so the group is left on Fri 31 Mar 2023.
    B, standard recall, 4 weeks from 20 Mar 2023 (28 days, expiry 16 Apr 2023): passed while A is held,
    so B joins A's group. 30 days of recall remand recorded against 20 Mar 2023 then count towards both:
    A's SLED 1 Jul 2023 − 30 = 1 Jun 2023 (B's: 16 Apr − 30, no earlier than 20 Mar 2023).
    Booking SLED = PRRD = 1 Jun 2023."""
    raw = booking(
        sentence("2023-01-02", months=6, recall=STANDARD),
        sentence("2023-03-20", weeks=4, recall=STANDARD),
        adjustments=remand(30, "2023-03-20", kind="RECALL_REMAND"),
    )
    result = dates(raw)
    assert result["SLED"] == result["PRRD"] == "2023-06-01"


def test_a_removal_under_the_early_removal_scheme_after_stop_the_clock_does_not_end_custody():
    """Hard cases §7.2 (an ERS release on or after 28 Jun 2022 is treated as custody), §1.3 step 6 (a
    sentence joining the group inherits its remand) and §1.4 (a recall takes no remand).

    A, standard recall, 2 years from 4 Jan 2022: 730 days, released day 365, 3 Jan 2023. Out on ERS on
    1 Aug 2022: ignored, so he is still held when B is passed.
    B, 2 years from 3 Oct 2022 (not a recall), joins A's group and takes the 30 days of remand recorded
    against 4 Jan 2022 (A, a recall, takes none): CRD 3 Oct 2022 + 364 − 30 = 3 Sep 2023; SLED 2 Oct 2024
    − 30 = 2 Sep 2024, the booking's SLED. A's PRRD, its SLED 3 Jan 2024, is later than B's CRD, so the
    booking shows the PRRD and no CRD (§2.4)."""
    raw = booking(
        sentence("2022-01-04", years=2, recall=STANDARD),
        sentence("2022-10-03", years=2),
        adjustments=remand(30, "2022-01-04"),
        externalMovements=[{"movementDate": "2022-08-01", "movementReason": "ERS", "direction": "OUT"}],
    )
    result = dates(raw)
    assert result["SLED"] == "2024-09-02"
    assert result["PRRD"] == "2024-01-03"
    assert "CRD" not in result


# -- §2.4 extraction, §2.6 several recalls or a recall plus new sentences ------------------------------


def test_a_tie_between_a_recall_and_a_new_sentence_gives_both_and_no_hdc():
    """Hard cases §2.4 items 2, 3, 4 and 6 (a tie between a recall PRRD and a non-recall CRD emits both
    CRD and PRRD, and removes HDCED).

    A, standard recall, 1 year from 4 Jan 2021: SLED = PRRD = 3 Jan 2022.
    B, 240 days from 6 Sep 2021 (not a recall): released day 120, 3 Jan 2022; SLED 3 May 2022."""
    raw = booking(
        sentence("2021-01-04", years=1, recall=STANDARD),
        sentence("2021-09-06", days=240),
    )
    result = dates(raw)
    assert result["PRRD"] == result["CRD"] == "2022-01-03"
    assert result["SLED"] == "2022-05-03"
    assert "HDCED" not in result


def test_a_new_sentence_consecutive_to_a_released_recall_is_calculated_on_its_own():
    """Hard cases §1.3 step 3 and §2.6 (a part consecutive to a sentence no longer in the current group
    stands alone, dated from its own sentence date).

    A, standard recall, 1 year from 4 Jan 2021: released day 183, 4 Jul 2021; SLED = PRRD 3 Jan 2022.
    B, 6 months from 1 Mar 2022, consecutive to A: A was released long before, so B stands alone:
    184 days, released day 92, 31 May 2022; SLED 31 Aug 2022. B, not a recall, is released last: CRD."""
    raw = booking(
        sentence("2021-01-04", years=1, recall=STANDARD, identifier="a"),
        sentence("2022-03-01", months=6, consecutiveSentenceUUIDs=["a"]),
    )
    result = dates(raw)
    assert result["CRD"] == "2022-05-31"
    assert result["SLED"] == "2022-08-31"
    assert "PRRD" not in result


def test_a_recall_chain_the_rules_do_not_cover_is_refused():
    """Hard cases §1.4 (a chain's recall status is its first part's) and §1.3: the rules do not say how a
    recalled sentence consecutive to one not recalled is served, nor how a new sentence passed before
    the recalled one's release joins its chain; both go to a person.

    Recalled 1-year sentence from 4 Jan 2021, released day 183, 4 Jul 2021: a new sentence passed on 1
    Jun 2021 consecutive to it is passed before that release."""
    not_recalled_first = booking(
        sentence("2021-01-04", years=1, identifier="a"),
        sentence("2021-01-04", months=6, recall=STANDARD, consecutiveSentenceUUIDs=["a"]),
    )
    assert _refused(not_recalled_first) == "UNSUPPORTED_RECALL_CHAIN"
    passed_before_release = booking(
        sentence("2021-01-04", years=1, recall=STANDARD, identifier="a"),
        sentence("2021-06-01", months=6, consecutiveSentenceUUIDs=["a"]),
    )
    assert _refused(passed_before_release) == "UNSUPPORTED_RECALL_CHAIN"


# -- §2.5 FTR56 tranches -------------------------------------------------------------------------------


def test_ftr56_tranche_is_the_booking_s_judged_on_every_candidate_sentence():
    """Hard cases §2.5 (one tranche for the booking: the first no candidate's length exceeds; net PRRD =
    min(SLED, max(RTC + 55 + UAL after FTR, T) + ADA after RTC)).

    Revoked 10 Jan 2026, returned 12 Jan 2026 (on or before 31 Mar 2026).
    A, 5 years from 6 Apr 2021: 1,826 days, expiry 5 Apr 2026 (after the revocation): a candidate.
    B, 3 years from 3 Jun 2024: 1,095 days, expiry 2 Jun 2027: a candidate.
    1,826 > 1,701 (tranche 1) and both ≤ 2,128: tranche 2, 14 Apr 2026, for both.
    RTC + 55 = 8 Mar 2026, floored at 14 Apr 2026: A's PRRD is capped at its SLED, 5 Apr 2026; B's is
    14 Apr 2026, the booking's PRRD (by its own length B would have had tranche 1, 31 Mar 2026)."""
    recall = _ftr("FIXED_TERM_RECALL_56", "2026-01-12", revoked="2026-01-10")
    raw = booking(
        sentence("2021-04-06", years=5, recall=recall),
        sentence("2024-06-03", years=3, recall=recall),
        returnToCustodyDate="2026-01-12",
    )
    result = dates(raw)
    assert result["PRRD"] == "2026-04-14"
    assert result["SLED"] == "2027-06-02"


def test_ftr56_with_no_candidate_runs_the_56_days_with_no_tranche_floor():
    """Hard cases §2.5 (no candidate when none was returned on or before 31 Mar 2026: the 56 days apply
    with no tranche date).

    5 years from 10 Jan 2022 (1,826 days, tranche 2 by length), revoked 20 Apr 2026, returned 21 Apr 2026:
    PRRD = 21 Apr 2026 + 55 = 15 Jun 2026."""
    recall = _ftr("FIXED_TERM_RECALL_56", "2026-04-21", revoked="2026-04-20")
    raw = booking(sentence("2022-01-10", years=5, recall=recall), returnToCustodyDate="2026-04-21")
    assert dates(raw)["PRRD"] == "2026-06-15"


def test_ftr56_whose_licence_ends_before_the_first_tranche_stays_a_standard_recall():
    """Hard cases §2.5 (sentences whose SLED is on or before 31 Mar 2026 are never switched and stay
    standard recalls: PRRD = SLED) and §2.2.

    2 years from 21 Mar 2024: 730 days, SLED 20 Mar 2026. Revoked 9 Jan 2026, returned 10 Jan 2026.
    Under the 56-day rule he would be out on 10 Jan + 55 = 6 Mar 2026; as a standard recall PRRD = SLED
    = 20 Mar 2026."""
    recall = _ftr("FIXED_TERM_RECALL_56", "2026-01-10", revoked="2026-01-09")
    raw = booking(sentence("2024-03-21", years=2, recall=recall), returnToCustodyDate="2026-01-10")
    result = dates(raw)
    assert result["PRRD"] == result["SLED"] == "2026-03-20"


def test_ftr56_needs_a_revocation_date_no_later_than_the_return():
    """Hard cases §2.5 validations and §8.2 (RECALL_MISSING_REVOCATION_DATE,
    FTR_RTC_DATE_BEFORE_REVOCATION_DATE): the tranche is chosen by the revocation date."""
    missing = booking(
        sentence("2022-01-10", years=5, recall=_ftr("FIXED_TERM_RECALL_56", "2026-01-12")),
        returnToCustodyDate="2026-01-12",
    )
    assert _refused(missing) == "RECALL_MISSING_REVOCATION_DATE"
    after_return = booking(
        sentence(
            "2022-01-10", years=5, recall=_ftr("FIXED_TERM_RECALL_56", "2026-01-12", revoked="2026-01-13")
        ),
        returnToCustodyDate="2026-01-12",
    )
    assert _refused(after_return) == "FTR_RTC_DATE_BEFORE_REVOCATION_DATE"


def test_fixed_term_recalls_of_different_lengths_conflict():
    """Hard cases §2.5 ("FTR types must not be mixed") and §8.2 (FTR_SENTENCES_CONFLICT_WITH_EACH_OTHER)."""
    raw = booking(
        sentence("2022-01-10", years=2, recall=_ftr("FIXED_TERM_RECALL_28", "2023-06-01")),
        sentence(
            "2022-01-10", years=2, recall=_ftr("FIXED_TERM_RECALL_56", "2023-06-01", revoked="2023-05-30")
        ),
        returnToCustodyDate="2023-06-01",
    )
    assert _refused(raw) == "FTR_SENTENCES_CONFLICT_WITH_EACH_OTHER"


# -- §7.5 FTR56 after HDC or ECSL ---------------------------------------------------------------------


@pytest.mark.parametrize(("released_on", "refused"), [("HDC", True), ("ECSL", True), ("CRD", False)])
def test_ftr56_after_release_on_hdc_or_ecsl_is_refused(released_on, refused):
    """Hard cases §7.5 (FTR_TYPE_56_UNSUPPORTED_RECALL when the latest movement out before the latest
    movement in is HDC or ECSL). Released at the CRD instead, it is calculated."""
    recall = _ftr("FIXED_TERM_RECALL_56", "2026-01-12", revoked="2026-01-10")
    raw = booking(
        sentence("2022-01-10", years=5, recall=recall),
        returnToCustodyDate="2026-01-12",
        externalMovements=[
            {"movementDate": "2024-01-09", "movementReason": released_on, "direction": "OUT"},
            {"movementDate": "2026-01-12", "movementReason": "RECALL_ADMISSION", "direction": "IN"},
        ],
    )
    if refused:
        assert _refused(raw) == "FTR_TYPE_56_UNSUPPORTED_RECALL"
    else:
        assert "PRRD" in dates(raw)


# -- CRDS's cases: fixed-term and standard recalls, recalls beside other sentences ----------------------


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


def _recall_and_eds(recall_months, recall_remand):
    recall = sentence(
        "2017-08-28", months=recall_months, recall={"recallType": "STANDARD_RECALL"}, offence="2017-08-28"
    )
    eds = extended("ExtendedDeterminateSentence", "2019-03-20", {"YEARS": 2}, {"YEARS": 2})
    return booking(recall, eds, adjustments=remand(recall_remand, "2017-08-28", kind="RECALL_REMAND"))


def test_a_recall_release_does_not_delay_parole_eligibility_on_another_sentence():
    assert dates(_recall_and_eds(36, 20))["PED"] == "2020-07-19"


def test_a_recall_release_after_the_parole_sentence_release_removes_the_ped():
    assert "PED" not in dates(_recall_and_eds(48, 20))


def test_fourteen_day_recall_on_a_sentence_of_twelve_months_is_refused():
    recall = {"recallType": "FIXED_TERM_RECALL_14", "returnToCustodyDate": "2024-11-11"}
    raw = booking(sentence("2024-02-06", months=12, recall=recall), returnToCustodyDate="2024-11-11")
    with pytest.raises(Refused, match="FTR_TYPE_14_DAYS"):
        dates(raw, "calculation-params")
