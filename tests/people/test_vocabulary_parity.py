"""Issue 15 §4: where the Django choices and the rules' enums name the same codes, they agree."""

import re

import pytest

from resettle.interop import fields
from resettle.people import models, vocabulary
from resettle.plans import models as plan_models
from resettle.rules.readiness import case, rag
from resettle.rules.sentencing import model as engine

SAME = [
    (vocabulary.CustodyStatus, case.CustodyStatus),
    (vocabulary.LegalStatus, case.LegalStatus),
    (vocabulary.RoshLevel, case.RoshLevel),
    (vocabulary.AdjustmentType, engine.AdjustmentType),
    (plan_models.Rag, rag.Rag),
]


@pytest.mark.parametrize(("stored", "rules"), SAME, ids=[stored.__name__ for stored, _ in SAME])
def test_the_stored_codes_are_the_rules_codes(stored, rules):
    assert {choice.value for choice in stored} == {member.value for member in rules}


def test_every_stored_recall_type_is_one_the_engine_knows():
    """The engine reads CRDS input too, which has one recall type more (STANDARD_RECALL_255)."""
    stored = {choice.value for choice in vocabulary.RecallType}
    assert stored <= {member.value for member in engine.RecallType}
    assert {member.value for member in engine.RecallType} - stored == {"STANDARD_RECALL_255"}


def test_the_prison_number_pattern_is_defined_once():
    assert fields.PRISON_NUMBER is models.PRISON_NUMBER.regex
    assert fields.PRISON_NUMBER.match("A1234BC") and not fields.PRISON_NUMBER.match("A1234B")


def test_an_imported_record_raises_the_one_field_error_of_every_input():
    from resettle.rules.field_input import FieldInvalid

    assert fields.Invalid is FieldInvalid
    with pytest.raises(FieldInvalid, match=r"^dateOfBirth: '1990-02-30' is not a date \(YYYY-MM-DD\)$"):
        fields.day({"dateOfBirth": "1990-02-30"}, "dateOfBirth")


def test_no_date_is_written_with_the_glibc_only_day_format():
    from pathlib import Path

    import resettle

    written = [
        str(path.relative_to(Path(resettle.__file__).parent))
        for path in Path(resettle.__file__).parent.rglob("*.py")
        if re.search(r"%-d", path.read_text()) and path.name != "explained.py"
    ]
    assert written == []
