import json
import re
from datetime import date, timedelta
from html import unescape
from urllib.parse import parse_qs

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resettle.accounts.roles import Role
from resettle.people.forms import PASTED_BOOKING_MAX_KB
from resettle.people.models import Adjustment, CalculatedReleaseDates, Offence, RiskProfile
from resettle.people.release_dates import live_rules, recalculate
from resettle.people.vocabulary import CustodyStatus, LegalStatus, RecallType, RoshLevel, SentenceCalcType
from resettle.plans.models import AccommodationCategory, AccommodationPlan
from resettle.plans.services import facts_changed
from resettle.staff.models import AllocationRole, StaffRole
from tests import factories
from tests.security.users import role_user, sign_in

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def fixed_today(settings):
    settings.RESETTLE_TODAY = TODAY.isoformat()


@pytest.fixture
def prison():
    return factories.prison(name="HMP Dartmoor", code="DAI")


@pytest.fixture
def signed_in(client, prison):
    """A senior probation officer of the prison: he sees every man in it."""
    return sign_in(client, role_user(Role.SPO, prison=prison, first_name="Alex", last_name="Morgan"))


def reads_from(table: str, queries) -> bool:
    """Whether any of the queries reads `table` for its own rows, not in a subquery of the viewer's scope."""
    return any(f'FROM "{table}"' in q["sql"].partition(" WHERE ")[0] for q in queries)


def release_in(days: int) -> dict:
    return {"conditional_release_date": TODAY + timedelta(days=days)}


def shown(response) -> list[str]:
    return [person.prison_number for person in response.context["page"].object_list]


def caseload(client, prison, **params):
    return client.get(reverse("caseload", args=[prison.code]), params)


class TestLayout:
    def test_header_shows_the_user_and_his_prison(self, signed_in, prison):
        html = signed_in.get(reverse("prison-list")).content.decode()

        assert "Alex Morgan" in html
        assert "HMP Dartmoor" in html
        assert 'action="/sign-out"' in html
        assert "govuk-phase-banner" in html and "Beta" in html
        assert 'href="#main-content"' in html

    def test_no_inline_script_or_style(self, signed_in, prison):
        factories.person(at=prison, recorded=release_in(10))
        html = caseload(signed_in, prison).content.decode()

        assert "<script>" not in html and "<script " not in html.replace('<script type="module" src=', "")
        assert "style=" not in html and "<style" not in html


class TestPrisonList:
    def test_lists_prisons_with_their_population_in_custody(self, client, prison):
        factories.person(at=prison)
        factories.person(at=prison, status=CustodyStatus.RECALLED)
        factories.person(at=prison, status=CustodyStatus.RELEASED)
        other = factories.prison(name="HMP Exeter")
        sign_in(client, role_user(Role.NATIONAL_LEAD))

        response = client.get(reverse("prison-list"))

        counts = {p.name: p.in_custody for p in response.context["prisons"]}
        assert counts == {"HMP Dartmoor": 2, "HMP Exeter": 0}
        assert reverse("caseload", args=[other.code]) in response.content.decode()

    def test_prison_staff_see_only_their_own_prison(self, signed_in, prison):
        factories.prison(name="HMP Exeter")

        response = signed_in.get(reverse("prison-list"))

        assert [p.name for p in response.context["prisons"]] == ["HMP Dartmoor"]


class TestCaseload:
    def test_lists_only_this_prisons_people_in_custody(self, signed_in, prison):
        held = factories.person(at=prison)
        recalled = factories.person(at=prison, status=CustodyStatus.RECALLED)
        factories.person(at=prison, status=CustodyStatus.RELEASED)
        factories.person(at=factories.prison())

        response = caseload(signed_in, prison)

        assert sorted(shown(response)) == sorted([held.prison_number, recalled.prison_number])
        assert "Showing <strong>1</strong> to <strong>2</strong> of <strong>2</strong> people" in (
            response.content.decode()
        )

    def test_unknown_prison_is_404(self, signed_in):
        assert signed_in.get(reverse("caseload", args=["ZZZ"])).status_code == 404

    def test_row_shows_release_date_risk_and_managers(self, signed_in, prison):
        man = factories.person(
            at=prison,
            last_name="Taylor",
            first_name="Mark",
            cell_location="A-1-002",
            recorded=release_in(20),
            risk={"rosh_level": RoshLevel.HIGH, "tier": "B2", "mappa_category": 2, "mappa_level": None},
        )
        factories.allocate(man, factories.staff(first_name="Pat", last_name="Jones"))
        factories.allocate(
            man,
            factories.staff(first_name="Old", last_name="Pom"),
            allocated_on=date(2025, 1, 1),
            ended_on=date(2025, 12, 31),
            role=AllocationRole.PRIMARY_POM,
        )
        factories.allocate(
            man, factories.staff(StaffRole.COM, first_name="Sam", last_name="Reed"), role=AllocationRole.COM
        )

        html = caseload(signed_in, prison).content.decode()

        assert f'href="/people/{man.prison_number}/">Taylor, Mark</a>' in html
        assert "A-1-002" in html
        assert "17 Dec 2026" in html and 'title="Conditional release date">CRD</abbr>' in html
        assert "govuk-tag--orange" in html and ">High<" in html
        assert "Category 2" in html and "Level not known" in html
        assert "B2" in html
        assert "Pat Jones" in html and "Sam Reed" in html
        assert "Old Pom" not in html

    def test_mappa_level_zero_is_not_relevant_not_a_level(self, signed_in, prison):
        factories.person(at=prison, risk={"mappa_category": 3, "mappa_level": 0})

        html = caseload(signed_in, prison).content.decode()

        assert "Level not relevant" in html
        assert "Level 0" not in html


