"""The booking timeline (timeline.py) and external movements (movements.py): which adjustments apply to
which sentences, and when he is in custody. First the cases worked by hand from the rule each cites
(release-dates-hard-cases.md §1 and §7), then the timeline cases taken from CRDS's own. Profile sds-50
keeps SDS40 out of the way (its tranches are in 2054), so a standard sentence is released at one half."""

from datetime import date

import pytest

from resettle.rules.sentencing import timeline
from resettle.rules.sentencing.model import Booking, ExternalMovement, Offender
from resettle.rules.sentencing.movements import release_days
from resettle.rules.sentencing.result import Refused

from .builders import PM, PM_TOGGLES, booking, dates, dto, remand, sentence


def _moved(*movements):
    return [{"movementDate": on, "movementReason": reason, "direction": way} for on, reason, way in movements]


def _movements(*movements) -> Booking:
    return Booking(
        Offender(date(1990, 1, 1)),
        (),
        external_movements=tuple(ExternalMovement(date.fromisoformat(d), r, w) for d, r, w in movements),
    )


def _two_sentences_around(out_on, reason, back_on, back_reason, *, first_on, second_on):
    """A 2-year sentence with 100 days' remand, a movement out and back, then a 1-year sentence."""
    return booking(
        sentence(first_on, years=2),
        sentence(second_on, years=1),
        adjustments=remand(100, first_on),
        externalMovements=_moved((out_on, reason, "OUT"), (back_on, back_reason, "IN")),
    )


def test_a_failed_ers_removal_is_no_release_so_a_later_sentence_joins_the_group():
    """Hard cases §7.2 and §1.3.6: an ERS OUT whose next movement is FAILED_ERS_REMOVAL is ignored (he is
    treated as in custody), so a sentence passed later joins the custodial group and inherits its remand.

    A: 2 years from 10 Jan 2020 = 731 days; N = ceil(731 / 2) = 366; CRD = 10 Jan 2020 + 365 = 9 Jan 2021;
    less 100 days' remand = 1 Oct 2020. ERS OUT 1 Jun 2020, failed removal IN 5 Jun 2020.
    B: 1 year from 3 Aug 2020 (before A's release point) = 365 days; N = 183; CRD = 3 Aug 2020 + 182 =
    1 Feb 2021; inheriting the 100 days = 24 Oct 2020. Counted as a release, B would start a new group with
    no remand: 1 Feb 2021. Booking CRD = the later, B's."""
    failed = _two_sentences_around(
        "2020-06-01", "ERS", "2020-06-05", "FAILED_ERS_REMOVAL", first_on="2020-01-10", second_on="2020-08-03"
    )
    assert dates(failed)["CRD"] == "2020-10-24"


def test_an_ers_removal_before_stop_the_clock_followed_by_a_return_is_a_release():
    """Hard cases §7.2: an ERS OUT dated before 28 Jun 2022 whose next movement is an ordinary IN is a
    release. The group closes at the next event after it, so B (3 Aug 2020) starts a new group with no
    remand: CRD = 3 Aug 2020 + 183 - 1 = 1 Feb 2021 (arithmetic as in the failed-removal test)."""
    returned = _two_sentences_around(
        "2020-06-01", "ERS", "2020-06-05", "SENTENCE", first_on="2020-01-10", second_on="2020-08-03"
    )
    assert dates(returned)["CRD"] == "2021-02-01"


def test_an_ers_removal_on_or_after_stop_the_clock_is_no_release():
    """Hard cases §7.2: an ERS OUT dated on or after 28 Jun 2022 (the ERS stop-the-clock commencement) is
    treated as custody whatever follows it.

    A: 2 years from 10 Jan 2022 = 730 days; N = 365; CRD = 10 Jan 2022 + 364 = 9 Jan 2023; less 100 days =
    1 Oct 2022. ERS OUT 1 Jul 2022, IN (sentence) 20 Jul 2022. B: 1 year from 3 Aug 2022 = 365 days;
    N = 183; CRD = 3 Aug 2022 + 182 = 1 Feb 2023; in A's group it inherits the remand: 24 Oct 2022."""
    late = _two_sentences_around(
        "2022-07-01", "ERS", "2022-07-20", "SENTENCE", first_on="2022-01-10", second_on="2022-08-03"
    )
    assert dates(late)["CRD"] == "2022-10-24"


