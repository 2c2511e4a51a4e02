"""Issue 18 §7: no form of the service answers in Django's default words ("Ensure this value has at most 7
characters"). Each error a person can cause by what they type or choose names the field and says what to
do, as the GOV.UK design system asks ("Prison number must be 7 characters, like A1234BC")."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms

import resettle

# The errors a person can cause from a page. Left out: a hidden field's (only a hand-made request reaches
# them), a null character's and a list's (a browser never sends either in a form field).
CAUSED_BY_TYPING = {
    "required",
    "invalid",
    "invalid_choice",
    "max_length",
    "min_length",
    "min_value",
    "max_value",
    "empty",
}


def service_forms() -> list[type[forms.BaseForm]]:
    found = set()
    for module in pkgutil.walk_packages(resettle.__path__, "resettle."):
        if ".migrations" in module.name or ".management" in module.name:
            continue
        for _, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__.startswith("resettle."):
                found.add(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def fields_of(form_class) -> dict[str, forms.Field]:
    """The fields as the page builds them when the form can be made bare (a form may set its messages in
    __init__); the declared ones otherwise."""
    try:
        return form_class().fields
    except TypeError:
        return form_class.base_fields


def djangos_words(field: forms.Field) -> dict[str, str]:
    words = {}
    for cls in reversed(type(field).__mro__):
        if cls.__module__.startswith("django."):  # a field of the service's own has its own words
            words.update(getattr(cls, "default_error_messages", {}))
    return words


def problems_in(field: forms.Field) -> list[str]:
    if field.widget.is_hidden:
        return []
    defaults = djangos_words(field)
    possible = {code for code in defaults if code in CAUSED_BY_TYPING}
    possible |= {validator.code for validator in field.validators if getattr(validator, "code", None)}
    if getattr(field, "max_length", None) is None:
        possible.discard("max_length")  # a file's name, when its length is limited
    if not field.required:
        possible.discard("required")
    if not isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        possible.discard("invalid_choice")
    if isinstance(field, forms.CharField | forms.ChoiceField | forms.FileField):
        # Any text is text; a choice's wrong value is invalid_choice; a file is invalid only when the
        # form was not built to upload one.
        possible.discard("invalid")
    return sorted(
        code
        for code in possible & CAUSED_BY_TYPING
        if code not in field.error_messages or field.error_messages[code] == defaults.get(code)
    )


@pytest.mark.parametrize("form_class", service_forms(), ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_error_a_person_can_cause_is_in_the_services_own_words(form_class):
    in_djangos_words = {
        name: problems for name, field in fields_of(form_class).items() if (problems := problems_in(field))
    }

    assert in_djangos_words == {}
