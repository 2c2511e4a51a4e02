"""Concurrent and consecutive sentences (aggregation.py; CRDS SentenceCombinationService): hand-worked cases
first, then CRDS's own.

Profile sds-50 unless said otherwise. Day counts are inclusive: a term of n days from s expires on
s + n − 1 and is released at one half on s + ceil(n / 2) − 1.
"""

from .builders import DTO, booking, dates, dto, extended, run, sentence


def test_a_consecutive_chain_is_served_as_one_term_from_its_first_sentence_date():
    """A: 2 years from 10 Jan 2020 runs to 9 Jan 2022 (731 days: 2020 is a leap year); B: 1 year consecutive
    runs on to 9 Jan 2023 (365 days). One term of 1,096 days: SLED 9 Jan 2023; released at one half on day
    ceil(1,096 / 2) = 548, 10 Jan 2020 + 547 days = 10 July 2021."""
    chain = booking(
        sentence("2020-01-10", years=2, identifier="a"),
        sentence("2020-01-10", years=1, consecutiveSentenceUUIDs=["a"]),
    )
    result = dates(chain)
    assert (result["CRD"], result["SLED"]) == ("2021-07-10", "2023-01-09")


def test_concurrent_sentences_of_one_day_release_at_the_longer():
    """A: 2 years from 10 Jan 2020, 731 days, CRD on day 366, 9 Jan 2021, SLED 9 Jan 2022. B: 1 year
    concurrent, CRD 9 Jul 2020. The booking's dates are A's: the later release and the later expiry."""
    result = dates(booking(sentence("2020-01-10", years=2), sentence("2020-01-10", years=1)))
    assert (result["CRD"], result["SLED"]) == ("2021-01-09", "2022-01-09")


def test_concurrent_sentences_of_different_days_each_run_from_their_own_date():
    """A: 2 years from 10 Jan 2020, CRD 9 Jan 2021. B: 2 years from 1 Jun 2020 runs to 31 May 2022, 730 days
    (no 29 February between), CRD on day 365, 1 Jun 2020 + 364 = 31 May 2021. Standard sentences are not
    made one term: B's later dates are the booking's."""
    result = dates(booking(sentence("2020-01-10", years=2), sentence("2020-06-01", years=2)))
    assert (result["CRD"], result["SLED"]) == ("2021-05-31", "2022-05-31")


def test_chain_counts_parts_without_parole_first_then_the_parole_parts():
    sopc = extended("SopcSentence", "2021-11-03", {"YEARS": 5}, {"MONTHS": 12}, identifier="s")
    sds_plus = sentence(
        "2021-11-03",
        offence="2021-01-05",
        years=9,
        consecutiveSentenceUUIDs=["s"],
        releaseArrangements={"isSDSPlus": True},
    )
    result = dates(booking(sopc, sds_plus))
    assert (result["CRD"], result["PED"]) == ("2032-11-03", "2030-05-05")


def test_consecutive_parole_parts_with_the_same_fraction_are_counted_together():
    first = extended("SopcSentence", "2021-03-12", {"YEARS": 7}, {"MONTHS": 12}, identifier="s")
    second = extended(
        "SopcSentence", "2021-07-26", {"YEARS": 4}, {"MONTHS": 12}, consecutiveSentenceUUIDs=["s"]
    )
    assert dates(booking(first, second))["PED"] == "2026-09-10"


def test_concurrent_dtos_on_different_dates_are_one_term_capped_at_24_months():
    raw = booking(dto("2021-06-14", 18, offence="2021-04-07"), dto("2022-01-06", 18, offence="2021-04-07"))
    assert dates(raw) == {
        "SED": "2023-06-13",
        "MTD": "2022-06-13",
        "ETD": "2022-04-13",
        "LTD": "2022-08-13",
        "ESED": "2023-06-13",
    }


def test_consecutive_dtos_capped_at_24_months_and_no_top_up_supervision():
    first = sentence("2022-07-13", type=DTO, months=14, identifier="a")
    second = sentence("2022-09-02", type=DTO, months=14, consecutiveSentenceUUIDs=["a"])
    result = run(booking(first, second))
    assert result.effective_sentence_length.iso() == "P2Y"
    assert "TUSED" not in result.dates