class TestCaseloadFilters:
    @pytest.fixture
    def by_release(self, prison):
        return {
            "overdue": factories.person(at=prison, recorded=release_in(-3)),
            "soon": factories.person(at=prison, recorded=release_in(84)),
            "later": factories.person(at=prison, recorded=release_in(100)),
            "24 weeks": factories.person(at=prison, recorded=release_in(168)),
            "far": factories.person(at=prison, recorded=release_in(400)),
            "unknown": factories.person(at=prison),
            # Issue 18 item 4: a parole hearing in 30 days is no release within 12 weeks (rules.release).
            "hearing": factories.person(
                at=prison,
                legal_status=LegalStatus.INDETERMINATE_SENTENCE,
                recorded={"target_hearing_date": TODAY + timedelta(days=30)},
            ),
        }

    @pytest.mark.parametrize(
        ("window", "expected"),
        [
            ("12-weeks", {"overdue", "soon"}),
            ("24-weeks", {"overdue", "soon", "later", "24 weeks"}),
            ("all", {"overdue", "soon", "later", "24 weeks", "far", "unknown", "hearing"}),
        ],
    )
    def test_release_window(self, signed_in, prison, by_release, window, expected):
        response = caseload(signed_in, prison, release=window)

        numbers = {name: man.prison_number for name, man in by_release.items()}
        assert set(shown(response)) == {numbers[name] for name in expected}

    def test_rosh_levels_including_not_recorded(self, signed_in, prison):
        high = factories.person(at=prison, risk={"rosh_level": RoshLevel.HIGH})
        factories.person(at=prison, risk={"rosh_level": RoshLevel.LOW})
        very_high = factories.person(at=prison, risk={"rosh_level": RoshLevel.VERY_HIGH})
        blank = factories.person(at=prison)
        no_profile = factories.person(at=prison)
        RiskProfile.objects.filter(person=no_profile).delete()

        response = caseload(signed_in, prison, rosh=["HIGH", "VERY_HIGH", "NONE"])

        assert set(shown(response)) == {p.prison_number for p in (high, very_high, blank, no_profile)}

    def test_mappa_category_and_level(self, signed_in, prison):
        cat1_level1 = factories.person(at=prison, risk={"mappa_category": 1, "mappa_level": 1})
        cat2_level2 = factories.person(at=prison, risk={"mappa_category": 2, "mappa_level": 2})
        cat2_no_level = factories.person(at=prison, risk={"mappa_category": 2, "mappa_level": None})
        cat3_not_relevant = factories.person(at=prison, risk={"mappa_category": 3, "mappa_level": 0})
        factories.person(at=prison)

        assert set(shown(caseload(signed_in, prison, mappa_category=["2"]))) == {
            cat2_level2.prison_number,
            cat2_no_level.prison_number,
        }
        assert set(shown(caseload(signed_in, prison, mappa_level=["1", "2"]))) == {
            cat1_level1.prison_number,
            cat2_level2.prison_number,
        }
        # Eligible (a category) with no level; level 0 ("not relevant") is recorded, not missing.
        assert shown(caseload(signed_in, prison, mappa_level=["NONE"])) == [cat2_no_level.prison_number]
        assert shown(caseload(signed_in, prison, mappa_category=["2"], mappa_level=["2"])) == [
            cat2_level2.prison_number
        ]
        assert cat3_not_relevant.prison_number not in shown(caseload(signed_in, prison, mappa_level=["1"]))

    def test_search_by_name_or_prison_number(self, signed_in, prison):
        taylor = factories.person(at=prison, first_name="Mark", last_name="Taylor")
        factories.person(at=prison, first_name="Tayo", last_name="Adeyemi")
        factories.person(at=prison, first_name="John", last_name="Smith")

        assert shown(caseload(signed_in, prison, q="taylor")) == [taylor.prison_number]
        assert shown(caseload(signed_in, prison, q="Taylor, Mark")) == [taylor.prison_number]
        assert shown(caseload(signed_in, prison, q=taylor.prison_number.lower())) == [taylor.prison_number]
        assert len(shown(caseload(signed_in, prison, q="tay"))) == 2

    def test_selected_filters_can_each_be_removed(self, signed_in, prison):
        html = caseload(signed_in, prison, release="12-weeks", rosh=["HIGH", "LOW"]).content.decode()

        assert "Selected filters" in html
        assert (
            'href="?release=12-weeks&amp;rosh=LOW"><span class="govuk-visually-hidden">Remove this filter'
            in html
        )
        assert 'href="?rosh=HIGH&amp;rosh=LOW"><span class="govuk-visually-hidden">Remove this filter' in html

    @pytest.mark.parametrize(
        ("params", "message", "anchor"),
        [
            (
                {"release": "soon"},
                "Select a release date filter: within 12 weeks, within 24 weeks or all",
                "release_0",
            ),
            ({"rosh": ["HIGH", "EXTREME"]}, "Select RoSH levels from the list", "rosh_0"),
            ({"mappa_category": ["4"]}, "Select MAPPA categories from the list", "mappa_category_0"),
            ({"mappa_level": ["0"]}, "Select MAPPA levels from the list", "mappa_level_0"),
            (
                {"sort": "age"},
                "Sort by name, prison number, release date, RoSH or MAPPA level",
                "caseload-results",
            ),
            ({"q": "x" * 101}, "Name or prison number must be 100 characters or fewer", "q"),
        ],
    )
    def test_invalid_values_are_explained_not_a_crash(self, signed_in, prison, params, message, anchor):
        man = factories.person(at=prison)

        response = caseload(signed_in, prison, **params)

        assert response.status_code == 200
        html = response.content.decode()
        assert f'<a href="#{anchor}">{message}</a>' in html
        assert "<title>Error: " in html
        assert shown(response) == [man.prison_number]  # the bad value is ignored, the list still shows


