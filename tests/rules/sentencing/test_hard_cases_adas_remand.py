"""Additional days (ADA/RADA) and remand, worked by hand from the rules in the hard-cases reference
(`release-dates-hard-cases.md` §3 and §4, and the §8 codes about them), not from CRDS's fixtures.

Unless a test says otherwise the profile is `sds-50` (release at one half, SDS40 tranches moved to 2054) and
there are no bank holidays, so the only non-working days are weekends."""

import pytest

from resettle.rules.sentencing import Refused

from .builders import booking, dates, remand, run, sentence

OVERLAPS = "REMAND_OVERLAPS_WITH_SENTENCE"


def refusal(raw, profile="sds-50"):
    with pytest.raises(Refused) as refused:
        run(raw, profile)
    return refused.value.code


# -- §4.3 REMAND_OVERLAPS_WITH_SENTENCE ---------------------------------------------------------------


def test_remand_ending_on_the_sentence_date_overlaps_it_and_ending_the_day_before_does_not():
    """Hard cases §4.3: remand [f, t] is refused when f ≤ period end and period start ≤ t, touching counts.
    1 year from 1 June 2021 = 365 days; release at day ceil(365 / 2) = 183, 1 June + 182 = 30 Nov 2021.
    Remand 1 May - 1 June 2021 ends on the sentence date (the period's first day): refused.
    Remand 1 May - 31 May 2021 (31 days) ends the day before: CRD = 30 Nov − 31 = 30 Oct 2021."""
    touching = remand(32, "2021-06-01", fromDate="2021-05-01", toDate="2021-06-01")
    assert refusal(booking(sentence("2021-06-01", years=1), adjustments=touching)) == OVERLAPS
    clear = remand(31, "2021-06-01", fromDate="2021-05-01", toDate="2021-05-31")
    assert dates(booking(sentence("2021-06-01", years=1), adjustments=clear))["CRD"] == "2021-10-30"


def test_remand_for_a_later_sentence_that_touches_an_earlier_custodial_period_is_refused():
    """Hard cases §4.3: the check is against every closed custodial period, whichever sentence the remand
    is recorded against. Sentence A: 6 months from 1 Jan 2020 = 182 days, release day 91, CRD 31 Mar 2020
    (a Tuesday), so the period is 1 Jan - 31 Mar 2020. Sentence B: 2 months from 1 May 2020 = 61 days,
    release day 31, 1 May + 30 = 31 May. Remand for B from 31 Mar (A's release day) touches A's period:
    refused. Remand for B from 1 Apr to 10 Apr (10 days) does not: B's CRD = 31 May − 10 = 21 May 2020."""
    a = sentence("2020-01-01", months=6)
    b = sentence("2020-05-01", months=2)
    touching = remand(10, "2020-05-01", fromDate="2020-03-31", toDate="2020-04-09")
    assert refusal(booking(a, b, adjustments=touching)) == OVERLAPS
    clear = remand(10, "2020-05-01", fromDate="2020-04-01", toDate="2020-04-10")
    assert dates(booking(a, b, adjustments=clear))["CRD"] == "2020-05-21"


def test_immediate_release_with_remand_dated_after_the_sentence_is_calculated():
    """Hard cases §4.3 and §8.2 ("immediate release is not refused"): only periods with from < to are
    checked, and where the remand is recorded does not matter to this check (REMAND_ON_OR_AFTER_SENTENCE_DATE
    is a source-data check on NOMIS records, not on a booking). 10 days from Monday 1 Mar 2021: release day
    5, 5 Mar; 5 days of remand recorded against 1 Mar gives 28 Feb, floored at the sentence date: CRD
    1 Mar 2021, and he leaves the period on the day it begins (from == to), so the remand dated 2-6 Mar
    cannot overlap it. Uncapped CRD 28 Feb = s − 1 is not extinguished (§4.4 needs ≤ s − 2). SLED = 10 Mar
    − 5 = 5 Mar 2021."""
    future = remand(5, "2021-03-01", fromDate="2021-03-02", toDate="2021-03-06")
    got = dates(booking(sentence("2021-03-01", days=10), adjustments=future))
    assert got["CRD"] == "2021-03-01"
    assert got["SLED"] == "2021-03-05"


