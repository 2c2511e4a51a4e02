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