def test_of_two_movements_on_one_day_the_later_listed_wins():
    """Hard cases §7.2: "Two movements on one date: the later in list order wins". An OUT then an IN
    listed on the same day is no release; an IN then an OUT is."""
    assert release_days(_movements(("2024-03-01", "CRD", "OUT"), ("2024-03-01", "SENTENCE", "IN"))) == []
    assert release_days(_movements(("2024-03-01", "SENTENCE", "IN"), ("2024-03-01", "CRD", "OUT"))) == [
        date(2024, 3, 1)
    ]


def test_an_ers_removal_is_judged_by_the_first_later_dated_movement_in_list_order():
    """Hard cases §7.2: "Admission is the first later-dated movement in list order" (not the earliest by
    date). Here the first later-dated movement listed is the failed removal, so the removal is ignored;
    listed the other way round the sentence admission comes first and the removal is a release."""
    failed_first = _movements(
        ("2021-05-01", "ERS", "OUT"),
        ("2021-05-20", "FAILED_ERS_REMOVAL", "IN"),
        ("2021-05-10", "SENTENCE", "IN"),
    )
    sentence_first = _movements(
        ("2021-05-01", "ERS", "OUT"),
        ("2021-05-10", "SENTENCE", "IN"),
        ("2021-05-20", "FAILED_ERS_REMOVAL", "IN"),
    )
    assert release_days(failed_first) == []
    assert release_days(sentence_first) == [date(2021, 5, 1)]


def _three_years_before_sds40(*moves, adjustments=None):
    return booking(sentence("2023-06-01", years=3), adjustments=adjustments, externalMovements=_moved(*moves))


def test_out_on_hdc_before_an_sds40_tranche_keeps_him_at_one_half():
    """Hard cases §7.3: the latest movement strictly before the tranche date being an HDC, ERS or ECSL OUT,
    the SDS40 tranche cannot apply.

    3 years from 1 Jun 2023 = 1,096 days (29 Feb 2024 inside). At one half N = 548, CRD = 1 Jun 2023 + 547
    = 29 Nov 2024. At 40% N = ceil(438.4) = 439, 1 Jun 2023 + 438 = 12 Aug 2024, before tranche 1
    (10 Sep 2024, under 5 years), so in custody the CRD defaults to 10 Sep 2024. Out on HDC on 1 Aug 2024
    the tranche cannot apply: CRD 29 Nov 2024."""
    assert dates(_three_years_before_sds40(), "calculation-params")["CRD"] == "2024-09-10"
    out = _three_years_before_sds40(("2024-08-01", "HDC", "OUT"))
    assert dates(out, "calculation-params")["CRD"] == "2024-11-29"


def test_a_movement_on_the_tranche_date_itself_does_not_count():
    """Hard cases §7.3: "the latest movement strictly before T". An HDC OUT on 10 Sep 2024, tranche 1's
    own date, is not before it, so the tranche applies: CRD 10 Sep 2024 (arithmetic as above)."""
    on_the_day = _three_years_before_sds40(("2024-09-10", "HDC", "OUT"))
    assert dates(on_the_day, "calculation-params")["CRD"] == "2024-09-10"


