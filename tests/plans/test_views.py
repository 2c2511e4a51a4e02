"""The readiness screens: dashboard, each worklist, my caseload, the timeline, and the plan-record forms."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse

from resettle.accounts.roles import Role
from resettle.plans.models import AccommodationCategory, AccommodationPlan, ReadinessSummary
from resettle.plans.services import refresh_readiness, save_record
from resettle.staff.models import AllocationRole, StaffRole
from tests import factories
from tests.security.users import role_user, sign_in

from .conftest import MAPPA_ELIGIBLE, MAPPA_LEVEL_SET, TODAY, housed, man

pytestmark = pytest.mark.django_db


def reads_from(table: str, queries) -> bool:
    """Whether any of the queries reads `table` for its own rows, not in a subquery of the viewer's scope."""
    return any(f'FROM "{table}"' in q["sql"].partition(" WHERE ")[0] for q in queries)


def listed(response) -> set[str]:
    return {row.finding.person.prison_number for row in response.context["rows"]}


def worklist(client, prison, name):
    return client.get(reverse("worklist", args=[prison.code, name]))


class TestWorklists:
    def test_overdue_lists_men_with_a_step_past_its_deadline_and_not_others(self, spo, prison):
        late = man(prison, days=5)  # day-one appointment, accommodation, licence: all close or past
        far = man(prison, days=3000, risk={"rosh_level": "LOW", "rosh_assessed_on": TODAY})
        response = worklist(spo, prison, "overdue")
        assert late.prison_number in listed(response)
        rows = [r for r in response.context["rows"] if r.finding.person == far]
        assert all(r.finding.due_on < TODAY for r in rows)

    def test_due_in_4_weeks_and_12_weeks(self, spo, prison):
        soon = man(prison, days=20)
        later = man(prison, days=70)
        in_4 = worklist(spo, prison, "due-4-weeks")
        in_12 = worklist(spo, prison, "due-12-weeks")
        assert soon.prison_number in listed(in_4) and later.prison_number not in {
            r.finding.person.prison_number
            for r in in_4.context["rows"]
            if r.finding.check_id == "day-one-appointment"
        }
        assert {soon.prison_number, later.prison_number} <= listed(in_12)
        assert all(TODAY <= r.finding.due_on <= TODAY + timedelta(days=84) for r in in_12.context["rows"])

    def test_releases_in_12_weeks_without_confirmed_accommodation(self, spo, prison):
        homeless = man(prison, days=40)
        housed(man(prison, days=40))
        far = man(prison, days=200)
        shown = listed(worklist(spo, prison, "no-accommodation"))
        assert shown == {homeless.prison_number}
        assert far.prison_number not in shown

    def test_mappa_eligible_without_a_level_six_months_before_release(self, spo, prison):
        no_level = man(prison, days=150, risk=MAPPA_ELIGIBLE)
        with_level = man(prison, days=150, risk=MAPPA_LEVEL_SET)
        not_yet = man(prison, days=300, risk={"subject_to_notification": True, "mappa_category": 1})
        assert listed(worklist(spo, prison, "mappa-no-level")) == {no_level.prison_number}
        assert with_level and not_yet

    def test_high_risk_without_a_timely_plan(self, spo, prison):
        high = man(prison, days=150, risk={"rosh_level": "HIGH", "tier": "B2"})
        low = man(prison, days=150, risk={"rosh_level": "LOW", "tier": "D1"})
        shown = worklist(spo, prison, "high-risk-no-plan")
        assert high.prison_number in listed(shown) and low.prison_number not in listed(shown)
        assert "approved-premises-application" in {r.finding.check_id for r in shown.context["rows"]}

    def test_high_risk_without_a_timely_plan_lists_each_man_once_and_counts_men(self, spo, prison):
        high = man(prison, days=150, risk={"rosh_level": "HIGH", "tier": "B2"})
        response = worklist(spo, prison, "high-risk-no-plan")
        shown = [r.finding.person.prison_number for r in response.context["rows"]]
        assert shown == [high.prison_number]
        assert "of 1 man" in unescape(response.content.decode())

    def test_worklists_put_the_man_released_soonest_first_then_the_riskiest(self, spo, prison):
        """Issue 18 §2: by release date and risk (rules.readiness.urgency), not by days overdue: a man
        with years to serve and an old missed step comes after the men released this month."""
        from resettle.rules.readiness.urgency import urgency

        years_away = man(prison, days=2000, risk={"rosh_level": "VERY_HIGH", "tier": "A1"})
        low_soon = man(prison, days=20, risk={"rosh_level": "LOW", "tier": "D1"})
        high_soon = man(prison, days=20, risk={"rosh_level": "HIGH", "tier": "B2"})
        rows = worklist(spo, prison, "overdue").context["rows"]
        people = list(dict.fromkeys(r.finding.person for r in rows))
        assert people == [high_soon, low_soon, years_away]
        keys = [
            urgency(
                release=r.finding.person.readiness.earliest_release,
                rosh_level=r.finding.person.risk.rosh_level or None,
                mappa_level=r.finding.person.risk.mappa_level,
                due_on=r.finding.due_on,
            )
            for r in rows
        ]
        assert keys == sorted(keys)

    def test_a_list_of_steps_says_steps_and_a_list_of_men_says_men(self, spo, prison):
        man(prison, days=5)
        steps = unescape(worklist(spo, prison, "overdue").content.decode())
        men = unescape(worklist(spo, prison, "no-accommodation").content.decode())
        assert " steps" in steps.split("Showing", 1)[1].split("</p>", 1)[0]
        assert "of 1 man" in men

    def test_com_not_allocated_at_handover(self, spo, prison):
        no_com = man(prison, days=200)  # handover was 8 months 14 days before release: passed
        with_com = man(prison, days=200)
        factories.allocate(with_com, factories.staff(StaffRole.COM), role=AllocationRole.COM)

        refresh_readiness([with_com.pk], today=TODAY)
        assert listed(worklist(spo, prison, "com-not-allocated")) == {no_com.prison_number}

    def test_an_unknown_worklist_is_not_found(self, spo, prison):
        assert worklist(spo, prison, "nonsense").status_code == 404

    def test_a_worklist_is_audited_with_every_man_shown(self, spo, prison):
        from resettle.audit.models import AuditEntry

        late = man(prison, days=5)
        worklist(spo, prison, "overdue")
        entry = AuditEntry.objects.filter(action="LIST").latest("pk")
        assert late.prison_number in entry.people

    def test_another_prisons_pom_cannot_open_this_prisons_worklist(self, client, prison):
        other = factories.prison(name="HMP Exeter")
        sign_in(client, role_user(Role.POM, prison=other))
        assert worklist(client, prison, "overdue").status_code == 404


