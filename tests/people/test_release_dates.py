"""The one service that calculates and stores a booking's release dates (people/release_dates.py)."""

from datetime import date

import pytest
from django.core.management import call_command

from resettle.people import release_dates
from resettle.people.models import Adjustment, CalculatedReleaseDates, Sentence
from resettle.people.release_dates import live_rules, recalculate, recalculate_bookings
from resettle.people.vocabulary import AdjustmentType, LegalStatus
from resettle.plans.services import facts_changed
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)


def man_with_sentence(**sentence):
    man = factories.person()
    factories.sentence(man, **sentence)
    return man


def test_a_calculation_is_stored_with_its_breakdown_and_the_rules_used():
    man = man_with_sentence(sentence_date=date(2015, 3, 2), years=3)
    calculation = recalculate(man.active_booking)
    assert calculation.outcome == CalculatedReleaseDates.Outcome.CALCULATED
    assert {"CRD", "SLED", "ESED"} <= set(calculation.dates)
    assert all(calculation.breakdown[kind] for kind in calculation.dates), "every date explains itself"
    assert calculation.effective_sentence_length == "P3Y"
    assert calculation.rules == live_rules().label


def test_a_standard_sentence_before_sds40_is_released_at_one_half_less_remand():
    # 3 years from 2 March 2015 is 1,096 days (29 February 2016 among them); half is day 548,
    # 30 August 2016; less 10 days of remand, 20 August 2016 (PSI 03/2015 5.5).
    man = man_with_sentence(sentence_date=date(2015, 3, 2), years=3)
    Adjustment.objects.create(
        booking=man.active_booking,
        adjustment_type=AdjustmentType.REMAND,
        days=10,
        from_date=date(2015, 2, 1),
        to_date=date(2015, 2, 10),
    )
    calculation = recalculate(man.active_booking)
    assert calculation.dates["CRD"] == "2016-08-20"
    assert any("10 days" in reason for reason in calculation.breakdown["CRD"])


def test_an_indeterminate_sentence_is_refused_with_a_reason_not_guessed():
    man = man_with_sentence(calc_type="LIFE", years=0)
    calculation = recalculate(man.active_booking)
    assert calculation.outcome == CalculatedReleaseDates.Outcome.REFUSED
    assert calculation.refusal_code == "INDETERMINATE_SENTENCE"
    assert calculation.dates == {} and "tariff" in calculation.refusal_reason


def test_remand_with_no_sentence_has_nothing_to_calculate():
    man = factories.person(legal_status=LegalStatus.REMAND)
    assert recalculate(man.active_booking).outcome == CalculatedReleaseDates.Outcome.NO_SENTENCE


def test_recalculating_unchanged_input_writes_nothing_new():
    man = man_with_sentence()
    first = recalculate(man.active_booking)
    second = recalculate(man.active_booking)
    assert second.calculated_at == first.calculated_at
    counts = recalculate_bookings(today=TODAY)
    assert counts == {"bookings": 1, "changed": 0}


def test_the_engine_runs_again_only_for_input_that_changed(monkeypatch):
    """The fingerprint covers the input, the rules and the engine's code, so an unchanged one needs no
    second calculation: a nightly refresh calculates only the men whose records moved."""
    unchanged, changed = man_with_sentence(years=2), man_with_sentence(years=3)
    recalculate_bookings(today=TODAY)
    Sentence.objects.filter(booking=changed.active_booking).update(years=4)
    calculated = []
    run = release_dates.run_engine
    monkeypatch.setattr(
        release_dates, "run_engine", lambda booking, rules: calculated.append(1) or run(booking, rules)
    )

    counts = recalculate_bookings(today=TODAY)
    recalculate_bookings(today=TODAY, force=True)

    assert counts == {"bookings": 2, "changed": 1}
    assert len(calculated) == 1 + 2, "once for the changed sentence, then every booking when forced"
    assert CalculatedReleaseDates.objects.get(booking=unchanged.active_booking).outcome == "CALCULATED"


def test_the_earliest_release_date_plans_to_the_earlier_of_recorded_and_calculated():
    man = factories.person(recorded={"conditional_release_date": date(2030, 1, 1)})
    factories.sentence(man, sentence_date=date(2015, 3, 2), years=3)
    recalculate_bookings(today=TODAY)
    man.refresh_from_db()
    assert (man.earliest_release_date, man.earliest_release_type) == (date(2016, 8, 30), "CRD")


