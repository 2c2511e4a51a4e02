"""Timeline mechanics and external movements, each test worked by hand from the rule it cites
(release-dates-hard-cases.md §1 and §7), not from a CRDS fixture. Profile sds-50 keeps SDS40 out of the
way (its tranches are in 2054), so a standard sentence is released at one half."""

from datetime import date

from resettle.rules.sentencing.model import Booking, ExternalMovement, Offender
from resettle.rules.sentencing.movements import release_days

from .builders import booking, dates, remand, sentence


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
