from .builders import booking, dates, remand, run, sentence


def test_sds_released_at_one_half_psi_example_10():
    raw = booking(
        sentence("2012-12-15", offence="2012-12-14", years=3),
        adjustments={**remand(35, "2012-12-15"), **remand(10, "2012-12-15", kind="TAGGED_BAIL")},
    )
    assert dates(raw) == {
        "CRD": "2014-05-01",
        "SLED": "2015-10-30",
        "HDCED": "2013-11-03",
        "ESED": "2015-12-14",
    }


def test_sds_breakdown_explains_each_step_in_plain_english():
    raw = booking(sentence("2012-12-15", offence="2012-12-14", years=3), adjustments=remand(35, "2012-12-15"))
    because = run(raw).breakdown["CRD"].because
    assert because[0] == "Standard determinate sentence of 3 years, sentenced 15 December 2012: 1,095 days"
    assert because[1] == "Released at one half: day 548, 15 June 2014"
    assert because[2] == "Less 35 days on remand: 11 May 2014"


def test_pre_ora_sentence_under_12_months_has_automatic_release_and_no_licence():
    result = dates(booking(sentence("2014-06-01", months=6)))
    assert "ARD" in result and "SED" in result and "CRD" not in result and "SLED" not in result


def test_sds_plus_released_at_two_thirds():
    plus = {"isSDSPlus": True, "isSDSPlusEligibleSentenceTypeLengthAndOffence": True}
    result = dates(booking(sentence("2023-01-10", years=9, releaseArrangements=plus)))
    # 9 years from 10 January 2023 is 3,287 days; two thirds rounds up to 2,192.
    assert result["CRD"] == "2029-01-09"
    assert "HDCED" not in result


def test_effective_sentence_length_is_an_iso_period():
    assert run(booking(sentence("2015-02-23", months=10))).effective_sentence_length.iso() == "P10M"