def test_tagged_bail_overlapping_the_sentence_is_not_checked():
    """Hard cases §4.3: only REMAND is checked, not tagged bail. 1 year from 1 June 2021: CRD 30 Nov 2021;
    tagged bail of 10 days (dated 25 May - 3 Jun, over the sentence date) gives 20 Nov 2021."""
    bail = remand(10, "2021-06-01", kind="TAGGED_BAIL", fromDate="2021-05-25", toDate="2021-06-03")
    assert dates(booking(sentence("2021-06-01", years=1), adjustments=bail))["CRD"] == "2021-11-20"


# -- §3.1-§3.5 where additional days go and what they move --------------------------------------------

ADA = "ADDITIONAL_DAYS_AWARDED"
RADA = "RESTORATION_OF_ADDITIONAL_DAYS_AWARDED"


def awarded(*entries):
    """(kind, days, date) entries, dated by their from-date as an adjudication is."""
    out: dict[str, list] = {}
    for kind, days, on in entries:
        out.setdefault(kind, []).append({"appliesToSentencesFrom": on, "fromDate": on, "numberOfDays": days})
    return out


def test_ada_and_rada_on_one_date_are_netted():
    """Hard cases §3.1: net = ΣADA − ΣRADA at a date. 6 months from 1 Jan 2020 = 182 days, release day 91,
    CRD 31 Mar 2020; 10 added and 4 restored on 1 Feb 2020 net to 6: CRD 6 Apr 2020. SLED unmoved
    (§3.3): 1 Jan + 181 = 30 Jun 2020."""
    got = dates(
        booking(
            sentence("2020-01-01", months=6),
            adjustments=awarded((ADA, 10, "2020-02-01"), (RADA, 4, "2020-02-01")),
        )
    )
    assert (got["CRD"], got["SLED"]) == ("2020-04-06", "2020-06-30")


def test_days_awarded_between_custodial_periods_go_to_the_next_sentence():
    """Hard cases §3.2 (PADA): out of custody with no recall on licence, the award is pending and added at
    the next sentence. Sentence A: CRD 31 Mar 2020 (6 months from 1 Jan). 5 days on 15 Apr. Sentence B:
    2 months from 1 May 2020 = 61 days, release day 31, 31 May; plus 5 = 5 Jun 2020."""
    raw = booking(
        sentence("2020-01-01", months=6),
        sentence("2020-05-01", months=2),
        adjustments=awarded((ADA, 5, "2020-04-15")),
    )
    assert dates(raw)["CRD"] == "2020-06-05"


FTR28 = {"recallType": "FIXED_TERM_RECALL_28", "returnToCustodyDate": "2021-06-01"}


def ftr28(**extra):
    """2 years from 1 Jan 2020 = 731 days (2020 is a leap year): CRD 31 Dec 2020, SLED 31 Dec 2021; back
    in custody on 1 Jun 2021 for 28 days: PRRD 1 Jun + 27 = 28 Jun 2021."""
    return sentence("2020-01-01", years=2, recall=FTR28, **extra)


def test_days_awarded_after_the_return_on_a_fixed_term_recall_move_its_release():
    """Hard cases §3.2 and §0: out of custody on any new sentence, with an FTR on licence and the award on
    or after the return to custody, it goes to the PRRD. 5 days on 10 Jun 2021: 28 Jun + 5 = 3 Jul 2021.
    Dated 20 May, before the return, it is ignored: PRRD 28 Jun."""
    after = booking(ftr28(), adjustments=awarded((ADA, 5, "2021-06-10")), returnToCustodyDate="2021-06-01")
    assert dates(after, "calculation-params")["PRRD"] == "2021-07-03"
    before = booking(ftr28(), adjustments=awarded((ADA, 5, "2021-05-20")), returnToCustodyDate="2021-06-01")
    assert dates(before, "calculation-params")["PRRD"] == "2021-06-28"


def test_days_awarded_while_a_new_sentence_holds_him_go_to_it_not_to_the_recall():
    """Hard cases §3.2 row 1: the current custodial group takes the award, not the FTR on licence. New
    sentence 1 month from 5 Jun 2021 = 30 days, release day 15, 19 Jun; 5 days on 10 Jun: 24 Jun 2021.
    The FTR's PRRD stays 28 Jun 2021 (1 Jun + 27), and it is the later release."""
    raw = booking(
        ftr28(),
        sentence("2021-06-05", months=1),
        adjustments=awarded((ADA, 5, "2021-06-10")),
        returnToCustodyDate="2021-06-01",
    )
    assert dates(raw, "calculation-params")["PRRD"] == "2021-06-28"