class TestCaseloadSorting:
    @pytest.fixture
    def people(self, prison):
        return {
            "adams": factories.person(
                at=prison,
                last_name="Adams",
                recorded=release_in(50),
                risk={"rosh_level": RoshLevel.LOW, "mappa_category": 1, "mappa_level": 1},
            ),
            "brown": factories.person(
                at=prison,
                last_name="Brown",
                recorded=release_in(10),
                risk={"rosh_level": RoshLevel.VERY_HIGH, "mappa_category": 2, "mappa_level": 3},
            ),
            "clark": factories.person(
                at=prison,
                last_name="Clark",
                risk={"rosh_level": RoshLevel.MEDIUM, "mappa_category": 3, "mappa_level": 0},
            ),
            "davis": factories.person(
                at=prison,
                last_name="Davis",
                recorded=release_in(30),
                risk={"rosh_level": RoshLevel.HIGH, "mappa_category": 2, "mappa_level": 2},
            ),
            "evans": factories.person(at=prison, last_name="Evans", recorded=release_in(200)),
        }

    def order(self, response, people):
        names = {man.prison_number: name for name, man in people.items()}
        return [names[number] for number in shown(response)]

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({}, ["brown", "davis", "adams", "evans", "clark"]),  # release date, unknown last
            ({"sort": "release_date", "order": "desc"}, ["evans", "adams", "davis", "brown", "clark"]),
            ({"sort": "name"}, ["adams", "brown", "clark", "davis", "evans"]),
            ({"sort": "name", "order": "desc"}, ["evans", "davis", "clark", "brown", "adams"]),
            ({"sort": "rosh", "order": "desc"}, ["brown", "davis", "clark", "adams", "evans"]),
            ({"sort": "rosh", "order": "asc"}, ["adams", "clark", "davis", "brown", "evans"]),
            ({"sort": "mappa_level", "order": "desc"}, ["brown", "davis", "adams", "clark", "evans"]),
        ],
    )
    def test_sort(self, signed_in, prison, people, params, expected):
        assert self.order(caseload(signed_in, prison, **params), people) == expected

    def test_sort_by_prison_number(self, signed_in, prison, people):
        numbers = shown(caseload(signed_in, prison, sort="prison_number"))

        assert numbers == sorted(numbers)
        assert shown(caseload(signed_in, prison, sort="prison_number", order="desc")) == numbers[::-1]

    def test_headers_say_how_the_list_is_sorted_and_keep_the_filters(self, signed_in, prison, people):
        html = caseload(signed_in, prison, sort="rosh", order="desc", rosh="HIGH", page="3").content.decode()

        head = html.split("<thead")[1].split("</thead>")[0]
        headers = re.findall(r'aria-sort="(\w+)">\s*<a [^>]*href="\?([^"]*)">([^<]+)<span', head)
        links = {label: parse_qs(unescape(query)) for _, query, label in headers}
        assert {label: sort for sort, _, label in headers} == {
            "Name": "none",
            "Prison number": "none",
            "Release date": "none",
            "RoSH": "descending",
            "MAPPA": "none",
        }
        # The current column flips its order; the others start afresh, high-risk first for RoSH and MAPPA.
        assert links["RoSH"] == {"sort": ["rosh"], "order": ["asc"], "rosh": ["HIGH"]}
        assert links["Name"] == {"sort": ["name"], "order": ["asc"], "rosh": ["HIGH"]}
        assert links["MAPPA"] == {"sort": ["mappa_level"], "order": ["desc"], "rosh": ["HIGH"]}

    def test_filter_form_keeps_the_sort(self, signed_in, prison, people):
        html = caseload(signed_in, prison, sort="name", order="desc").content.decode()

        assert '<input type="hidden" name="sort" value="name">' in html
        assert '<input type="hidden" name="order" value="desc">' in html


class TestPagination:
    def test_pages_of_the_configured_size(self, signed_in, prison, settings):
        settings.CASELOAD_PAGE_SIZE = 5
        people = [factories.person(at=prison, last_name=f"Name{n:02d}") for n in range(12)]

        response = caseload(signed_in, prison, sort="name", page="2", rosh="NONE")

        assert shown(response) == [p.prison_number for p in people[5:10]]
        html = response.content.decode()
        assert "Showing <strong>6</strong> to <strong>10</strong> of <strong>12</strong> people" in html
        assert 'class="govuk-pagination"' in html
        assert 'href="?sort=name&amp;page=1&amp;rosh=NONE" rel="prev"' in html
        assert 'href="?sort=name&amp;page=3&amp;rosh=NONE" rel="next"' in html
        assert 'aria-current="page">2</a>' in html

    def test_a_page_past_the_end_shows_the_last_page(self, signed_in, prison, settings):
        settings.CASELOAD_PAGE_SIZE = 5
        for _ in range(7):
            factories.person(at=prison)

        assert len(shown(caseload(signed_in, prison, page="99"))) == 2
        assert len(shown(caseload(signed_in, prison, page="first"))) == 5


