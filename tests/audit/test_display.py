"""How an audit entry's details read on the audit trail page (issue 18 §6)."""

import pytest
from django.test import Client
from django.urls import reverse

from resettle.accounts.roles import Role
from resettle.audit import display, recorder
from resettle.audit.models import Action
from tests.security.users import sign_in


def test_a_string_value_is_one_value_not_its_letters():
    assert display.asked_for({"prison": "DAI"}) == [display.Detail("prison", "DAI")]


def test_a_query_strings_list_reads_as_its_values_without_the_empty_ones():
    asked = display.asked_for({"rosh": ["HIGH", "", "VERY_HIGH"], "page": 2})

    assert asked == [display.Detail("rosh", "HIGH, VERY_HIGH"), display.Detail("page", "2")]


@pytest.mark.parametrize("nothing", [None, "", [], [""]])
def test_a_parameter_with_no_value_is_left_out(nothing):
    assert display.asked_for({"my_caseload": nothing, "prison": "DAI"}) == [display.Detail("prison", "DAI")]


def test_a_long_value_is_shortened_for_the_table_and_kept_whole():
    search = "x" * 10_000

    (detail,) = display.asked_for({"q": search})

    assert detail.is_shortened and detail.value == search
    assert detail.shortened == "x" * display.SHOWN_CHARACTERS + "…"


def test_a_value_that_fits_is_shown_as_it_is():
    detail = display.long_text("/prisons/DAI/caseload/")

    assert not detail.is_shortened and detail.shortened == "/prisons/DAI/caseload/"


@pytest.mark.django_db
def test_the_audit_trail_shows_each_asked_for_detail_as_name_and_value(estate):
    search = "y" * 10_000
    recorder.record(Action.LIST, query={"prison": "DAI", "my_caseload": None, "q": [search]})

    html = sign_in(Client(), estate.users[Role.ADMINISTRATOR]).get(reverse("audit-trail")).content.decode()

    assert "<li>prison: DAI</li>" in html and "D, A, I" not in html
    assert "my_caseload" not in html
    assert f"q: {'y' * display.SHOWN_CHARACTERS}…" in html
    assert "Show all 10,000 characters" in html and search in html