class TestDashboard:
    def test_counts_by_rag_and_releases_by_month(self, spo, prison):
        man(prison, days=5)
        man(prison, days=40)
        man(prison, days=3000, risk={"rosh_level": "LOW", "rosh_assessed_on": TODAY})
        response = spo.get(reverse("dashboard", args=[prison.code]))
        board = response.context["board"]
        assert board.in_custody == 3
        assert sum(board.rag.values()) == 3
        assert board.rag["RED"] >= 2
        assert len(board.months) == 12
        assert sum(bar.total for bar in board.months) == 2  # the man 3,000 days away is not in the next year
        assert board.months[0].month == TODAY.replace(day=1)
        html = response.content.decode()
        assert "<svg" in html and "style=" not in html and "<script>" not in html

    def test_a_parole_hearing_is_not_counted_as_a_release(self, spo, prison):
        """Issue 18 item 4: a THD is when the Parole Board may consider release (rules.release)."""
        from resettle.people.vocabulary import LegalStatus

        lifer = factories.person(
            at=prison,
            legal_status=LegalStatus.INDETERMINATE_SENTENCE,
            recorded={"target_hearing_date": TODAY + timedelta(days=30)},
        )
        refresh_readiness([lifer.pk], today=TODAY)
        man(prison, days=40)
        board = spo.get(reverse("dashboard", args=[prison.code])).context["board"]
        assert lifer.readiness.earliest_release == TODAY + timedelta(days=30)
        assert sum(bar.total for bar in board.months) == 1

    def test_worklist_counts_on_the_dashboard(self, spo, prison):
        man(prison, days=150, risk={"subject_to_notification": True, "mappa_category": 1})
        board = spo.get(reverse("dashboard", args=[prison.code])).context["board"]
        counts = {definition.slug: n for definition, n in board.worklists}
        assert counts["mappa-no-level"] == 1


