"""Issue 18 §2: a worklist is worked by urgency (who leaves soonest, then the riskiest), not by how old a
step's deadline is."""

from datetime import date

from resettle.rules.readiness.urgency import rosh_rank, urgency

DUE_LONG_AGO = date(1995, 3, 1)
DUE_LAST_WEEK = date(2026, 11, 20)


def row(release, rosh=None, mappa=None, due=DUE_LAST_WEEK):
    return urgency(release=release, rosh_level=rosh, mappa_level=mappa, due_on=due)


def test_the_man_released_soonest_comes_first_however_old_the_other_mans_deadline():
    this_month = row(date(2026, 12, 10), due=DUE_LAST_WEEK)
    years_away = row(date(2031, 6, 1), due=DUE_LONG_AGO)
    assert sorted([years_away, this_month]) == [this_month, years_away]


def test_among_men_released_on_the_same_day_very_high_rosh_then_high_come_first():
    day = date(2027, 1, 4)
    ranked = [row(day, "VERY_HIGH"), row(day, "HIGH"), row(day, "MEDIUM"), row(day, "LOW"), row(day, None)]
    assert sorted(reversed(ranked)) == ranked


def test_at_the_same_risk_the_higher_mappa_level_comes_first_and_no_level_last():
    day = date(2027, 1, 4)
    ranked = [row(day, "HIGH", 3), row(day, "HIGH", 2), row(day, "HIGH", 1), row(day, "HIGH", None)]
    assert sorted(reversed(ranked)) == ranked


def test_a_man_with_no_release_date_known_comes_after_every_man_with_one():
    assert row(None, "VERY_HIGH") > row(date(2040, 1, 1), "LOW")


def test_only_then_the_oldest_deadline_first():
    day = date(2027, 1, 4)
    assert row(day, due=DUE_LONG_AGO) < row(day, due=DUE_LAST_WEEK)


def test_an_unassessed_man_ranks_after_every_rosh_level():
    assert rosh_rank(None) > rosh_rank("LOW") > rosh_rank("HIGH") > rosh_rank("VERY_HIGH")
