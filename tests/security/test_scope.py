"""Each role sees only its share: changing an id in the address reaches nothing outside it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from resettle.accounts import policy
from resettle.accounts.roles import Role
from resettle.accounts.scope import scope_for
from resettle.core.clock import today
from tests import factories

from .users import role_user, sign_in

pytestmark = pytest.mark.django_db


def person_page(user, man):
    return sign_in(Client(), user).get(reverse("person", args=[man.prison_number]))


def scope(user):
    return scope_for(user, today=today())


@pytest.mark.parametrize("role", [Role.POM, Role.SPO, Role.GOVERNOR, Role.COM, Role.REGIONAL_LEAD])
def test_another_prisons_man_is_not_found_by_changing_the_prison_number(estate, role):
    user = estate.users[role]

    assert person_page(user, estate.man).status_code == 200
    assert person_page(user, estate.other_man).status_code == 404


def test_another_prisons_caseload_is_not_found_by_changing_the_prison_code(estate):
    client = sign_in(Client(), estate.users[Role.SPO])

    assert client.get(reverse("caseload", args=[estate.prison.code])).status_code == 200
    assert client.get(reverse("caseload", args=[estate.other_prison.code])).status_code == 404


def test_a_com_sees_his_own_cases_and_his_delivery_units_not_the_rest_of_the_prison(estate):
    com = estate.users[Role.COM]
    someone_elses = factories.person(at=estate.prison)
    to_his_pdu = factories.person(at=estate.other_prison, release_area=estate.man.release_area)

    seen = set(policy.people_seen_by(scope(com)))

    assert seen == {estate.man, to_his_pdu}
    assert person_page(com, someone_elses).status_code == 404
    caseload = sign_in(Client(), com).get(reverse("caseload", args=[estate.prison.code]))
    assert [man.prison_number for man in caseload.context["page"].object_list] == [estate.man.prison_number]


def test_a_mappa_coordinator_sees_only_mappa_eligible_men_in_his_region(estate):
    not_eligible = factories.person(at=estate.prison)

    seen = set(policy.people_seen_by(scope(estate.users[Role.MAPPA_COORDINATOR])))

    assert estate.man in seen and not_eligible not in seen and estate.other_man not in seen


def test_a_national_lead_sees_everyone_and_changes_no_one(estate):
    national = scope(estate.users[Role.NATIONAL_LEAD])

    assert set(policy.people_seen_by(national)) == {estate.man, estate.other_man}
    assert not policy.people_editable_by(national).exists()


def test_an_inspector_sees_his_prison_only_while_the_inspection_lasts(estate):
    inspector = estate.users[Role.INSPECTOR]
    assert person_page(inspector, estate.man).status_code == 200
    assert person_page(inspector, estate.other_man).status_code == 404

    inspector.inspection_grants.update(
        ends_on=today() - timedelta(days=1), starts_on=today() - timedelta(days=9)
    )

    assert person_page(inspector, estate.man).status_code == 404
    assert not policy.people_seen_by(scope(inspector)).exists()


def test_an_administrator_sees_no_case_data_even_as_a_django_superuser(estate):
    admin = estate.users[Role.ADMINISTRATOR]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = sign_in(Client(), admin)

    assert not policy.people_seen_by(scope(admin)).exists()
    assert client.get(reverse("person", args=[estate.man.prison_number])).status_code == 403
    assert client.get(reverse("admin:people_person_changelist")).status_code == 403
    assert client.get(reverse("admin:app_list", args=["people"])).status_code == 403
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200


def test_an_administrator_with_a_case_role_may_export_what_that_role_sees(estate):
    admin = role_user(Role.ADMINISTRATOR, Role.SPO, prison=estate.prison)
    client = sign_in(Client(), admin)

    response = client.get(reverse("subject-access-export", args=[estate.man.prison_number]))
    outside = client.get(reverse("subject-access-export", args=[estate.other_man.prison_number]))

    assert response.status_code == 200 and outside.status_code == 404
    assert "attachment" in response["Content-Disposition"]


def test_a_pom_changes_only_the_cases_allocated_to_him_and_an_spo_any_in_his_prison(estate):
    unallocated = factories.person(at=estate.prison)
    pom, spo = scope(estate.users[Role.POM]), scope(estate.users[Role.SPO])

    assert policy.can_edit_person(pom, estate.man.prison_number)
    assert not policy.can_edit_person(pom, unallocated.prison_number)
    assert policy.can_view_person(pom, unallocated.prison_number)
    assert policy.can_edit_person(spo, unallocated.prison_number)
    assert not policy.can_edit_person(spo, estate.other_man.prison_number)
    for read_only in (Role.GOVERNOR, Role.REGIONAL_LEAD, Role.INSPECTOR, Role.MAPPA_COORDINATOR):
        assert not policy.people_editable_by(scope(estate.users[read_only])).exists()


def test_whether_he_may_change_a_man_held_at_a_known_prison_is_answered_as_for_any_man(estate):
    """policy.can_edit_person_held_at, which the pages use once the gate has found the man, answers as
    policy.can_edit_person for every role and man, whether or not it needs a query to."""
    unallocated = factories.person(at=estate.prison)
    released = factories.person(at=estate.prison, current_prison=None, status="RELEASED")
    pom_and_spo = role_user(Role.POM, Role.SPO, prison=estate.other_prison)
    for user in [*estate.users.values(), pom_and_spo]:
        for man in (estate.man, estate.other_man, unallocated, released):
            held_at = man.current_prison_id
            assert policy.can_edit_person_held_at(scope(user), man.prison_number, held_at) == (
                policy.can_edit_person(scope(user), man.prison_number)
            ), (user.groups.first(), man)


def test_a_released_man_is_seen_by_the_prison_he_was_released_from(estate):
    man = factories.person(at=estate.prison, current_prison=None, status="RELEASED")
    man.bookings.update(released_from=estate.prison)

    assert person_page(estate.users[Role.GOVERNOR], man).status_code == 200