def test_a_change_to_a_sentence_recalculates_once_committed(django_capture_on_commit_callbacks):
    man = man_with_sentence(sentence_date=date(2015, 3, 2), years=3)
    recalculate(man.active_booking)
    with django_capture_on_commit_callbacks(execute=True):
        sentence = Sentence.objects.get(booking=man.active_booking)
        sentence.years = 4
        sentence.save()
        facts_changed([man.pk])
        assert CalculatedReleaseDates.objects.get(booking=man.active_booking).dates["SLED"] != "2019-03-01"
    calculation = CalculatedReleaseDates.objects.get(booking=man.active_booking)
    assert calculation.dates["SLED"] == "2019-03-01"


def test_an_added_adjustment_recalculates_once_committed(django_capture_on_commit_callbacks):
    man = man_with_sentence(sentence_date=date(2015, 3, 2), years=3)
    recalculate(man.active_booking)
    with django_capture_on_commit_callbacks(execute=True):
        Adjustment.objects.create(
            booking=man.active_booking,
            adjustment_type=AdjustmentType.UNLAWFULLY_AT_LARGE,
            days=5,
            from_date=date(2015, 6, 1),
            to_date=date(2015, 6, 5),
        )
        facts_changed([man.pk])
    assert CalculatedReleaseDates.objects.get(booking=man.active_booking).dates["CRD"] == "2016-09-04"


def test_refresh_command_recalculates_everyone_and_is_idempotent(capsys):
    for _ in range(3):
        man_with_sentence()
    call_command("refresh", workers=1, verbosity=0)
    assert CalculatedReleaseDates.objects.count() == 3
    call_command("refresh", workers=1, verbosity=0)
    assert "0 calculations changed" in capsys.readouterr().out


def test_refresh_in_two_processes_gives_the_same_answers_as_one():
    for n in range(250):
        man_with_sentence(years=1 + n % 9, sentence_date=date(2016 + n % 8, 1 + n % 12, 1 + n % 28))
    recalculate_bookings(workers=1, today=TODAY)
    single = dict(CalculatedReleaseDates.objects.values_list("booking_id", "dates"))
    CalculatedReleaseDates.objects.all().delete()
    recalculate_bookings(workers=2, today=TODAY)
    assert dict(CalculatedReleaseDates.objects.values_list("booking_id", "dates")) == single


def test_refresh_force_writes_every_calculation_again(capsys):
    for _ in range(2):
        man_with_sentence()
    call_command("refresh", workers=1, verbosity=0)
    capsys.readouterr()
    call_command("refresh", workers=1, verbosity=0, force=True)
    assert "2 calculations changed" in capsys.readouterr().out


def test_a_change_to_the_engine_or_the_profile_numbers_changes_the_fingerprint(monkeypatch):
    """Issue 13 §5: a stored date follows the rules it was made by, so a fix to the engine's code or to a
    profile's numbers makes the next refresh calculate it again."""
    from resettle.people import release_dates

    man = man_with_sentence()
    first = recalculate(man.active_booking)
    monkeypatch.setattr(release_dates, "engine_digest", lambda: "another engine")
    assert recalculate_bookings(today=TODAY)["changed"] == 1
    monkeypatch.setattr(release_dates, "profile_digest", lambda name: "other numbers")
    assert recalculate_bookings(today=TODAY)["changed"] == 1
    assert CalculatedReleaseDates.objects.get().input_fingerprint != first.input_fingerprint


def test_an_unknown_toggle_or_profile_in_the_settings_fails_the_checks(settings):
    """Issue 13 §6: one misspelt toggle would switch every production toggle off; it stops start-up."""
    from resettle.people.apps import calculation_settings

    assert calculation_settings() == []
    settings.RESETTLE_CALCULATION_TOGGLES = ["applyPostRecallRepealRule"]
    settings.RESETTLE_CALCULATION_PROFILE = "sds-99"
    messages = [message.msg for message in calculation_settings()]
    assert messages == [
        "RESETTLE_CALCULATION_TOGGLES: unknown toggle applyPostRecallRepealRule",
        "RESETTLE_CALCULATION_PROFILE: no rule profile 'sds-99'",
    ]
