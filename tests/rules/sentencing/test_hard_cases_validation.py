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