def test_out_by_another_release_the_tranche_applies_only_if_at_large_across_it():
    """Hard cases §7.3: latest movement before T an OUT for another reason (here CRD): the tranche applies
    only if a UAL period already on the timeline has from < T <= to. T = 10 Sep 2024."""
    from resettle.rules.sentencing.movements import in_custody_at_tranche
    from resettle.rules.sentencing.parse import parse_booking

    def at_large(from_date, to_date, applies_from=None):
        ual = {
            "appliesToSentencesFrom": applies_from or from_date,
            "numberOfDays": 1,
            "fromDate": from_date,
            "toDate": to_date,
        }
        raw = _three_years_before_sds40(
            ("2024-08-01", "CRD", "OUT"), adjustments={"UNLAWFULLY_AT_LARGE": [ual]}
        )
        return in_custody_at_tranche(parse_booking(raw), date(2024, 9, 10))

    assert not in_custody_at_tranche(
        parse_booking(_three_years_before_sds40(("2024-08-01", "CRD", "OUT"))), date(2024, 9, 10)
    )
    assert at_large("2024-09-09", "2024-09-10")  # from < T <= to
    assert not at_large("2024-09-10", "2024-09-20")  # from = T: not strictly before
    assert not at_large("2024-09-01", "2024-09-09")  # ended before T
    assert not at_large("2024-09-01", "2024-09-20", applies_from="2024-09-10")  # handled after allocation
    hdc = parse_booking(
        _three_years_before_sds40(
            ("2024-08-01", "HDC", "OUT"),
            adjustments={
                "UNLAWFULLY_AT_LARGE": [{"numberOfDays": 1, "fromDate": "2024-09-01", "toDate": "2024-09-20"}]
            },
        )
    )
    assert not in_custody_at_tranche(hdc, date(2024, 9, 10))  # HDC, ERS, ECSL: never


def test_progression_model_allocation_ignores_an_hdc_release():
    """Hard cases §7.4: "PM allocation itself never looks at movements"; HDC and CRD releases do not block
    it either.

    1 year from 1 Jun 2026 = 365 days (tranche 1: at most 574 days, 1 Oct 2026). At 40% N = 146,
    CRD = 1 Jun 2026 + 145 = 24 Oct 2026. At one third N = ceil(121.67) = 122, 1 Jun 2026 + 121 =
    30 Sep 2026, before the tranche, so it defaults to 1 Oct 2026, whether or not he left on HDC on
    1 Aug 2026."""
    raw = booking(sentence("2026-06-01", years=1))
    out = booking(sentence("2026-06-01", years=1), externalMovements=_moved(("2026-08-01", "HDC", "OUT")))
    assert dates(raw, "sds-progression-model-october")["CRD"] == "2026-10-01"
    assert dates(out, "sds-progression-model-october")["CRD"] == "2026-10-01"


def test_a_sentence_passed_on_the_saturday_of_a_weekend_release_starts_a_new_group():
    """Hard cases §1.2: the release point is previousWorkingDay(latest CRD); a sentence passed after it
    (the Saturday, when the CRD is that Saturday) starts a new group and shares no remand.

    A: 2 years from 10 Jan 2020, N = 366, CRD 9 Jan 2021, less 7 days' remand = Sat 2 Jan 2021; the release
    point is Fri 1 Jan 2021 (no bank holidays in these tests). B: 6 months = 181 days, N = ceil(90.5) = 91.
    Passed Sat 2 Jan 2021: new group, CRD = 2 Jan 2021 + 90 = 2 Apr 2021. Passed Fri 1 Jan 2021: joins,
    inherits the 7 days, CRD = 1 Jan 2021 + 90 - 7 = 25 Mar 2021."""
    a = sentence("2020-01-10", years=2)
    saturday = booking(a, sentence("2021-01-02", months=6), adjustments=remand(7, "2020-01-10"))
    friday = booking(a, sentence("2021-01-01", months=6), adjustments=remand(7, "2020-01-10"))
    assert dates(saturday)["CRD"] == "2021-04-02"
    assert dates(friday)["CRD"] == "2021-03-25"