class TestMyCaseload:
    def test_a_pom_sees_the_men_allocated_to_him_only(self, client, prison):
        pom = factories.staff(StaffRole.PRISON_POM, prison=prison)
        mine, other = man(prison, days=30), man(prison, days=30)
        factories.allocate(mine, pom)
        sign_in(client, role_user(Role.POM, prison=prison, staff=pom))
        people = list(client.get(reverse("my-caseload")).context["page"].object_list)
        assert people == [mine] and other not in people

    def test_a_man_released_is_not_shown_red_for_steps_due_before_his_release(self, client, prison):
        """Issue 18 item 4: a COM's released man is not "overdue" on what could only be done before release
        (rules.readiness.check.passed_with_release); what is due after it still counts."""
        com = factories.staff(StaffRole.COM)
        out = man(prison, days=-1)
        booking = out.active_booking
        booking.is_active, booking.released_on = False, TODAY - timedelta(days=1)
        booking.save()
        out.status = "RELEASED"
        out.save()
        refresh_readiness([out.pk], today=TODAY)
        factories.allocate(out, com, role=AllocationRole.COM)
        sign_in(client, role_user(Role.COM, staff=com))

        listed = client.get(reverse("my-caseload")).context["page"].object_list
        summary = listed[0].readiness
        assert list(listed) == [out]
        assert (summary.rag, summary.overdue_count) == ("AMBER", 0)  # the outcome on release is due today

    def test_lists_his_men_most_urgent_first_as_a_worklist_does(self, client, prison):
        """Issue 18 §2 (rules.readiness.urgency): who leaves soonest first, then the riskiest."""
        pom = factories.staff(prison=prison)
        later = man(prison, days=400)
        # Named so that the alphabet alone would put the medium-risk man first.
        soon = man(prison, days=30, risk={"rosh_level": "MEDIUM"}, last_name="Adams")
        soon_and_high = man(prison, days=30, risk={"rosh_level": "HIGH"}, last_name="Young")
        for person in (later, soon, soon_and_high):
            factories.allocate(person, pom)
        # However many steps he has overdue, the man with over a year to serve is not the most urgent.
        ReadinessSummary.objects.filter(person=later).update(overdue_count=40)
        sign_in(client, role_user(Role.POM, prison=prison, staff=pom))

        listed = list(client.get(reverse("my-caseload")).context["page"].object_list)

        assert listed == [soon_and_high, soon, later]

    def test_a_user_without_a_staff_record_is_told_so(self, spo):
        assert "not linked to a POM or COM staff record" in spo.get(reverse("my-caseload")).content.decode()


