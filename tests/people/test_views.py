import re
from datetime import date, timedelta
from html import unescape
from urllib.parse import parse_qs

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resettle.people.models import Adjustment, Offence, RiskProfile
from resettle.people.vocabulary import CustodyStatus, LegalStatus, RecallType, RoshLevel, SentenceCalcType
from resettle.plans.models import AccommodationCategory, AccommodationPlan
from resettle.staff.models import AllocationRole, StaffRole
from tests import factories

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
    client.force_login(factories.user(prison=prison, first_name="Alex", last_name="Morgan"))
    return client


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
    def test_lists_prisons_with_their_population_in_custody(self, signed_in, prison):
        factories.person(at=prison)
        factories.person(at=prison, status=CustodyStatus.RECALLED)
        factories.person(at=prison, status=CustodyStatus.RELEASED)
        other = factories.prison(name="HMP Exeter")

        response = signed_in.get(reverse("prison-list"))

        counts = {p.name: p.in_custody for p in response.context["prisons"]}
        assert counts == {"HMP Dartmoor": 2, "HMP Exeter": 0}
        assert reverse("caseload", args=[other.code]) in response.content.decode()


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
        }

    @pytest.mark.parametrize(
        ("window", "expected"),
        [
            ("12-weeks", {"overdue", "soon"}),
            ("24-weeks", {"overdue", "soon", "later", "24 weeks"}),
            ("all", {"overdue", "soon", "later", "24 weeks", "far", "unknown"}),
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
        with CaptureQueriesContext(connection) as queries:
            response = caseload(signed_in, prison, rosh="HIGH", sort="rosh")
            assert response.status_code == 200
        return len(queries), len(shown(response))

    add_people(5)
    few, rows_few = queries_for_one_page()
    add_people(55)
    many, rows_many = queries_for_one_page()

    assert (rows_few, rows_many) == (5, 50)
    assert few == many
    assert many <= 6


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

        response = self.page(signed_in, man)

        assert response.status_code == 200
        html = response.content.decode()
        assert "Released" in html and "5 January 2026" in html

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