def test_caseload_queries_do_not_grow_with_the_number_of_people(signed_in, prison):
    pom, com = factories.staff(), factories.staff(StaffRole.COM)

    def add_people(count):
        for n in range(count):
            man = factories.person(at=prison, recorded=release_in(n), risk={"rosh_level": RoshLevel.HIGH})
            factories.allocate(man, pom)
            factories.allocate(man, com, role=AllocationRole.COM)

    def queries_for_one_page():
        cache.clear()  # read afresh, not the page shared by the request before (resettle.core.shared)
        with CaptureQueriesContext(connection) as queries:
            response = caseload(signed_in, prison, rosh="HIGH", sort="rosh")
            assert response.status_code == 200
        return len(queries), len(shown(response))

    add_people(5)
    queries_for_one_page()  # the first request renews the session's idle timeout (resettle.accounts.idle)
    few, rows_few = queries_for_one_page()
    add_people(55)
    many, rows_many = queries_for_one_page()

    assert (rows_few, rows_many) == (5, 50)
    assert few == many
    # Session, user, prison, count, rows and the header's prison, plus what security costs whatever the
    # page's length: the two-factor device, the user's roles, the prison-scope check and the audit entry.
    assert many <= 10


class TestPersonPage:
    @pytest.fixture
    def man(self, prison):
        man = factories.person(
            at=prison,
            first_name="Mark",
            last_name="Taylor",
            date_of_birth=date(1985, 12, 1),
            pnc_number="12/394773H",
            crn="X123456",
            cell_location="B-2-014",
            release_area=factories.pdu(name="Plymouth"),
            recorded={
                "sentence_start_date": date(2023, 3, 1),
                "conditional_release_date": date(2027, 6, 14),
                "parole_eligibility_date": date(2026, 1, 10),
                "licence_expiry_date": date(2031, 3, 1),
            },
            risk={
                "rosh_level": RoshLevel.VERY_HIGH,
                "rosh_assessed_on": date(2026, 8, 3),
                "tier": "A1",
                "mappa_category": 2,
                "mappa_level": 2,
                "mappa_level_set_on": date(2026, 9, 1),
                "maintains_innocence": True,
            },
        )
        first = factories.sentence(
            man,
            years=4,
            months=6,
            case_sequence=1,
            line_sequence=1,
            is_sds_plus=True,
            early_release_exclusions=["VIOLENT"],
        )
        extended = factories.sentence(
            man,
            calc_type=SentenceCalcType.EDS21,
            years=6,
            extension_years=4,
            case_sequence=1,
            line_sequence=2,
            consecutive_to=first,
        )
        Offence.objects.create(
            sentence=extended,
            description="Wounding with intent",
            committed_on=date(2022, 5, 1),
            is_violent=True,
            is_schedule_15=True,
        )
        Adjustment.objects.create(
            booking=man.active_booking,
            adjustment_type="REMAND",
            days=112,
            from_date=date(2022, 6, 1),
            to_date=date(2022, 9, 20),
        )
        factories.allocate(man, factories.staff(first_name="Pat", last_name="Jones"))
        factories.allocate(
            man, factories.staff(first_name="Chris", last_name="Lee"), role=AllocationRole.CO_WORKING_POM
        )
        factories.allocate(
            man, factories.staff(StaffRole.COM, first_name="Sam", last_name="Reed"), role=AllocationRole.COM
        )
        factories.allocate(
            man,
            factories.staff(first_name="Old", last_name="Pom"),
            allocated_on=date(2024, 1, 1),
            ended_on=date(2025, 12, 31),
            reason="Moved to another prison",
        )
        AccommodationPlan.objects.create(
            person=man, category=AccommodationCategory.APPROVED_PREMISES, address="1 Hostel Road\nPlymouth"
        )
        return man

    def page(self, client, man):
        return client.get(reverse("person", args=[man.prison_number]))

    def test_is_read_once_and_again_once_his_facts_change(
        self, signed_in, man, django_capture_on_commit_callbacks
    ):
        """His record is shared by everyone who may see him (resettle.core.shared): a second read reads
        no booking; a change to his record refreshes him once committed, so the next read shows it."""
        self.page(signed_in, man)
        with CaptureQueriesContext(connection) as again:
            self.page(signed_in, man)
        again = list(again.captured_queries)  # read now: the next request empties Django's query log
        with django_capture_on_commit_callbacks(execute=True):
            man.cell_location = "H-4-021"
            man.save()
            facts_changed([man.pk])  # as every writer of his record does
        html = self.page(signed_in, man).content.decode()

        assert not reads_from("people_booking", again)
        assert "H-4-021" in html

    def test_the_man_is_looked_for_in_his_scope_once(self, signed_in, man):
        """The access gate finds him among the men the viewer may see and hands his id to the view
        (request.person_id): the view does not look for him again."""
        self.page(signed_in, man)
        with CaptureQueriesContext(connection) as again:
            assert self.page(signed_in, man).status_code == 200

        again = list(again.captured_queries)  # read now: the next request empties Django's query log
        scoped = [q for q in again if "released_from_id" in q["sql"]]
        assert len(scoped) == 1

    def test_identity_and_location(self, signed_in, man):
        html = self.page(signed_in, man).content.decode()

        assert "Taylor, Mark" in html
        assert "1 December 1985 (age 40)" in html
        assert "12/394773H" in html and "X123456" in html
        assert "Sentenced" in html and "In custody" in html
        assert "B-2-014" in html and "Plymouth" in html and "HMP Dartmoor" in html

    def test_recorded_dates_and_earliest_release(self, signed_in, man):
        html = self.page(signed_in, man).content.decode()

        assert "SSD — Sentence start date" in html and "1 March 2023" in html
        assert "CRD — Conditional release date" in html and "14 June 2027" in html
        assert "PED — Parole eligibility date" in html
        assert "LED — Licence expiry date" in html
        assert "ARD — Automatic release date" not in html  # empty dates are left out
        assert "PED 10 January 2026 has passed without release" in html
        assert "Released automatically at the CRD, 14 June 2027" in html

    def test_sentences_offences_and_adjustments(self, signed_in, man):
        html = self.page(signed_in, man).content.decode()

        assert "4 years 6 months" in html
        assert "6 years custodial term" in html and "plus 4 years extended licence" in html
        assert "Case 1, line 1</td>" in html  # what the EDS is consecutive to
        assert "SDS+" in html and "Violent offence" in html
        assert "Wounding with intent" in html
        assert ">Violent</strong>" in html and ">Schedule 15</strong>" in html
        assert "Remand" in html and "112" in html

    def test_risk_and_managers(self, signed_in, man):
        html = self.page(signed_in, man).content.decode()

        assert "govuk-tag--red" in html and "Very high" in html and "Assessed 3 August 2026" in html
        assert "A1" in html
        assert "Category 2 (violent and other sexual offenders)" in html
        assert "Level 2 (multi-agency management)" in html and "Set 1 September 2026" in html
        assert "Pat Jones" in html and "Chris Lee" in html and "Sam Reed" in html
        assert "Old Pom" in html and "Moved to another prison" in html
        assert "Approved premises (CAS1)" in html and "Not confirmed" in html

    def test_mappa_level_not_known(self, signed_in, prison):
        man = factories.person(at=prison, risk={"mappa_category": 1, "mappa_level": None})

        html = self.page(signed_in, man).content.decode()

        assert "Not known" in html

    def test_released_person_is_viewable(self, signed_in, prison):
        man = factories.person(
            at=prison,
            status=CustodyStatus.RELEASED,
            current_prison=None,
            recorded={"conditional_release_date": date(2026, 1, 5)},
        )
        man.bookings.update(released_from=prison)

        response = self.page(signed_in, man)

        assert response.status_code == 200
        html = response.content.decode()
        assert "Released" in html and "5 January 2026" in html
        banner = html[html.index('id="release"') : html.index('id="readiness-heading"')]
        assert "<h2" in banner and ">Released</h2>" in banner and "Earliest release date" not in banner

    def test_recall_details(self, signed_in, prison):
        man = factories.person(
            at=prison,
            status=CustodyStatus.RECALLED,
            legal_status=LegalStatus.RECALL,
            recorded={"post_recall_release_date": date(2027, 2, 1)},
        )
        factories.sentence(
            man,
            calc_type=SentenceCalcType.FTR_ORA,
            recall_type=RecallType.FIXED_TERM_RECALL_28,
            revocation_date=date(2026, 10, 1),
            return_to_custody_date=date(2026, 10, 4),
        )

        html = self.page(signed_in, man).content.decode()

        assert "Fixed-term recall, 28 days: licence revoked 1 October 2026" in html
        assert "returned to custody 4 October 2026" in html
        assert "Recalled: released at the post-recall release date" in html

    def test_unknown_prison_number_is_404(self, signed_in):
        response = signed_in.get(reverse("person", args=["Z9999ZZ"]))

        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


