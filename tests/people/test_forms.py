"""Fields the service's forms share."""

import pytest
from django.core.exceptions import ValidationError

from resettle.people.forms import PrisonNumberField


def test_a_prison_number_is_taken_in_any_case_with_spaces_round_it():
    assert PrisonNumberField().clean("  a1234bc ") == "A1234BC"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        # Issue 18 §7: Django said "Ensure this value has at most 7 characters (it has 8)".
        ("A1234BCD", "Prison number must be 7 characters, like A1234BC"),
        ("nobody", "Enter a prison number like A1234BC"),
    ],
)
def test_a_prison_number_not_like_one_says_what_one_is_like(typed, message):
    with pytest.raises(ValidationError) as refused:
        PrisonNumberField().clean(typed)

    assert refused.value.messages == [message]


def test_no_prison_number_is_no_filter():
    assert PrisonNumberField().clean("") == ""
