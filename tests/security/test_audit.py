"""The audit trail: complete for views, lists and changes, append-only, and tamper-evident."""

import json
import re
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from resettle.accounts.roles import Role
from resettle.audit import chain, recorder, sealing
from resettle.audit.models import Action, AuditEntry
from tests import factories

from .users import role_user, sign_in

pytestmark = pytest.mark.django_db


def entries(action) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


def test_each_view_of_a_persons_record_is_audited(estate):
    user = estate.users[Role.SPO]
    client = sign_in(Client(), user)

    client.get(reverse("person", args=[estate.man.prison_number]))
    client.get(reverse("person", args=[estate.man.prison_number]))

    views = entries(Action.VIEW)
    assert [(e.actor, e.people, e.path) for e in views] == [
        (user, [estate.man.prison_number], f"/people/{estate.man.prison_number}/")
    ] * 2


def test_a_refused_look_at_someone_out_of_scope_is_audited(estate):
    sign_in(Client(), estate.users[Role.POM]).get(reverse("person", args=[estate.other_man.prison_number]))

    (refused,) = entries(Action.ACCESS_REFUSED)
    assert refused.people == [estate.other_man.prison_number] and not entries(Action.VIEW)


def test_a_list_is_one_entry_with_the_query_and_every_man_shown(estate):
    second = factories.person(at=estate.prison)
    client = sign_in(Client(), estate.users[Role.SPO])

    client.get(reverse("caseload", args=[estate.prison.code]), {"q": "smith", "sort": "name"})

    (listed,) = entries(Action.LIST)
    assert listed.query == {"prison": estate.prison.code, "q": ["smith"], "sort": ["name"]}
    assert sorted(listed.people) == sorted([estate.man.prison_number, second.prison_number])


def test_each_change_records_who_what_before_and_after(estate):
    risk, man_id = estate.man.risk, estate.man.pk
    before = AuditEntry.objects.count()

    risk.mappa_level = 2
    risk.save()
    risk.save()  # nothing changed: nothing to record
    estate.man.delete()

    changed = AuditEntry.objects.filter(action=Action.CHANGE, record=f"people.RiskProfile:{risk.pk}").get()
    assert changed.changes == {"mappa_level": [None, 2]}
    assert changed.people == [estate.man.prison_number]
    deleted = AuditEntry.objects.get(action=Action.DELETE, record=f"people.Person:{man_id}")
    assert deleted.changes["prison_number"] == [estate.man.prison_number, None]
    assert AuditEntry.objects.count() > before + 2


def test_creating_a_record_is_audited_with_its_values():
    man = factories.person()

    created = AuditEntry.objects.get(action=Action.CREATE, record=f"people.Person:{man.pk}")
    assert created.changes["last_name"] == [None, man.last_name] and created.people == [man.prison_number]


def test_sign_ins_failed_sign_ins_and_sign_outs_are_audited(client):
    user = factories.user("pom")

    client.post(reverse("login"), {"username": "pom", "password": "wrong"})
    client.post(reverse("login"), {"username": "pom", "password": "a-long-test-password"})
    client.post(reverse("logout"))

    signing = AuditEntry.objects.filter(action__in=[Action.SIGN_IN, Action.SIGN_IN_FAILED, Action.SIGN_OUT])
    assert [(e.action, e.username) for e in signing.order_by("id")] == [
        (Action.SIGN_IN_FAILED, "pom"),
        (Action.SIGN_IN, "pom"),
        (Action.SIGN_OUT, "pom"),
    ]
    assert AuditEntry.objects.filter(action=Action.SIGN_IN).get().actor == user


def test_the_subject_access_export_holds_everything_about_him_and_is_audited(estate):
    admin = role_user(Role.ADMINISTRATOR, Role.SPO, prison=estate.prison)
    client = sign_in(Client(), admin)
    client.get(reverse("person", args=[estate.man.prison_number]))

    response = client.get(reverse("subject-access-export", args=[estate.man.prison_number]))

    export = json.loads(response.content)
    assert export["prison_number"] == estate.man.prison_number
    for label in (
        "people.Person",
        "people.Booking",
        "people.RiskProfile",
        "people.RecordedKeyDates",
        "staff.Allocation",
    ):
        assert export["records"][label], label
    assert export["records"]["people.RiskProfile"][0]["mappa_category"] == 2
    assert "Viewed a person's record" in [e["action"] for e in export["audit_trail"]]
    assert entries(Action.SUBJECT_ACCESS)[0].people == [estate.man.prison_number]