def test_remand_recorded_on_the_new_sentence_day_is_added_after_it_joins():
    """Hard cases §1.1 and §1.3: on a sentence's day the release check runs first, then the sentence joins
    (order 50), and only then is the remand recorded against that day added to every member.

    A: 3 years from 1 Jun 2023 = 1,096 days, N = 548, CRD = 29 Nov 2024; with 5 days' remand (recorded on
    1 Jun 2023) Sun 24 Nov 2024, release point Fri 22 Nov 2024. B: 2 years passed 20 Nov 2024, before it,
    so B joins; then 30 days recorded on 20 Nov 2024 go to both. B = 730 days, N = 365, CRD =
    20 Nov 2024 + 364 = 19 Nov 2025, less 5 + 30 = 15 Oct 2025. (A's CRD with all 35 days, 25 Oct 2024, is
    before B was passed; judged with it, B would start a new group and keep only its 30: 20 Oct 2025.)"""
    raw = booking(
        sentence("2023-06-01", years=3),
        sentence("2024-11-20", years=2),
        adjustments={
            "REMAND": [
                {"appliesToSentencesFrom": "2023-06-01", "numberOfDays": 5},
                {"appliesToSentencesFrom": "2024-11-20", "numberOfDays": 30},
            ]
        },
    )
    assert dates(raw)["CRD"] == "2025-10-15"


def test_a_sentence_moved_to_sds40_holds_the_group_to_its_tranche_date():
    """Hard cases §1.2 step 2 (and §9.7): if the latest member's SDS legislation has a tranche date later
    than its CRD, the release point is the tranche date; before the tranche he is held at one half.

    A: 3 years from 1 Jun 2023 = 1,096 days with 20 days' remand: at one half 29 Nov 2024 - 20 = 9 Nov 2024;
    at 40% 12 Aug 2024 - 20 = 23 Jul 2024, before tranche 1 (10 Sep 2024), so held to 10 Sep 2024.
    B: 1 year passed 20 Aug 2024 (before SDS40 commenced) = 365 days; at 40% N = 146, CRD = 20 Aug 2024 +
    145 = 12 Jan 2025, after the tranche. B joins A's group and inherits the 20 days: 23 Dec 2024. (Taking
    A's 40% date, 23 Jul 2024, B would start a new group: 12 Jan 2025.)"""
    raw = booking(
        sentence("2023-06-01", years=3),
        sentence("2024-08-20", years=1),
        adjustments=remand(20, "2023-06-01"),
    )
    assert dates(raw, "calculation-params")["CRD"] == "2024-12-23"


def test_a_grouping_that_does_not_settle_is_refused_not_guessed(monkeypatch):
    """Hard cases §1.2-1.3 decide each group once, in date order. The engine reaches that by passes; if the
    grouping still moves after the last pass it refuses (TIMELINE_UNSETTLED) rather than guess. One pass
    can never confirm a grouping (there is none before it to compare with), so with one pass allowed it
    refuses."""
    raw = booking(sentence("2023-06-01", years=3), sentence("2024-11-20", years=2))
    assert dates(raw)["CRD"] == "2025-11-19"
    monkeypatch.setattr(timeline, "MAX_PASSES", 1)
    with pytest.raises(Refused, match="TIMELINE_UNSETTLED"):
        dates(raw)


RECALL = {"recallType": "STANDARD_RECALL", "returnToCustodyDate": "2022-06-01"}