class TestTimeline:
    def test_shows_each_check_in_date_order_with_its_reason_and_source(self, spo, prison):
        person = man(prison, days=100, risk={"subject_to_notification": True})
        response = spo.get(reverse("readiness", args=[person.prison_number]))
        timeline = response.context["timeline"]
        dates = [item.finding.due_date for item in timeline.items]
        assert dates == sorted(dates)
        statuses = {item.status for item in timeline.items}
        assert statuses <= {"done", "due", "overdue"} and "overdue" in statuses
        assert all(item.finding.status == "not_applicable" for item in timeline.not_applicable)
        html = unescape(response.content.decode())
        assert "MAPPA Q screening done and MAPPA level set" in html
        assert "Source: PAROM1 guidance" in html
        assert "Today, 27 November 2026" in html

    def test_is_worked_out_once_and_again_once_a_step_is_recorded(self, spo, prison):
        """One man's timeline is shared by everyone who may see him (resettle.core.shared): a second read
        evaluates nothing; recording a step refreshes his readiness, so the next read shows it done."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        person = man(prison, days=40)

        def accommodation(response) -> str:
            items = response.context["timeline"].items
            return next(i.status for i in items if i.finding.check == "first-night-accommodation")

        # Each read as it is served: the page reads his timeline only where it draws it.
        before = accommodation(spo.get(reverse("readiness", args=[person.prison_number])))
        with CaptureQueriesContext(connection) as again:
            kept = spo.get(reverse("readiness", args=[person.prison_number]))
        again = list(again.captured_queries)  # read now: the next request empties Django's query log
        kept = accommodation(kept)
        save_record(
            AccommodationPlan,
            person,
            version=0,
            values={
                "category": AccommodationCategory.SETTLED,
                "address": "1 Mill Lane",
                "confirmed_on": TODAY,
            },
        )
        after = spo.get(reverse("readiness", args=[person.prison_number]))

        assert before == kept != "done"
        assert not reads_from("people_booking", again)
        assert accommodation(after) == "done"

    def test_another_prisons_man_is_not_found(self, spo):
        elsewhere = man(factories.prison(name="HMP Exeter"), days=100)
        assert spo.get(reverse("readiness", args=[elsewhere.prison_number])).status_code == 404


class TestHisPage:
    """Issue 18 item 1: a man's page is the one page for him: his checks by urgency, with reasons, due dates
    and the form that records each, his plan's status, and the parts of his plan."""

    def page(self, client, person):
        return client.get(reverse("person", args=[person.prison_number]))

    def test_puts_overdue_steps_first_then_those_due_in_4_weeks(self, spo, prison):
        person = man(prison, days=40)
        response = self.page(spo, person)
        timeline = response.context["timeline"]
        html = unescape(response.content.decode())

        overdue, soon = timeline.overdue, timeline.due_soon
        assert overdue and soon
        assert all(item.status == "overdue" for item in overdue)
        assert [i.finding.due_date for i in overdue] == sorted(i.finding.due_date for i in overdue)
        assert all(TODAY <= item.finding.due_date <= TODAY + timedelta(days=28) for item in soon)
        section = html[html.index('id="readiness-heading"') : html.index('id="plan-heading"')]
        first_overdue = section.index(overdue[0].finding.title)
        first_soon = section.index(soon[0].finding.title)
        assert (
            section.index("Overdue") < first_overdue < section.index("Due in the next 4 weeks") < first_soon
        )
        assert overdue[0].finding.reason in section
        assert f"was due {overdue[0].finding.due_date:%-d %B %Y}" in section

    def test_each_step_links_to_the_form_that_records_it(self, spo, prison):
        person = man(prison, days=30)
        html = unescape(self.page(spo, person).content.decode())
        form = reverse("readiness-edit", args=[person.prison_number, "accommodation"])
        row = html[html.index('id="step-first-night-accommodation"') :]
        assert form in row[: row.index("</div>")]

    def test_shows_his_plan_status_mappa_handover_approved_premises_and_transfer(self, spo, prison):
        person = man(prison, days=40)
        factories.allocate(person, factories.staff(first_name="Pat", last_name="Jones"))
        response = self.page(spo, person)
        html = unescape(response.content.decode())
        assert response.context["person"].readiness.rag == "RED"
        assert re.search(r'Plan status\s*<strong class="govuk-tag govuk-tag--red">Red</strong>', html)
        for heading in ("MAPPA", "Handover to the COM", "Approved premises", "Accommodation on release"):
            assert f'<h3 class="govuk-summary-card__title">{heading}</h3>' in html, heading
        assert "Resettlement prison or in-reach" in html and "Pat Jones" in html

    def test_recording_a_step_returns_to_his_page_where_it_is_no_longer_due(self, spo, prison):
        person = man(prison, days=30)

        def still_to_do(response) -> set[str]:
            timeline = response.context["timeline"]
            return {item.finding.check for item in (*timeline.overdue, *timeline.due_soon)}

        before = self.page(spo, person)
        saved = save_accommodation(spo, person, duty_to_refer_on=TODAY)
        after = spo.get(saved["Location"])

        assert "first-night-accommodation" in still_to_do(before)
        assert "first-night-accommodation" not in still_to_do(after)

    def test_a_governor_sees_his_readiness_but_no_forms(self, client, prison):
        person = man(prison, days=40)
        sign_in(client, role_user(Role.GOVERNOR, prison=prison))
        html = self.page(client, person).content.decode()
        assert 'id="readiness-heading"' in html
        assert reverse("readiness-edit", args=[person.prison_number, "accommodation"]) not in html

    def test_is_drawn_once_for_those_who_may_change_him_and_once_for_those_who_may_not(self, spo, prison):
        """His page is kept drawn (resettle.core.shared.drawn): a second view reads none of his record,
        and a governor after his SPO is not shown the SPO's forms."""
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        person = man(prison, days=40)
        form = reverse("readiness-edit", args=[person.prison_number, "accommodation"])
        with CaptureQueriesContext(connection) as first:
            assert form in self.page(spo, person).content.decode()
        first = list(first.captured_queries)
        with CaptureQueriesContext(connection) as again:
            assert form in self.page(spo, person).content.decode()
        again = list(again.captured_queries)  # read now: the next request empties Django's query log
        governor = sign_in(Client(), role_user(Role.GOVERNOR, prison=prison))

        assert form not in self.page(governor, person).content.decode()
        assert form in self.page(spo, person).content.decode()
        assert reads_from("people_booking", first) and not reads_from("people_booking", again)

    def test_costs_the_same_queries_however_much_is_recorded_and_due(self, spo, prison):
        """His page reads his record, his checks and his transfer in a fixed number of queries."""
        from django.core.cache import cache
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def queries(person) -> int:
            cache.clear()  # counted afresh, not the shared read of the request before
            with CaptureQueriesContext(connection) as captured:
                assert self.page(spo, person).status_code == 200
            return len(captured)

        bare = man(prison, days=300)
        factories.sentence(bare)
        busy = man(prison, days=20, risk={"subject_to_notification": True})
        for n in range(3):
            factories.sentence(busy, case_sequence=n + 1)
        factories.allocate(busy, factories.staff())
        factories.allocate(busy, factories.staff(StaffRole.COM), role=AllocationRole.COM)
        save_record(
            AccommodationPlan,
            busy,
            version=0,
            values={"category": AccommodationCategory.SETTLED, "address": "1 Mill Lane"},
        )
        queries(bare)  # the first request renews the session's idle timeout (resettle.accounts.idle)
        assert queries(busy) == queries(bare)


