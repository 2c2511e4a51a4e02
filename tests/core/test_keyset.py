"""resettle.core.keyset: pages of a long list by the key where the last one ended (issue 14 §1), walked
both ways, with the audit trail as the list."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from resettle.accounts.roles import Role
from resettle.audit.models import Action, AuditEntry
from resettle.core.keyset import newest_first
from tests.security.users import role_user, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail() -> list[int]:
    """Seven entries; their keys newest first."""
    for n in range(7):
        AuditEntry.objects.create(action=Action.EXPORT, detail=f"export {n}", digest="x")
    return list(AuditEntry.objects.order_by("-pk").values_list("pk", flat=True))


def keys(page) -> list[int]:
    return [entry.pk for entry in page.object_list]


def test_walking_older_then_newer_visits_every_entry_once_in_order(trail):
    rows = AuditEntry.objects.all()
    first = newest_first(rows, before=None, after=None, size=3)
    second = newest_first(rows, before=str(first.older), after=None, size=3)
    last = newest_first(rows, before=str(second.older), after=None, size=3)

    assert keys(first) + keys(second) + keys(last) == trail
    assert (first.newer, last.older) == (None, None)
    assert newest_first(rows, before=None, after=str(last.newer), size=3).object_list == second.object_list
    assert keys(newest_first(rows, before=None, after=str(second.newer), size=3)) == keys(first)


def test_a_page_reads_its_rows_and_one_more_whatever_the_length(trail, django_assert_num_queries):
    with django_assert_num_queries(2):  # the page and one row past it; whether newer rows exist
        newest_first(AuditEntry.objects.all(), before=str(trail[2]), after=None, size=3)


@pytest.mark.parametrize("nonsense", ["abc", "-1", "1e9", ""])
def test_a_key_that_is_not_one_gives_the_first_page(trail, nonsense):
    page = newest_first(AuditEntry.objects.all(), before=nonsense, after=None, size=3)
    assert keys(page) == trail[:3]


def test_the_audit_trail_links_older_and_newer_entries_keeping_its_filters(trail, monkeypatch):
    monkeypatch.setattr("resettle.audit.views.PAGE_SIZE", 3)
    client = sign_in(Client(), role_user(Role.ADMINISTRATOR))
    since = {"since_day": "1", "since_month": "1", "since_year": "2000"}

    first = client.get(reverse("audit-trail"), since)
    older_link = re.search(r'href="\?([^"]*)" rel="next"', first.content.decode()).group(1)
    older = client.get(reverse("audit-trail") + "?" + html.unescape(older_link))

    assert "Older entries" in first.content.decode() and "Newer entries" not in first.content.decode()
    assert "since_year=2000" in html.unescape(older_link)
    assert "Newer entries" in older.content.decode()
    assert keys(older.context["page"])[0] < keys(first.context["page"])[-1]
