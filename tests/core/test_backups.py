"""The restore drill (issue 14 §6): a backup restored over a changed database gives back exactly the data
it was taken from, on SQLite and on PostgreSQL; a bad backup is refused and changes nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from resettle.people.models import Person
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def every_row() -> dict[str, list[dict]]:
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def test_a_restored_backup_gives_back_exactly_what_was_backed_up(tmp_path):
    first = factories.person()
    factories.sentence(first)
    factories.person()
    before = every_row()
    assert sum(map(len, before.values())) > 3

    call_command("backup", str(tmp_path / "resettle.backup"), stdout=io.StringIO())
    first.delete()
    factories.person(first_name="Newman")
    call_command("restore", str(tmp_path / "resettle.backup"), "--yes", stdout=io.StringIO())

    assert every_row() == before
    assert not Person.objects.filter(first_name="Newman").exists()
    factories.person()  # and the restored database takes new rows, its sequences restored with it


def test_a_file_that_is_not_a_backup_is_refused_and_changes_nothing(tmp_path):
    factories.person()
    before = every_row()
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a backup at all" * 100)

    with pytest.raises(CommandError, match="junk.backup"):
        call_command("restore", str(junk), "--yes")

    assert every_row() == before


def test_restore_asks_for_yes(tmp_path):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "any.backup"))