def test_a_chain_is_a_recall_as_its_first_part_is():
    """Hard cases §1.4: a chain's recall status is its first part's; a recall gets only recall remand, so
    remand recorded against the chain is dropped.

    Chain of 2 years (recalled) + 1 year, from 10 Jan 2020: 3 years = 1,096 days, SLED = 10 Jan 2020 +
    1,095 = 9 Jan 2023; a standard recall is released at the SLED. 30 days' remand: dropped, PRRD
    9 Jan 2023. 30 days' recall remand: SLED and PRRD 10 Dec 2022."""
    first = sentence("2020-01-10", years=2, identifier="a", recall=RECALL)
    second = sentence("2020-01-10", years=1, identifier="b", consecutiveSentenceUUIDs=["a"])
    plain = dates(booking(first, second, adjustments=remand(30, "2020-01-10")))
    recall_remand = dates(booking(first, second, adjustments=remand(30, "2020-01-10", kind="RECALL_REMAND")))
    assert plain["PRRD"] == "2023-01-09"
    assert (recall_remand["PRRD"], recall_remand["SLED"]) == ("2022-12-10", "2022-12-10")


def test_a_recall_consecutive_to_a_sentence_not_recalled_is_refused():
    """Hard cases §1.4: such a chain is not a recall (its first part is not), and the hard cases do not
    say how its recalled part is then released: refused, not guessed (it used to fail with an error)."""
    first = sentence("2020-01-10", years=2, identifier="a")
    second = sentence("2020-01-10", years=1, identifier="b", consecutiveSentenceUUIDs=["a"], recall=RECALL)
    with pytest.raises(Refused, match="UNSUPPORTED_RECALL_CHAIN"):
        dates(booking(first, second))


def test_a_sentence_consecutive_to_one_already_served_stands_alone():
    """Hard cases §1.3 step 3: a part consecutive to a sentence not in the current group (already
    released) becomes a stand-alone sentence from its own date; while he is still in custody on the
    group it joins the chain.

    A: 1 year from 10 Jan 2020 = 366 days, N = 183, CRD = 10 Jan 2020 + 182 = Fri 10 Jul 2020.
    B: 6 months passed 1 Sep 2020, consecutive to A. A released, B stands alone: 181 days, N = 91,
    CRD = 1 Sep 2020 + 90 = 30 Nov 2020, SLED = 28 Feb 2021.
    With C, 16 months from 10 Jan 2020 (486 days, N = 243, CRD = Tue 8 Sep 2020), he is still in custody
    on 1 Sep 2020, so A + B is one chain from 10 Jan 2020: 547 days, N = 274, CRD = 9 Oct 2020, SLED =
    9 Jul 2021."""
    a = sentence("2020-01-10", years=1, identifier="a")
    b = sentence("2020-09-01", months=6, identifier="b", consecutiveSentenceUUIDs=["a"])
    c = sentence("2020-01-10", months=16, identifier="c")
    alone = dates(booking(a, b))
    chained = dates(booking(a, b, c))
    assert (alone["CRD"], alone["SLED"]) == ("2020-11-30", "2021-02-28")
    assert (chained["CRD"], chained["SLED"]) == ("2020-10-09", "2021-07-09")


def test_out_at_the_tranche_sentences_passed_after_sds40_commenced_are_still_under_it():
    """Hard cases §7.3 and §1.3 step 4: out on HDC at the tranche date, no tranche is recorded for the
    sentence he was serving; but SDS40 has commenced, and a sentence passed after it takes its multiplier.

    A: 3 years from 1 Jun 2023, out on HDC 1 Aug 2024: stays at one half, CRD 29 Nov 2024 (see above).
    B: 2 years passed 1 Oct 2024 after he came back = 730 days; at 40% N = 292, CRD = 1 Oct 2024 + 291 =
    19 Jul 2025 (at one half it would be 30 Sep 2025). Booking CRD = B's."""
    raw = booking(
        sentence("2023-06-01", years=3),
        sentence("2024-10-01", years=2),
        externalMovements=_moved(("2024-08-01", "HDC", "OUT"), ("2024-10-01", "SENTENCE", "IN")),
    )
    assert dates(raw, "calculation-params")["CRD"] == "2025-07-19"