def test_days_awarded_to_a_fixed_term_recall_are_not_also_given_to_a_later_sentence():
    """Hard cases §3.2 rows 3-4: with an FTR on licence the award goes to its PRRD (3 Jul 2021, as above)
    and is not pending for the next sentence. New sentence 2 years from 1 Jul 2021 = 730 days, release
    day 365: CRD 1 Jul 2021 + 364 = 30 Jun 2022, without the 5 days."""
    raw = booking(
        ftr28(),
        sentence("2021-07-01", years=2),
        adjustments=awarded((ADA, 5, "2021-06-10")),
        returnToCustodyDate="2021-06-01",
    )
    assert dates(raw, "calculation-params")["CRD"] == "2022-06-30"


def test_days_awarded_on_licence_from_a_standard_recall_are_ignored():
    """Hard cases §3.2 last row: out of custody with a standard recall on licence, the award is ignored,
    not pending. Standard recall: 2 years from 1 Jan 2020, CRD 31 Dec 2020 (a Thursday), SLED 31 Dec 2021.
    5 days on 1 Mar 2021. New sentence 2 years from 1 Apr 2021 = 730 days, release day 365: CRD
    31 Mar 2022, not 5 Apr."""
    raw = booking(
        sentence("2020-01-01", years=2, recall={"recallType": "STANDARD_RECALL"}),
        sentence("2021-04-01", years=2),
        adjustments=awarded((ADA, 5, "2021-03-01")),
    )
    assert dates(raw, "calculation-params")["CRD"] == "2022-03-31"


def test_a_sentence_passed_while_added_days_are_served_does_not_serve_them_again():
    """Hard cases §3.4: served = (d − P) − 1 where P is the release without added days. A: 6 months from
    1 Jan 2020, CRD 31 Mar; 20 days on 1 Feb: 20 Apr 2020 (a Monday), so B on Fri 10 Apr joins. B: 1 month
    from 10 Apr = 30 days, release day 15, 24 Apr. served = (10 Apr − 31 Mar) − 1 = 9. B's CRD = 24 Apr +
    20 − 9 = 5 May 2020, the later of the two."""
    raw = booking(
        sentence("2020-01-01", months=6),
        sentence("2020-04-10", months=1),
        adjustments=awarded((ADA, 20, "2020-02-01")),
    )
    assert dates(raw)["CRD"] == "2020-05-05"


def test_added_days_beyond_the_sentence_expiry_are_unused():
    """Hard cases §3.5: the release is capped at the expiry. 10 days from 1 Mar 2021: release day 5, 5 Mar;
    SLED 10 Mar. 10 days awarded on 2 Mar would give 15 Mar: CRD = SLED = 10 Mar 2021."""
    got = dates(booking(sentence("2021-03-01", days=10), adjustments=awarded((ADA, 10, "2021-03-02"))))
    assert (got["CRD"], got["SLED"]) == ("2021-03-10", "2021-03-10")


# -- §3.7 ADA validations -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "code"), [(ADA, "ADJUSTMENT_AFTER_RELEASE_ADA"), (RADA, "ADJUSTMENT_AFTER_RELEASE_RADA")]
)
def test_days_awarded_or_restored_after_the_last_release_are_refused(kind, code):
    """Hard cases §3.7: an ADA or RADA dated after the latest non-Term release. 6 months from 1 Jan 2020:
    CRD 31 Mar 2020; dated 15 Apr 2020, after it, with no later sentence: refused."""
    assert (
        refusal(booking(sentence("2020-01-01", months=6), adjustments=awarded((kind, 5, "2020-04-15"))))
        == code
    )


def test_days_awarded_after_the_return_but_before_the_post_recall_release_are_not_refused():
    """Hard cases §3.7 with §3.2: for a recall the release compared is the PRRD. The FTR above: PRRD
    28 Jun 2021 + 5 = 3 Jul; the award on 10 Jun is before it, so calculated (long after the CRD)."""
    raw = booking(ftr28(), adjustments=awarded((ADA, 5, "2021-06-10")), returnToCustodyDate="2021-06-01")
    assert "PRRD" in dates(raw, "calculation-params")


# -- §4.1, §4.2 attaching and sharing remand ----------------------------------------------------------