class TestCalculatedDatesOnThePersonPage:
    """A 4-year sentence from 1 March 2023: 1,461 days to a SLED of 28 February 2027, released at 40% on
    day 585, 5 October 2024, under the rules in force."""

    @pytest.fixture(autouse=True)
    def live(self, settings):
        settings.RESETTLE_CALCULATION_PROFILE = "sds-progression-model-october"

    def sentenced(self, prison, **recorded):
        man = factories.person(at=prison, recorded=recorded)
        factories.sentence(man, sentence_date=date(2023, 3, 1), years=4)
        recalculate(man.active_booking)
        return man

    def html(self, client, man) -> str:
        return unescape(client.get(reverse("person", args=[man.prison_number])).content.decode())

    def test_each_date_in_crds_order_with_its_full_name_and_reasons(self, signed_in, prison):
        man = self.sentenced(prison, conditional_release_date=date(2024, 10, 5))
        stored = CalculatedReleaseDates.objects.get(booking__person=man)

        html = self.html(signed_in, man)

        section = html[html.index("Release dates calculated by Resettle") : html.index("Personal details")]
        assert stored.dates["CRD"] == "2024-10-05" and stored.dates["SLED"] == "2027-02-28"
        shown = re.findall(r'<dt class="govuk-summary-list__key">([A-Z]+)<', section)
        assert shown == [kind for kind in ("SLED", "CRD", "HDCED", "ESED") if kind in stored.dates]
        assert "Sentence and licence expiry date" in section and "Conditional release date" in section
        assert "28 February 2027" in section and "5 October 2024" in section
        assert section.count("How this date was calculated") == len(stored.dates)
        for reason in stored.breakdown["CRD"]:
            assert f"<li>{reason}</li>" in section
        assert "Effective sentence length" in section and "4 years" in section
        assert f"Calculated under: {live_rules().label}" in section
        assert "disagree" not in section

    def test_a_recorded_date_that_differs_is_shown_beside_it_with_a_warning(self, signed_in, prison):
        man = self.sentenced(
            prison,
            conditional_release_date=date(2024, 12, 1),
            sentence_expiry_date=date(2027, 2, 28),
            licence_expiry_date=date(2027, 3, 1),
        )

        html = self.html(signed_in, man)

        assert "govuk-warning-text" in html
        assert "Resettle's calculation and the prison system disagree on 2 dates" in html
        assert "The prison system records 1 December 2024: the dates disagree." in html
        # A SLED is both expiry dates: only the one that differs is named.
        assert "The prison system records LED 1 March 2027: the dates disagree." in html

    def test_the_banner_says_which_source_it_planned_to(self, signed_in, prison):
        agreeing = self.sentenced(prison, conditional_release_date=date(2024, 10, 5))
        unrecorded = self.sentenced(prison)

        assert "The prison system's record and Resettle's calculation agree" in self.html(signed_in, agreeing)
        html = self.html(signed_in, unrecorded)
        assert "Automatic release was due at the CRD, 5 October 2024" in html
        assert "Date calculated by Resettle" in html

    def test_the_rule_profile_is_behind_how_this_was_calculated(self, signed_in, prison):
        """Issue 18 item 7: the rule profile and toggle names are for whoever asks how, not for every reader."""
        html = self.html(signed_in, self.sentenced(prison, conditional_release_date=date(2024, 10, 5)))
        details = html[html.index('<details class="govuk-details" id="how-calculated">') :]
        details = details[: details.index("</details>")]
        assert "How this was calculated" in details and f"Calculated under: {live_rules().label}" in details
        assert html.count("Calculated under:") == 1

    def test_links_to_his_record_as_json(self, signed_in, prison):
        man = factories.person(at=prison)
        assert f'href="{reverse("person-json", args=[man.prison_number])}"' in self.html(signed_in, man)

    def test_a_crd_passed_while_he_is_in_custody_is_a_record_to_check_not_a_release(self, signed_in, prison):
        """Issue 18 item 4: never "In custody" beside "Released automatically at the CRD, <past date>"."""
        held = factories.person(at=prison, recorded=release_in(-17))
        html = self.html(signed_in, held)
        banner = html[html.index('id="release"') : html.index('id="readiness-heading"')]
        assert "Released automatically" not in html
        assert (
            "Warning</span> His CRD, 10 November 2026, has passed but the prison still records him" in banner
        )

    def test_a_parole_hearing_is_not_shown_as_his_release_date(self, signed_in, prison):
        lifer = factories.person(
            at=prison,
            legal_status=LegalStatus.INDETERMINATE_SENTENCE,
            recorded={"target_hearing_date": TODAY + timedelta(days=30)},
        )
        html = self.html(signed_in, lifer)
        banner = html[html.index('id="release"') : html.index('id="readiness-heading"')]
        assert "Earliest release date" not in banner
        assert "Parole: no release date yet" in banner and "This is not a release date" in banner
        assert "27 December 2026" in banner

    def test_a_refused_calculation_says_a_manual_calculation_is_needed_and_why(self, signed_in, prison):
        man = factories.person(at=prison, legal_status=LegalStatus.INDETERMINATE_SENTENCE)
        factories.sentence(man, calc_type=SentenceCalcType.LIFE, years=15)
        refused = recalculate(man.active_booking)

        html = self.html(signed_in, man)

        assert "Manual calculation needed" in html and "govuk-inset-text" in html
        assert refused.refusal_reason in html and "INDETERMINATE_SENTENCE" in html
        assert "How this date was calculated" not in html

    def test_remand_has_no_sentence_to_calculate(self, signed_in, prison):
        man = factories.person(at=prison, legal_status=LegalStatus.REMAND)
        recalculate(man.active_booking)

        assert "No sentence to calculate." in self.html(signed_in, man)

    def test_a_booking_not_yet_calculated_says_so(self, signed_in, prison):
        man = factories.person(at=prison)

        assert "Not calculated yet" in self.html(signed_in, man)


