import pytest
from django.core.management import CommandError, call_command

from resettle.demo.estate import build_estate
from resettle.estate.models import Prison
from resettle.people.models import Person

pytestmark = pytest.mark.django_db


def test_if_empty_leaves_an_existing_estate_alone(capsys):
    build_estate()
    prisons = list(Prison.objects.order_by("id").values_list("id", "code"))
    call_command("demo", "--if-empty", "--scale", "prison")
    assert "already loaded" in capsys.readouterr().out
    assert list(Prison.objects.order_by("id").values_list("id", "code")) == prisons
    assert not Person.objects.exists()


def test_refuses_to_load_on_top_of_an_estate_without_replace():
    build_estate()
    with pytest.raises(CommandError, match="--replace"):
        call_command("demo", "--scale", "prison")