def test_remand_recorded_against_a_day_no_sentence_was_passed_is_not_applied():
    """Hard cases §4.1: remand is applied only at a sentence event on exactly its appliesToSentencesFrom.
    1 year from 1 Jan 2020 = 366 days, release day 183: CRD 1 Jan + 182 = 1 Jul 2020. 10 days recorded
    against 1 Feb 2020, when no sentence was passed: CRD stays 1 Jul 2020."""
    got = dates(booking(sentence("2020-01-01", years=1), adjustments=remand(10, "2020-02-01")))
    assert got["CRD"] == "2020-07-01"


def test_remand_is_shared_by_a_concurrent_sentence_passed_later_in_the_same_custody():
    """Hard cases §4.2: later members inherit the group's deductions. A: 1 year from 1 Jan 2020, CRD
    1 Jul, less 10 days: 21 Jun. B: 18 months from 1 Mar 2020 = 549 days, release day 275: 1 Mar + 274 =
    30 Nov 2020, less the same 10 days: 20 Nov 2020."""
    raw = booking(
        sentence("2020-01-01", years=1),
        sentence("2020-03-01", months=18),
        adjustments=remand(10, "2020-01-01", fromDate="2019-12-01", toDate="2019-12-10"),
    )
    assert dates(raw)["CRD"] == "2020-11-20"


def test_remand_for_an_earlier_custodial_period_does_not_reach_a_later_one():
    """Hard cases §4.2: remand for a sentence in one group applies only to that group. A: 6 months from
    1 Jan 2020, CRD 31 Mar, less 10 = 21 Mar 2020. B: 2 months from 1 May 2020, CRD 31 May 2020, no remand."""
    raw = booking(
        sentence("2020-01-01", months=6),
        sentence("2020-05-01", months=2),
        adjustments=remand(10, "2020-01-01", fromDate="2019-12-01", toDate="2019-12-10"),
    )
    assert dates(raw)["CRD"] == "2020-05-31"


# -- §4.4 more remand than custody --------------------------------------------------------------------


def test_remand_equal_to_the_custodial_period_is_an_immediate_release_and_one_more_day_is_refused():
    """Hard cases §4.4: extinguished when the uncapped CRD ≤ s − 2. 10 days from 1 Mar 2021: release day
    5, 5 Mar. 5 days of remand: 28 Feb = s − 1, CRD floored at 1 Mar 2021. 6 days: 27 Feb = s − 2:
    RELEASE_DATE_BEFORE_SENTENCE_DATE."""
    five = remand(5, "2021-03-01", fromDate="2021-02-20", toDate="2021-02-24")
    assert dates(booking(sentence("2021-03-01", days=10), adjustments=five))["CRD"] == "2021-03-01"
    six = remand(6, "2021-03-01", fromDate="2021-02-19", toDate="2021-02-24")
    assert (
        refusal(booking(sentence("2021-03-01", days=10), adjustments=six))
        == "RELEASE_DATE_BEFORE_SENTENCE_DATE"
    )


def test_days_awarded_after_release_from_every_sentence_but_a_fine_are_dropped_and_refused():
    """Hard cases §3.2 row 2 and §3.7: a fine default (a Term) does not take added days, so an award
    after the standard sentence's release, while only the fine holds him, is dropped and then refused as
    after release. SDS 6 months from 1 Jan 2020: CRD 31 Mar 2020. A-FINE 1 year from 1 Jan 2020: ARD
    1 Jul 2020. 15 days on 15 Apr 2020: were they given to the SDS its CRD would be 15 Apr, not before the
    award; dropped, the latest non-Term release is 31 Mar: ADJUSTMENT_AFTER_RELEASE_ADA."""
    fine = sentence("2020-01-01", type="AFineSentence", years=1, fineAmount=3000)
    raw = booking(sentence("2020-01-01", months=6), fine, adjustments=awarded((ADA, 15, "2020-04-15")))
    assert refusal(raw) == "ADJUSTMENT_AFTER_RELEASE_ADA"


