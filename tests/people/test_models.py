from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from resettle.people.models import Booking, Person, RiskProfile, Sentence
from resettle.people.vocabulary import CustodyStatus
from resettle.staff.models import Allocation, AllocationRole
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", ["A1234BC", "Z9999ZZ"])
def test_valid_prison_numbers_pass(number):
    Person(
        prison_number=number,
        first_name="A",
        last_name="B",
        date_of_birth=date(1990, 1, 1),
        status=CustodyStatus.RELEASED,
    ).full_clean()


@pytest.mark.parametrize("number", ["a1234bc", "A123BC", "12345AB", "A1234B1", "A1234BCD"])
def test_malformed_prison_numbers_are_refused_naming_the_field(number):
    with pytest.raises(ValidationError) as error:
        Person(
            prison_number=number,
            first_name="A",
            last_name="B",
            date_of_birth=date(1990, 1, 1),
            status=CustodyStatus.RELEASED,
        ).full_clean()
    assert "prison_number" in error.value.message_dict


def test_a_man_in_custody_must_have_a_prison():
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(
            prison_number="A0001AA",
            first_name="A",
            last_name="B",
            date_of_birth=date(1990, 1, 1),
            status=CustodyStatus.IN_CUSTODY,
        )


def test_only_one_active_booking_per_person():
    man = factories.person()
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(person=man, booking_id="999999", received_on=date(2024, 1, 1), is_active=True)


def test_only_one_current_pom_but_history_is_kept():
    man = factories.person()
    first, second = factories.staff(), factories.staff()
    factories.allocate(man, first, ended_on=date(2026, 3, 1))
    factories.allocate(man, second, allocated_on=date(2026, 3, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.allocate(man, first)
    assert Allocation.objects.filter(person=man, role=AllocationRole.PRIMARY_POM).count() == 2


@pytest.mark.parametrize(("tier", "model"), [("B2", "v2"), ("A3S", "v2"), ("C", "v3"), ("G", "v3"), ("", "")])
def test_tier_is_recorded_as_v2_or_v3(tier, model):
    profile = RiskProfile(person=factories.person(), tier=tier)
    profile.full_clean(exclude=["person"])
    assert profile.tier_model == model


@pytest.mark.parametrize("tier", ["E2", "H", "B4", "b2"])
def test_impossible_tiers_are_refused(tier):
    with pytest.raises(ValidationError) as error:
        RiskProfile(person=factories.person(), tier=tier).full_clean(exclude=["person"])
    assert "tier" in error.value.message_dict


def test_unknown_early_release_exclusion_is_refused():
    man = factories.person()
    sentence = factories.sentence(man)
    sentence.early_release_exclusions = ["SEXUAL", "MADE_UP"]
    with pytest.raises(ValidationError) as error:
        sentence.full_clean()
    assert "MADE_UP" in error.value.message_dict["early_release_exclusions"][0]


def test_a_sentence_cannot_follow_one_on_another_booking():
    first, other = factories.person(), factories.person()
    earlier = factories.sentence(other)
    later = Sentence(
        booking=first.active_booking,
        calc_type="ADIMP_ORA",
        sentence_date=date(2024, 1, 1),
        years=1,
        consecutive_to=earlier,
    )
    with pytest.raises(ValidationError) as error:
        later.full_clean()
    assert "consecutive_to" in error.value.message_dict


def test_extended_and_indeterminate_sentences_are_recognised():
    man = factories.person()
    assert factories.sentence(man, calc_type="EDS21", extension_years=4).is_extended
    assert factories.sentence(man, calc_type="LIFE").is_indeterminate
    assert not factories.sentence(man).is_extended