# CRDS's PSI example 10 (calculate-release-dates-api test resources, overall_calculation/psi-examples):
# 3 years from 15 December 2012 with 35 days of remand and 10 of tagged bail, calculated under sds-50.
PSI_EXAMPLE_10 = {
    "offender": {"reference": "ABC123", "dateOfBirth": "1990-01-01"},
    "sentences": [
        {
            "type": "StandardSentence",
            "offence": {"committedAt": "2012-12-14"},
            "duration": {"durationElements": {"YEARS": 3}},
            "sentencedAt": "2012-12-15",
            "releaseArrangements": {
                "isSDSPlus": False,
                "isSDSPlusEligibleSentenceTypeLengthAndOffence": False,
                "sdsEarlyReleaseExclusions": [],
                "isSection250": False,
            },
        }
    ],
    "adjustments": {
        "REMAND": [
            {
                "appliesToSentencesFrom": "2012-12-15",
                "numberOfDays": 35,
                "fromDate": "2012-11-09",
                "toDate": "2012-12-14",
            }
        ],
        "TAGGED_BAIL": [{"appliesToSentencesFrom": "2012-12-15", "numberOfDays": 10}],
    },
}


def management_form(total: int = 4) -> dict:
    return {
        "sentence-TOTAL_FORMS": str(total),
        "sentence-INITIAL_FORMS": "0",
        "sentence-MIN_NUM_FORMS": "1",
        "sentence-MAX_NUM_FORMS": "4",
    }


def typed_date(name: str, day: date) -> dict:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def entered_booking(profile="sds-progression-model-october", **extra) -> dict:
    """Four years from 1 March 2023 for an offence in 2022, typed into the form."""
    return {
        **management_form(),
        "profile": profile,
        **typed_date("date_of_birth", date(1980, 1, 1)),
        "sentence-0-calc_type": "ADIMP_ORA",
        **typed_date("sentence-0-sentence_date", date(2023, 3, 1)),
        **typed_date("sentence-0-offence_date", date(2022, 6, 1)),
        "sentence-0-years": "4",
        **extra,
    }


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