def test_remand_recorded_against_a_day_no_sentence_was_passed_applies_to_none():
    """Hard cases §1.3 step 7: remand is added when a sentence passed on its appliesToSentencesFrom
    arrives; no sentence was passed on 1 Mar 2020, so none gets it. A: 2 years from 10 Jan 2020, CRD
    9 Jan 2021 (N = 366) with or without it; recorded against 10 Jan 2020 it counts: 30 Dec 2020."""
    a = sentence("2020-01-10", years=2)
    assert dates(booking(a, adjustments=remand(10, "2020-03-01")))["CRD"] == "2021-01-09"
    assert dates(booking(a, adjustments=remand(10, "2020-01-10")))["CRD"] == "2020-12-30"


def test_a_recalled_sentence_is_grouped_by_its_original_release():
    """Hard cases §1.2 and §2.2: a recall sits on the timeline from its original sentence date and its
    group closes at its original CRD; recall remand is shared only within that group (§1.3 step 6).

    A: standard recall, 2 years from 10 Jan 2020, 10 days' recall remand recorded then: CRD0 = 9 Jan 2021
    - 10 = 30 Dec 2020; SLED = 9 Jan 2022 - 10 = 30 Dec 2021. A standard recall's PRRD is its SLED.
    B, recalled too, passed 1 Jun 2021, after A's group closed: 1 year = 365 days, SLED = 31 May 2022 with
    no remand. B', passed 1 Jun 2020 while A held him: 2 years = 730 days, SLED 31 May 2022 less the
    inherited 10 days = 21 May 2022."""
    a = sentence("2020-01-10", years=2, recall={"recallType": "STANDARD_RECALL"})
    b = sentence("2021-06-01", years=1, recall={"recallType": "STANDARD_RECALL"})
    b_during = sentence("2020-06-01", years=2, recall={"recallType": "STANDARD_RECALL"})
    recall_remand = remand(10, "2020-01-10", kind="RECALL_REMAND")
    later = dates(booking(a, b, adjustments=recall_remand))
    during = dates(booking(a, b_during, adjustments=recall_remand))
    assert (later["SLED"], later["PRRD"]) == ("2022-05-31", "2022-05-31")
    assert (during["SLED"], during["PRRD"]) == ("2022-05-21", "2022-05-21")


STANDARD_RECALL = {"recallType": "STANDARD_RECALL"}


def _at_large(start, end, days):
    return {
        "UNLAWFULLY_AT_LARGE": [
            {"appliesToSentencesFrom": start, "numberOfDays": days, "fromDate": start, "toDate": end}
        ]
    }


def test_time_at_large_after_a_recall_group_closed_is_on_licence():
    """Hard cases §1.2 and §2.3: a group closes at the first date after its release point; a recall then
    in the licence list takes time at large as after release (SLED and TUSED), even before its CRD0.

    4 weeks from Mon 30 Jan 2023 = 28 days, N = 14, CRD0 = 30 Jan 2023 + 13 = Sun 12 Feb 2023; release
    point Fri 10 Feb 2023. 20 days at large from Sat 11 Feb 2023: after release. TUSED = 12 Feb 2023 +
    12 months + 20 days = 12 Feb 2024 + 20 = 3 Mar 2024 (2024 is a leap year; counted as in custody it
    would be 4 Mar 2023 + 12 months = 4 Mar 2024). SLED = 26 Feb 2023 + 20 = 18 Mar 2023."""
    raw = booking(
        sentence("2023-01-30", weeks=4, recall=STANDARD_RECALL),
        adjustments=_at_large("2023-02-11", "2023-03-02", 20),
    )
    result = dates(raw)
    assert (result["TUSED"], result["SLED"]) == ("2024-03-03", "2023-03-18")