def post(client, person, section, data):
    return client.post(reverse("readiness-edit", args=[person.prison_number, section]), data)


def date_parts(name, day):
    return (
        {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}
        if day
        else {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    )


def save_accommodation(client, person, *, duty_to_refer_on=None):
    """His accommodation plan saved as settled at 4 Church Street, confirmed today."""
    return post(
        client,
        person,
        "accommodation",
        {
            "version": 0,
            "category": "SETTLED",
            "address": "4 Church Street",
            **date_parts("confirmed_on", TODAY),
            **date_parts("duty_to_refer_on", duty_to_refer_on),
            **date_parts("cas3_referral_on", None),
        },
    )


class TestForms:
    def test_saving_the_accommodation_plan_returns_to_his_page(self, spo, prison):
        person = man(prison, days=30)
        response = save_accommodation(spo, person)
        assert response.status_code == 302
        assert response["Location"] == reverse("person", args=[person.prison_number]) + "#accommodation"
        assert AccommodationPlan.objects.get(person=person).address == "4 Church Street"

    def test_errors_name_the_field_and_the_problem(self, spo, prison):
        person = man(prison, days=30)
        response = post(
            spo,
            person,
            "accommodation",
            {
                "version": 0,
                "category": "SETTLED",
                "address": "",
                **date_parts("confirmed_on", TODAY + timedelta(days=3)),
                "duty_to_refer_on_day": "31",
                "duty_to_refer_on_month": "2",
                "duty_to_refer_on_year": "2026",
                **date_parts("cas3_referral_on", None),
            },
        )
        html = unescape(response.content.decode())
        assert response.status_code == 200
        assert "There is a problem" in html
        assert "Date the address was confirmed must be today or in the past" in html
        assert "Date the Duty to Refer was made must be a real date" in html
        assert 'href="#id_confirmed_on_day"' in html
        assert not AccommodationPlan.objects.filter(person=person).exists()

    def test_the_second_writer_is_told_someone_else_changed_it(self, spo, prison):
        person = man(prison, days=30)
        save_record(AccommodationPlan, person, version=0, values={"category": "SETTLED", "address": "Theirs"})
        save_record(AccommodationPlan, person, version=1, values={"address": "Theirs, changed"})
        # This writer opened the form at version 1.
        response = post(
            spo,
            person,
            "accommodation",
            {
                "version": 1,
                "category": "CAS",
                "address": "Mine",
                **date_parts("confirmed_on", None),
                **date_parts("duty_to_refer_on", None),
                **date_parts("cas3_referral_on", None),
            },
        )
        html = unescape(response.content.decode())
        assert response.status_code == 200
        assert "Someone else changed this record since you opened it" in html
        assert "Theirs, changed" in html  # shown as the record now stands
        assert 'value="2"' in html  # saving again deliberately is possible
        assert AccommodationPlan.objects.get(person=person).address == "Theirs, changed"

    def test_mappa_form_requires_the_date_a_level_was_set(self, spo, prison):
        person = man(prison, days=150)
        response = post(
            spo,
            person,
            "mappa",
            {
                "version": 0,
                "category": "1",
                "level": "2",
                **date_parts("level_set_on", None),
                **{
                    k: v
                    for name in (
                        "category_3_decision_on",
                        "referral_on",
                        "prison_report_on",
                        "rmp_agreed_on",
                        "police_told_of_release_on",
                    )
                    for k, v in date_parts(name, None).items()
                },
            },
        )
        assert "Enter the date the MAPPA level was set" in unescape(response.content.decode())

    def test_a_mappa_meeting_can_be_added(self, spo, prison):
        person = man(prison, days=150)
        response = spo.post(
            reverse("readiness-mappa-meeting", args=[person.prison_number]),
            {**date_parts("held_on", TODAY), "kind": "MEETING", "notes": ""},
        )
        assert response.status_code == 302
        assert person.mappa_meetings.count() == 1

    def test_a_governor_may_see_but_not_edit(self, client, prison):
        person = man(prison, days=30)
        sign_in(client, role_user(Role.GOVERNOR, prison=prison))
        assert client.get(reverse("readiness", args=[person.prison_number])).status_code == 200
        assert (
            client.get(reverse("readiness-edit", args=[person.prison_number, "accommodation"])).status_code
            == 404
        )

    def test_every_section_form_renders(self, spo, prison):
        person = man(prison, days=30)
        from resettle.plans.views import SECTIONS

        for slug in SECTIONS:
            response = spo.get(reverse("readiness-edit", args=[person.prison_number, slug]))
            assert response.status_code == 200, slug
        assert spo.get(reverse("readiness-intervention-new", args=[person.prison_number])).status_code == 200


@pytest.mark.parametrize(
    ("page", "path"),
    [
        ("dashboard", "/prisons/{code}/dashboard/"),
        ("overdue worklist", "/prisons/{code}/worklists/overdue/"),
        ("due-in-12-weeks worklist", "/prisons/{code}/worklists/due-12-weeks/"),
        ("per-man worklist", "/prisons/{code}/worklists/no-accommodation/"),
    ],
)
def test_readiness_pages_cost_the_same_queries_for_few_men_or_many(spo, prison, page, path):
    """Each list reads stored summaries and findings, never per man: the count of queries is fixed."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        cache.clear()  # counted afresh, not the shared figures of the request before
        with CaptureQueriesContext(connection) as captured:
            assert spo.get(path.format(code=prison.code)).status_code == 200
        return len(captured)

    for days in (10, 40):
        man(prison, days=days)
    queries()  # the first request renews the session's idle timeout (resettle.accounts.idle)
    few = queries()
    for n in range(8):
        man(prison, days=5 + 9 * n)
    assert queries() == few, page


def test_the_whole_prisons_dashboard_is_counted_once_and_again_after_a_refresh(spo, prison):
    """Shared figures (resettle.plans.selectors.dashboard): a second read counts nothing; a refresh of
    one of the prison's men clears them, so the next read counts him."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = man(prison, days=20)
    before = spo.get(f"/prisons/{prison.code}/dashboard/").context["board"].in_custody
    with CaptureQueriesContext(connection) as again:
        spo.get(f"/prisons/{prison.code}/dashboard/")
    again = list(again.captured_queries)  # read now: the next request empties Django's query log
    man(prison, days=30)  # evaluated: his prison's figures are forgotten
    after = spo.get(f"/prisons/{prison.code}/dashboard/").context["board"].in_custody

    assert (before, after) == (1, 2)
    assert not any("readinessfinding" in q["sql"] for q in again)
    assert first.current_prison == prison


def test_a_shared_worklist_page_is_read_once_and_again_once_a_step_is_recorded(spo, prison):
    """Shared worklist pages (resettle.plans.selectors.SharedWorklist): a second read of the same page reads
    no findings; recording the step a man was listed for makes every kept page of his prison obsolete, so
    the next read no longer lists him."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    homeless = man(prison, days=40)
    assert homeless.prison_number in listed(worklist(spo, prison, "no-accommodation"))
    with CaptureQueriesContext(connection) as again:
        kept = worklist(spo, prison, "no-accommodation")
    again = list(again.captured_queries)  # read now: the next request empties Django's query log
    save_record(
        AccommodationPlan,
        homeless,
        version=0,
        values={"category": AccommodationCategory.SETTLED, "address": "1 Mill Lane", "confirmed_on": TODAY},
    )
    after = worklist(spo, prison, "no-accommodation")

    assert homeless.prison_number in listed(kept)
    assert not any("readinessfinding" in q["sql"] for q in again)
    assert homeless.prison_number not in listed(after)


def test_a_prisons_page_reads_the_prison_once_for_the_gate_the_view_and_the_header(spo, prison):
    """The access gate reads the prison it checks and hands it to the view (request.prison); the header,
    which names the SPO's own prison, uses the same row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    man(prison, days=20)
    spo.get(f"/prisons/{prison.code}/dashboard/")
    with CaptureQueriesContext(connection) as captured:
        assert spo.get(f"/prisons/{prison.code}/dashboard/").status_code == 200

    assert sum('FROM "estate_prison"' in q["sql"] for q in captured.captured_queries) == 1


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # His session; his user row; his roles and authenticator (resettle.accounts.principal); the prison,
        # read once by the access gate for the view and the header. The figures are kept.
        ("/prisons/{code}/dashboard/", 4),
        # The same, and the list's audit entry.
        ("/prisons/{code}/worklists/overdue/", 5),
        ("/prisons/{code}/caseload/", 5),
        # His session, user row, roles and authenticator; the man, found in his scope by the gate; its
        # audit entry; which transfer plan is the latest. The page is kept drawn, and the header's prison
        # is kept; an SPO of the man's prison may change him without another query.
        ("/people/{number}/", 6),
        # The same but for the transfer plan, which this page does not show.
        ("/people/{number}/readiness/", 5),
    ],
)
def test_a_kept_page_costs_only_its_signed_in_floor(spo, prison, path, expected):
    """What a page read again costs, once what it shows is kept: the queries named above and no more
    (7 to 10 before the gate handed what it read to the view and the principal was read in one statement)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = man(prison, days=20)
    url = path.format(code=prison.code, number=person.prison_number)
    spo.get(url)  # kept, and the session's idle timeout renewed (resettle.accounts.idle)
    with CaptureQueriesContext(connection) as captured:
        assert spo.get(url).status_code == 200

    assert len(captured) == expected, [q["sql"][:80] for q in captured.captured_queries]
