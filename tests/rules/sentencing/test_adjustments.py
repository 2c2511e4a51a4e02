from .builders import booking, dates, remand, sentence


def test_remand_comes_off_release_and_expiry():
    plain = dates(booking(sentence("2020-01-10", years=2)))
    less = dates(booking(sentence("2020-01-10", years=2), adjustments=remand(10, "2020-01-10")))
    assert (plain["CRD"], less["CRD"]) == ("2021-01-09", "2020-12-30")
    assert less["SLED"] == "2021-12-30"


def test_additional_days_move_release_but_never_the_licence_expiry():
    ada = {
        "ADDITIONAL_DAYS_AWARDED": [
            {"appliesToSentencesFrom": "2020-01-10", "numberOfDays": 14, "fromDate": "2020-06-01"}
        ]
    }
    plain = dates(booking(sentence("2020-01-10", years=2)))
    added = dates(booking(sentence("2020-01-10", years=2), adjustments=ada))
    assert added["CRD"] == "2021-01-23"
    assert added["SLED"] == plain["SLED"]


def test_unlawfully_at_large_days_are_added_to_release_and_expiry():
    ual = {
        "UNLAWFULLY_AT_LARGE": [
            {"appliesToSentencesFrom": "2020-01-10", "numberOfDays": 5, "fromDate": "2020-03-01"}
        ]
    }
    result = dates(booking(sentence("2020-01-10", years=2), adjustments=ual))
    assert (result["CRD"], result["SLED"]) == ("2021-01-14", "2022-01-14")


def test_botus_gets_no_remand_or_tagged_bail():
    raw = booking(sentence("2016-12-20", type="BotusSentence", days=12), adjustments=remand(16, "2016-12-20"))
    assert dates(raw) == {"ARD": "2016-12-31", "SED": "2016-12-31"}


def test_remand_joins_a_sentence_passed_while_in_custody_on_the_first():
    # The fine default is passed during the EDS; the remand recorded against the EDS counts for it too.
    eds = sentence(
        "2018-10-15",
        type="ExtendedDeterminateSentence",
        custodialDuration={"durationElements": {"YEARS": 6}},
        extensionDuration={"durationElements": {"YEARS": 2}},
    )
    fine = sentence("2022-09-02", type="AFineSentence", months=6, fineAmount=3000)
    result = dates(booking(eds, fine, adjustments=remand(30, "2018-10-15")))
    assert result["PED"] == "2022-11-01"