def test_added_days_count_towards_whether_the_remand_extinguished_the_sentence():
    """Hard cases §4.4: the uncapped CRD is unadjusted CRD + UAL − D + ADA − served. 10 days from 1 Mar
    2021: release day 5, 5 Mar. 6 days of remand and 2 days awarded on 1 Mar (he is still held that day,
    §3.2): 5 Mar − 6 + 2 = 1 Mar, not before 28 Feb (s − 1): calculated, CRD 1 Mar 2021; SLED = 10 Mar −
    6 = 4 Mar 2021."""
    adjustments = {
        **remand(6, "2021-03-01", fromDate="2021-02-19", toDate="2021-02-24"),
        **awarded((ADA, 2, "2021-03-01")),
    }
    got = dates(booking(sentence("2021-03-01", days=10), adjustments=adjustments))
    assert (got["CRD"], got["SLED"]) == ("2021-03-01", "2021-03-04")


def test_a_sentence_joins_a_custodial_group_only_by_the_days_awarded_before_it_was_passed():
    """Hard cases §1.1 with §3.2: each day's release check runs before that day's events, so days awarded
    later cannot have held him for an earlier sentence. A: 1 year from 1 Jan 2020 = 366 days, release day
    183, 1 Jul, less 100 days of remand: Mon 23 Mar 2020. B: 2 months from Wed 1 Apr 2020 = 61 days,
    release day 31: 1 May. He left A on 23 Mar, so B starts a new period without A's remand, and the 20
    days awarded on 10 Apr go to B: CRD 1 May + 20 = 21 May 2020. A's SLED: 31 Dec 2020 − 100 = 22 Sep."""
    adjustments = {
        **remand(100, "2020-01-01", fromDate="2019-09-01", toDate="2019-12-09"),
        **awarded((ADA, 20, "2020-04-10")),
    }
    got = dates(
        booking(sentence("2020-01-01", years=1), sentence("2020-04-01", months=2), adjustments=adjustments)
    )
    assert (got["CRD"], got["SLED"]) == ("2020-05-21", "2020-09-22")


def test_remand_overlapping_a_recalled_sentences_original_custody_is_not_checked():
    """Hard cases §4.3: only custodial periods with no recall member are checked, and a recall takes no
    remand (§1.4). The FTR above was in custody 1 Jan - 31 Dec 2020 (Thursday); remand dated 1-10 Feb
    2020 against 1 Jan is neither refused nor applied: PRRD 1 Jun 2021 + 27 = 28 Jun 2021."""
    raw = booking(
        ftr28(),
        adjustments=remand(10, "2020-01-01", fromDate="2020-02-01", toDate="2020-02-10"),
        returnToCustodyDate="2021-06-01",
    )
    assert dates(raw, "calculation-params")["PRRD"] == "2021-06-28"


def test_a_sentence_joins_by_the_release_before_that_days_remand_and_by_the_days_awarded_before_it():
    """Hard cases §1.1-§1.3 with §3.2: the release check on the day a sentence is passed runs before that
    day's remand is added and counts only the days awarded before that day. A: 1 year from 1 Jan 2020 =
    366 days, release day 183, 1 Jul 2020; 10 days of remand recorded against 1 Jan: 21 Jun; 11 days
    awarded on 1 Feb: Thu 2 Jul. B: 1 month from Thu 2 Jul 2020 = 31 days, release day 16, 17 Jul, with
    5 days of remand recorded against 2 Jul (which would have put A at 27 Jun). A's release stood at 2 Jul,
    so B joins, takes the group's 15 days of remand and the 11 days awarded, all already served (P =
    1 Jul − 15 = 16 Jun; served = min(11, (2 Jul − 16 Jun) − 1)): CRD 17 Jul − 15 = 2 Jul 2020.
    The same 11 days awarded on 2 Jul instead: A stood at 21 Jun when B was passed, so B starts a new
    period with its own 5 days (12 Jul), and the award, made while B holds him, goes to it: 23 Jul 2020."""

    def crd(awarded_on):
        adjustments = {
            "REMAND": [
                {"appliesToSentencesFrom": "2020-01-01", "numberOfDays": 10},
                {"appliesToSentencesFrom": "2020-07-02", "numberOfDays": 5},
            ],
            **awarded((ADA, 11, awarded_on)),
        }
        adjustments["REMAND"][0].update(fromDate="2019-11-01", toDate="2019-11-10")
        adjustments["REMAND"][1].update(fromDate="2019-12-01", toDate="2019-12-05")
        raw = booking(
            sentence("2020-01-01", years=1), sentence("2020-07-02", months=1), adjustments=adjustments
        )
        return dates(raw)["CRD"]

    assert crd("2020-02-01") == "2020-07-02"
    assert crd("2020-07-02") == "2020-07-23"