def test_the_audit_viewer_filters_by_user_person_and_date(estate):
    spo = estate.users[Role.SPO]
    sign_in(Client(), spo).get(reverse("person", args=[estate.man.prison_number]))
    client = sign_in(Client(), estate.users[Role.ADMINISTRATOR])

    by_person = client.get(reverse("audit-trail"), {"person": estate.man.prison_number.lower()})
    by_user = client.get(reverse("audit-trail"), {"user": spo.username})
    too_early = client.get(
        reverse("audit-trail"), {"until_day": "1", "until_month": "1", "until_year": "2000"}
    )

    assert all(estate.man.prison_number in e.people for e in by_person.context["page"].object_list)
    assert Action.VIEW in [e.action for e in by_person.context["page"].object_list]
    assert {e.username for e in by_user.context["page"].object_list} == {spo.username}
    assert by_user.context["page"].object_list
    assert too_early.context["page"].object_list == []
    html = by_person.content.decode()
    assert reverse("subject-access-export", args=[estate.man.prison_number]) in html


def test_the_trail_is_append_only():
    entry = AuditEntry.objects.create(action=Action.EXPORT, digest="x")

    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(detail="nothing happened")


def test_sealing_chains_every_entry_and_verify_passes(estate, capsys):
    sign_in(Client(), estate.users[Role.SPO]).get(reverse("person", args=[estate.man.prison_number]))

    call_command("audit", "seal")
    call_command("audit", "verify")

    assert not AuditEntry.objects.filter(sequence__isnull=True).exists()
    assert "Audit trail intact" in capsys.readouterr().out


def test_entries_written_together_read_back_as_written_and_seal_intact(capsys):
    """An import's entries go in by COPY on PostgreSQL: every field, the JSON ones too, must come back as
    digested, or sealing would chain entries whose digests no longer match."""
    written = [
        recorder.entry(
            Action.CREATE,
            username="importer",
            people=["A1234BC"],
            record=f"people.person:{n}",
            changes={"first_name": [None, f"O'Brien \\ {n}"], "nested": [None, {"a": [1, None]}]},
        )
        for n in range(3)
    ]
    recorder.record_all(written)

    stored = entries(Action.CREATE)
    assert [(e.record, e.people, e.changes, e.digest) for e in stored] == [
        (e.record, e.people, e.changes, e.digest) for e in written
    ]
    call_command("audit", "seal")
    call_command("audit", "verify")
    assert "Audit trail intact" in capsys.readouterr().out


def _tamper(sql: str, *params) -> None:
    # Straight to the database, as someone with database access would, past the model's guards.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize("sealed", [True, False])
def test_verify_fails_when_an_entry_was_edited(estate, sealed):
    sign_in(Client(), estate.users[Role.SPO]).get(reverse("person", args=[estate.man.prison_number]))
    if sealed:
        chain.seal()
    view = AuditEntry.objects.get(action=Action.VIEW)

    _tamper("UPDATE audit_auditentry SET people = %s WHERE id = %s", '["Z9999ZZ"]', view.pk)

    with pytest.raises(CommandError, match="tampered"):
        call_command("audit", "verify")


def test_verify_fails_when_a_sealed_entry_was_removed(estate):
    client = sign_in(Client(), estate.users[Role.SPO])
    client.get(reverse("person", args=[estate.man.prison_number]))
    client.get(reverse("caseload", args=[estate.prison.code]))
    chain.seal()
    view = AuditEntry.objects.get(action=Action.VIEW)

    _tamper("DELETE FROM audit_auditentry WHERE id = %s", view.pk)

    assert not chain.verify().intact
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_an_admin_autocomplete_search_is_audited_with_what_was_asked(estate):
    administrator = estate.users[Role.ADMINISTRATOR]
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    query = {"app_label": "staff", "model_name": "staffmember", "field_name": "user", "term": "smi"}

    answer = sign_in(Client(), administrator).get(reverse("admin:autocomplete"), query)

    (listed,) = entries(Action.LIST)
    assert answer.status_code == 200
    assert (listed.actor, listed.query) == (administrator, {**query, "searched": "accounts.User"})


def _head(capsys) -> str:
    call_command("audit", "head")
    return capsys.readouterr().out.strip()


