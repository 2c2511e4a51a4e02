from resettle.rules.sentencing.multipliers import FORTY_PERCENT, ONE_HALF, TWO_THIRDS


def test_release_fractions_round_up():
    assert ONE_HALF.of(1095) == 548
    assert FORTY_PERCENT.of(365) == 146


def test_two_thirds_is_crds_twenty_digit_decimal_rounded_up():
    assert TWO_THIRDS.of(3) == 2
    assert TWO_THIRDS.of(4) == 3