class TestCalculationPage:
    @pytest.fixture(autouse=True)
    def live(self, settings):
        settings.RESETTLE_CALCULATION_PROFILE = "sds-progression-model-october"
        settings.RESETTLE_CALCULATION_TOGGLES = None

    def post(self, client, data, name="calculate"):
        response = client.post(reverse(name), data)
        assert response.status_code == 200
        return response, unescape(response.content.decode())

    def test_the_form_is_linked_from_the_navigation_and_defaults_to_the_live_rules(self, signed_in):
        html = signed_in.get(reverse("prison-list")).content.decode()
        assert f'href="{reverse("calculate")}"' in html and "Calculate release dates" in html

        response = signed_in.get(reverse("calculate"))

        html = response.content.decode()
        assert response.status_code == 200
        assert "govuk-service-navigation__item--active" in html
        assert '<option value="sds-progression-model-october" selected>' in html
        assert 'name="sentence-3-calc_type"' in html and 'name="sentence-4-calc_type"' not in html
        assert 'name="csrfmiddlewaretoken"' in html
        assert "Release dates</h2>" not in html

    def test_an_entered_booking_gets_its_dates_and_breakdown(self, signed_in):
        # 1,461 days from 1 March 2023 (29 February 2024 among them): SLED 28 February 2027; released at
        # 40% under the rules in force, day 585 (584.4 rounded up), 5 October 2024.
        response, html = self.post(signed_in, entered_booking())

        dates = {shown.kind: shown.on for shown in response.context["result"].dates}
        assert dates["CRD"] == date(2024, 10, 5) and dates["SLED"] == date(2027, 2, 28)
        assert f"Calculated under: {live_rules().label}" in html
        assert "Released at 40%: day 585, 5 October 2024" in html
        assert "How this date was calculated" in html and "4 years" in html

    def test_another_shipped_profile_can_be_chosen(self, signed_in):
        # Under sds-50 the same sentence is released at one half: day 731, 28 February 2025.
        response, html = self.post(signed_in, entered_booking(profile="sds-50"))

        assert {s.kind: s.on for s in response.context["result"].dates}["CRD"] == date(2025, 2, 28)
        assert "Calculated under: sds-50;" in html
        assert '<option value="sds-50" selected>' in html

    def test_a_consecutive_sentence_and_adjustments_are_calculated(self, signed_in):
        alone, _ = self.post(signed_in, entered_booking())
        data = entered_booking(
            **{
                "sentence-1-calc_type": "ADIMP_ORA",
                **typed_date("sentence-1-sentence_date", date(2023, 3, 1)),
                **typed_date("sentence-1-offence_date", date(2022, 6, 1)),
                "sentence-1-years": "1",
                "sentence-1-consecutive_to": "1",
                "remand_days": "20",
            }
        )

        response, html = self.post(signed_in, data)

        before = {s.kind: s.on for s in alone.context["result"].dates}
        after = {s.kind: s.on for s in response.context["result"].dates}
        assert after["SLED"] == date(2028, 2, 29) - timedelta(days=20)
        assert after["CRD"] > before["CRD"]

    def test_a_pasted_crds_booking_gets_the_dates_crds_gives(self, signed_in):
        response, html = self.post(
            signed_in, {"booking": json.dumps(PSI_EXAMPLE_10), "profile": "sds-50"}, "calculate-json"
        )

        dates = {shown.kind: shown.on.isoformat() for shown in response.context["result"].dates}
        assert dates == {
            "SLED": "2015-10-30",
            "CRD": "2014-05-01",
            "HDCED": "2013-11-03",
            "ESED": "2015-12-14",
        }
        assert "30 October 2015" in html and "1 May 2014" in html
        assert 'aria-current="page">Paste CRDS JSON' in html

    def test_a_whole_fixture_can_be_pasted(self, signed_in):
        fixture = {
            "booking": PSI_EXAMPLE_10,
            "userInputs": {"useOffenceIndicators": True},
            "params": "sds-50",
        }

        response, _ = self.post(
            signed_in, {"booking": json.dumps(fixture), "profile": "sds-50"}, "calculate-json"
        )

        assert {s.kind for s in response.context["result"].dates} == {"SLED", "CRD", "HDCED", "ESED"}

    def test_a_refusal_says_a_manual_calculation_is_needed_and_why(self, signed_in):
        booking = {**PSI_EXAMPLE_10, "adjustments": {"LAWFULLY_AT_LARGE": [{"numberOfDays": 3}]}}

        response, html = self.post(
            signed_in, {"booking": json.dumps(booking), "profile": "sds-50"}, "calculate-json"
        )

        assert response.context["result"].refused
        assert "Manual calculation needed" in html and "lawfully at large" in html

    def test_missing_and_wrong_entries_are_named_by_field(self, signed_in):
        data = {
            **management_form(),
            "profile": "sds-50",
            "date_of_birth_day": "31",
            "date_of_birth_month": "2",
            "date_of_birth_year": "1980",
            "sentence-1-calc_type": "EDS21",
            "sentence-1-years": "6",
            "remand_days": "-1",
        }

        response, html = self.post(signed_in, data)

        assert response.context["result"] is None
        assert "govuk-error-summary" in html and "<title>Error: " in html
        for message, anchor in [
            ("Date of birth must be a real date", "id_date_of_birth_day"),
            ("Sentence 1: choose the sentence type", "id_sentence-0-calc_type"),
            ("Sentence 1: enter the sentence date", "id_sentence-0-sentence_date_day"),
            ("Sentence 1: enter the sentence length", "id_sentence-0-years"),
            ("Sentence 2: enter the sentence date", "id_sentence-1-sentence_date_day"),
            ("Sentence 2: enter the offence date", "id_sentence-1-offence_date_day"),
            (
                "Sentence 2: enter the extension period of an extended sentence or SOPC",
                "id_sentence-1-extension_years",
            ),
            ("Remand days must be 0 or more", "id_remand_days"),
        ]:
            assert f'<a href="#{anchor}">{message}</a>' in html, message
        assert 'id="id_sentence-1-sentence_date-error"' in html
        assert 'value="31"' in html  # what was typed is kept

    def test_a_sentence_cannot_follow_one_not_entered(self, signed_in):
        response, html = self.post(signed_in, entered_booking(**{"sentence-0-consecutive_to": "3"}))

        assert "Sentence 1: enter sentence 3 first" in html

    @pytest.mark.parametrize(
        ("pasted", "message"),
        [
            ('{\n  "offender": {\n  }\n  "sentences": []\n}', "line 4, column 3"),
            (json.dumps({**PSI_EXAMPLE_10, "offender": {}}), "offender.dateOfBirth: is required"),
            (
                json.dumps(
                    {
                        **PSI_EXAMPLE_10,
                        "sentences": [{**PSI_EXAMPLE_10["sentences"][0], "sentencedAt": "15/12/2012"}],
                    }
                ),
                "sentences[0].sentencedAt: '15/12/2012' is not a date (YYYY-MM-DD)",
            ),
            ("", "Paste a booking in CRDS JSON"),
            # Deeper than the parser's stack (issue 16 §3): an answer, not a server error.
            ("[" * 1000 + "]" * 1000, "The booking is nested more than 32 levels deep"),
        ],
    )
    def test_pasted_json_errors_name_the_line_or_field(self, signed_in, pasted, message):
        response, html = self.post(signed_in, {"booking": pasted, "profile": "sds-50"}, "calculate-json")

        assert response.context["result"] is None
        assert '<a href="#id_booking">' in html and message in html

    def test_a_pasted_booking_too_large_is_a_form_error_naming_the_limit(self, signed_in):
        """Issue 18 §7: a 1.4 MB paste is refused beside the box, not by a debug page. The page posts it as
        multipart, so that URL encoding does not swell it past what Django reads of a form."""
        pasted = json.dumps({**PSI_EXAMPLE_10, "padding": ["x" * 1000] * 1400})

        response, html = self.post(signed_in, {"booking": pasted, "profile": "sds-50"}, "calculate-json")

        assert response.context["result"] is None
        assert f"The booking must be smaller than {PASTED_BOOKING_MAX_KB} KB" in html
        assert 'enctype="multipart/form-data"' in signed_in.get(reverse("calculate-json")).content.decode()

    @pytest.mark.parametrize(
        ("typed", "field", "message"),
        [
            ({"sentence-0-years": "four"}, "years", "Sentence years must be a whole number"),
            (
                {"sentence-0-calc_type": "EDS21", "sentence-0-extension_years": "x"},
                "extension_years",
                "Extension years must be a whole number",
            ),
            (
                {
                    "sentence-0-calc_type": "LR_ORA",
                    "sentence-0-return_to_custody_date_day": "30",
                    "sentence-0-return_to_custody_date_month": "2",
                    "sentence-0-return_to_custody_date_year": "2024",
                },
                "return_to_custody_date",
                "Return to custody date must be a real date",
            ),
        ],
    )
    def test_a_field_gets_one_error_the_first_problem_with_it(self, signed_in, typed, field, message):
        """Issue 18 §7: a value that is not a number was also told to be entered, twice over on one field."""
        response, html = self.post(signed_in, entered_booking(**typed))

        assert response.context["form"].sentences[0].errors[field] == [message]

    def test_nothing_is_stored(self, signed_in, prison):
        factories.person(at=prison)
        before = row_counts()

        self.post(signed_in, entered_booking())
        self.post(signed_in, {**entered_booking(), "sentence-0-years": ""})
        self.post(signed_in, {"booking": json.dumps(PSI_EXAMPLE_10), "profile": "sds-50"}, "calculate-json")

        assert row_counts() == before

    @pytest.mark.parametrize("name", ["calculate", "calculate-json"])
    def test_sign_in_required(self, client, name):
        for response in (client.get(reverse(name)), client.post(reverse(name), entered_booking())):
            assert response.status_code == 302 and response["Location"].startswith(reverse("login"))

    def test_posts_need_the_csrf_token(self, prison):
        client = Client(enforce_csrf_checks=True)
        client.force_login(factories.user(prison=prison))

        assert client.post(reverse("calculate"), entered_booking()).status_code == 403


def test_the_whole_prisons_caseload_is_read_once_and_again_once_a_man_changes(
    signed_in, prison, django_capture_on_commit_callbacks
):
    """The caseload shared by everyone who sees the whole prison (resettle.core.shared): a second read of
    the same page reads no people; the refresh of a new man's facts, once committed, makes it obsolete."""
    factories.person(at=prison, last_name="First")
    assert len(shown(caseload(signed_in, prison))) == 1
    with CaptureQueriesContext(connection) as again:
        kept = caseload(signed_in, prison)
    again = list(again.captured_queries)  # read now: the next request empties Django's query log
    with django_capture_on_commit_callbacks(execute=True):
        facts_changed([factories.person(at=prison, last_name="Second").pk])  # as every writer of men does
    after = caseload(signed_in, prison)

    assert len(shown(kept)) == 1
    assert not any('FROM "people_person"' in q["sql"] for q in again)
    assert len(shown(after)) == 2