def test_time_at_large_after_the_licence_expired_does_not_count():
    """Hard cases §1.2: on each date, licence-list members whose licence expiry is before it move to the
    expired list, and time at large no longer touches them.

    4 weeks from 30 Jan 2023: SLED 26 Feb 2023, CRD0 12 Feb 2023. At large 10-14 Mar 2023: expired, SLED
    stays 26 Feb 2023, TUSED 12 Feb 2024. At large 20-24 Feb 2023 (5 days, on licence): SLED 3 Mar 2023,
    TUSED 12 Feb 2024 + 5 = 17 Feb 2024."""
    recalled = sentence("2023-01-30", weeks=4, recall=STANDARD_RECALL)
    expired = dates(booking(recalled, adjustments=_at_large("2023-03-10", "2023-03-14", 5)))
    on_licence = dates(booking(recalled, adjustments=_at_large("2023-02-20", "2023-02-24", 5)))
    assert (expired["SLED"], expired["TUSED"]) == ("2023-02-26", "2024-02-12")
    assert (on_licence["SLED"], on_licence["TUSED"]) == ("2023-03-03", "2024-02-17")


def test_the_licence_tracked_is_extended_by_time_served_beyond_the_custodial_period():
    """Hard cases §4.4: if the net initial deduction exceeds N, the licence expiry the timeline tracks is
    LED + (deductions - N), so later time at large still finds him on licence.

    1 year from 9 Jan 2023 = 365 days, N = 183; 250 days' recall remand: SLED = 8 Jan 2024 - 250 =
    3 May 2023, tracked to 3 May 2023 + (250 - 183) = 9 Jul 2023. At large 1-10 Jun 2023 (10 days) counts:
    SLED = max(3 May 2023 + 10, day after the last day at large) = 11 Jun 2023 = PRRD (standard recall)."""
    adjustments = {
        **remand(250, "2023-01-09", kind="RECALL_REMAND"),
        **_at_large("2023-06-01", "2023-06-10", 10),
    }
    result = dates(booking(sentence("2023-01-09", years=1, recall=STANDARD_RECALL), adjustments=adjustments))
    assert (result["SLED"], result["PRRD"]) == ("2023-06-11", "2023-06-11")


def test_a_recall_holds_its_group_by_its_original_release_not_its_post_recall_added_days():
    """Hard cases §2.2: CRD0 = s + N - 1 + UAL during - D + ADA during custody; days added after his return
    to custody move only the post-recall release, not where the group closes (§1.2).

    A: standard recall, 2 years from 10 Jan 2020 (730 + 1 = 731 days, N = 366): CRD0 Sat 9 Jan 2021,
    release point Fri 8 Jan 2021; back in custody 1 Jun 2021, 14 days added 1 Jul 2021. C: 1 year from
    10 Jan 2020 with 20 days' remand. B: 1 year passed Tue 12 Jan 2021, after the release point, so a new
    group without C's remand: 365 days, N = 183, CRD = 12 Jan 2021 + 182 = 13 Jul 2021, TUSED = 13 Jul
    2022, SLED = 12 Jan 2021 + 364 = 11 Jan 2022. (Held to 9 Jan + 14 = 23 Jan 2021, B would have joined
    and taken the 20 days: TUSED 23 Jun 2022.)"""
    a = sentence(
        "2020-01-10",
        years=2,
        recall={"recallType": "STANDARD_RECALL", "returnToCustodyDate": "2021-06-01"},
    )
    adjustments = {
        **remand(20, "2020-01-10"),
        "ADDITIONAL_DAYS_AWARDED": [
            {"appliesToSentencesFrom": "2021-07-01", "numberOfDays": 14, "fromDate": "2021-07-01"}
        ],
    }
    result = dates(
        booking(a, sentence("2020-01-10", years=1), sentence("2021-01-12", years=1), adjustments=adjustments)
    )
    assert (result["TUSED"], result["SLED"]) == ("2022-07-13", "2022-01-11")