def test_the_head_printed_for_an_outside_log_verifies_while_the_chain_is_whole(estate, capsys):
    sign_in(Client(), estate.users[Role.SPO]).get(reverse("person", args=[estate.man.prison_number]))
    head = _head(capsys)
    sign_in(Client(), estate.users[Role.POM]).get(reverse("person", args=[estate.man.prison_number]))

    call_command("audit", "verify", head=head)

    last = AuditEntry.objects.filter(sequence__isnull=False).order_by("sequence").first()
    assert re.fullmatch(r"\d+:[0-9a-f]{64}", head) and last is not None
    assert "Audit trail intact" in capsys.readouterr().out


def test_verify_against_a_recorded_head_finds_the_end_of_the_chain_cut_off(estate, capsys):
    """Issue 16 §5: deleting the newest sealed entries leaves a chain that checks out on its own."""
    client = sign_in(Client(), estate.users[Role.SPO])
    client.get(reverse("caseload", args=[estate.prison.code]))
    client.get(reverse("person", args=[estate.man.prison_number]))
    head = _head(capsys)
    sequence = int(head.split(":")[0])

    _tamper("DELETE FROM audit_auditentry WHERE sequence = %s", sequence)

    assert chain.verify().intact  # what a chain alone cannot show
    with pytest.raises(CommandError, match="tampered"):
        call_command("audit", "verify", head=head)
    assert f"ends at sequence {sequence - 1}" in capsys.readouterr().err


def test_verify_against_a_head_finds_the_chain_rewritten_from_before_it(estate, capsys):
    client = sign_in(Client(), estate.users[Role.SPO])
    client.get(reverse("caseload", args=[estate.prison.code]))
    head = _head(capsys)
    sequence = int(head.split(":")[0])

    _tamper("UPDATE audit_auditentry SET chain_hash = %s WHERE sequence = %s", "0" * 64, sequence)

    assert not chain.verify(head=chain.Head.parse(head)).intact
    assert "is not the one recorded" in " ".join(chain.verify(head=chain.Head.parse(head)).problems)


@pytest.mark.parametrize("written", ["not a head", "12:abc", ":" + "0" * 64])
def test_a_head_that_is_not_one_is_refused_naming_its_form(written):
    with pytest.raises(CommandError, match="SEQUENCE:HASH"):
        call_command("audit", "verify", head=written)


def test_an_entry_is_sealed_as_soon_as_its_transaction_commits(
    estate, settings, django_capture_on_commit_callbacks
):
    """Issue 16 §5: an unsealed entry can be deleted unseen, so none stays unsealed for long."""
    settings.RESETTLE_AUDIT_SEAL_SECONDS = 0

    with django_capture_on_commit_callbacks(execute=True):
        sign_in(Client(), estate.users[Role.SPO]).get(reverse("person", args=[estate.man.prison_number]))

    assert not AuditEntry.objects.filter(sequence__isnull=True).exists()


def test_entries_written_together_are_sealed_once_within_seconds(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    sealings = []
    sealed = threading.Event()

    def seal():
        sealings.append(threading.current_thread().name)
        sealed.set()
        return 0

    monkeypatch.setattr(chain, "seal", seal)
    settings.RESETTLE_AUDIT_SEAL_SECONDS = 0.05

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(20):
            recorder.record(Action.EXPORT, detail="one of many")

    assert sealed.wait(timeout=5)
    time.sleep(0.2)
    assert len(sealings) == 1 and sealings[0] != threading.current_thread().name


def test_a_process_that_ends_before_its_timer_seals_its_entries_as_it_stops(
    settings, django_capture_on_commit_callbacks
):
    """Issue 18 §6: a command (a demo load, an import) ending within the delay left its entries "Not yet"
    sealed until some other process wrote, and `make run` has no schedule to catch them."""
    settings.RESETTLE_AUDIT_SEAL_SECONDS = 60

    with django_capture_on_commit_callbacks(execute=True):
        written = recorder.record(Action.EXPORT, detail="just before the end")
    assert AuditEntry.objects.get(pk=written.pk).sequence is None
    sealing.seal_before_exit()

    assert AuditEntry.objects.get(pk=written.pk).sealed
    assert not sealing._timer.is_alive()


_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=5)
    | st.dates()
    | st.datetimes()
    | st.decimals(allow_nan=False, allow_infinity=False)
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=3) | st.integers(), inner, max_size=3)
    ),
    max_leaves=12,
)


@given(_values)
def test_a_value_is_made_json_safe_as_a_round_trip_through_json_would_make_it(value):
    """resettle.audit.chain.json_safe: what an entry's digest is made over is what reads back from its
    JSON field, for every kind of value an entry holds (dates, decimals, tuples, non-text keys)."""
    assert chain.json_safe(value) == json.loads(json.dumps(value, cls=DjangoJSONEncoder))