def test_time_at_large_is_handled_on_its_applies_to_sentences_from_day():
    """Hard cases §1.1: UAL is an event (order 90) on its appliesToSentencesFrom, and §2.3: for a sentence
    not recalled, on licence, UAL dated after its CRD does nothing.

    A: 2 years from 10 Jan 2020, CRD 9 Jan 2021 (N = 366). 10 days at large from 1 Jan 2021 recorded with
    appliesToSentencesFrom 1 Feb 2021: handled on 1 Feb 2021, after the release, so the CRD stays 9 Jan
    2021; recorded from 1 Jan 2021 it is in custody: 19 Jan 2021."""
    a = sentence("2020-01-10", years=2)

    def at_large(applies_from):
        ual = {"appliesToSentencesFrom": applies_from, "numberOfDays": 10, "fromDate": "2021-01-01"}
        return dates(booking(a, adjustments={"UNLAWFULLY_AT_LARGE": [{**ual, "toDate": "2021-01-10"}]}))

    assert at_large("2021-02-01")["CRD"] == "2021-01-09"
    assert at_large("2021-01-01")["CRD"] == "2021-01-19"


# -- CRDS's cases: added days and remand across custodial groups ---------------------------------------


def test_additional_days_awarded_between_sentences_apply_to_the_next_one():
    ada = {
        "ADDITIONAL_DAYS_AWARDED": [
            {"appliesToSentencesFrom": "2020-06-01", "numberOfDays": 10, "fromDate": "2020-06-01"}
        ]
    }
    first = sentence("2020-01-10", months=4)  # released 10 March 2020, before the award
    second = sentence("2020-09-01", months=6)
    without = dates(booking(first, second))
    with_ada = dates(booking(first, second, adjustments=ada))
    assert (date.fromisoformat(with_ada["CRD"]) - date.fromisoformat(without["CRD"])).days == 10


def test_dtos_either_side_of_a_release_keep_their_own_dates():
    raw = booking(
        dto("2023-05-01", 10, offence="2022-05-01"),
        dto("2023-09-04", 22, offence="2024-03-04"),
        externalMovements=[
            {"movementDate": "2023-08-07", "movementReason": "DTO", "direction": "OUT"},
            {"movementDate": "2023-09-04", "movementReason": "SENTENCE", "direction": "IN"},
        ],
    )
    result = dates(raw, profile="calculation-params")
    assert (result["MTD"], result["SED"]) == ("2024-08-03", "2025-07-03")


def test_added_days_served_before_a_new_sentence_are_not_served_again():
    raw = booking(
        sentence("2017-02-17", offence="2016-10-06", months=56),
        sentence("2019-05-23", offence="2019-02-08", months=52),
        adjustments={
            **remand(85, "2017-02-17", fromDate="2016-11-23", toDate="2017-02-16"),
            "ADDITIONAL_DAYS_AWARDED": [{"appliesToSentencesFrom": "2017-02-17", "numberOfDays": 131}],
        },
    )
    result = dates(raw)
    assert (result["CRD"], result["HDCED"]) == ("2021-07-10", "2021-01-12")


def test_remand_recorded_against_a_day_he_was_serving_no_sentence_applies_to_none():
    section_250 = {"isSection250": True}  # outside the progression model
    raw = booking(
        sentence("2026-07-30", years=2, releaseArrangements=section_250),
        sentence("2026-09-05", years=2, releaseArrangements=section_250),
        adjustments=remand(73, "2025-10-20", fromDate="2025-08-08", toDate="2025-10-19"),
    )
    result = dates(raw, profile=PM, toggles=PM_TOGGLES)
    assert (result["CRD"], result["SLED"]) == ("2027-06-24", "2028-09-04")


def test_additional_days_awarded_after_release_are_refused():
    ada = {
        "ADDITIONAL_DAYS_AWARDED": [
            {"appliesToSentencesFrom": "2024-10-03", "numberOfDays": 28, "fromDate": "2024-10-03"}
        ]
    }
    raw = booking(sentence("2023-01-10", months=6), adjustments=ada)
    with pytest.raises(Refused, match="ADJUSTMENT_AFTER_RELEASE_ADA"):
        dates(raw)
