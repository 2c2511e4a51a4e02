from dataclasses import fields

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from resettle.rules.projection.rates import Rates, published_rates, rate_sources
from resettle.rules.sentencing import profile_names

LIVE = ""


def _whole(label: str, low: int, high: int, initial: int, words: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        initial=initial,
        error_messages={
            "required": f"Enter the {words}",
            "min_value": f"The {words} must be at least {low}",
            "max_value": f"The {words} can be at most {high:,}",
            "invalid": f"Enter the {words} as a whole number",
        },
    )


class RunProjectionForm(forms.Form):
    paths = _whole("Paths", 100, 5000, 1000, "number of paths")
    months = _whole("Months ahead", 12, 36, 24, "months ahead")
    seed = _whole("Seed", 0, 2**31 - 1, 0, "seed")


class WhatIfForm(RunProjectionForm):
    """Another rule profile, or other rates, or both. A rate left blank keeps the central figure."""

    profile = forms.ChoiceField(
        label="Release-date rules",
        required=False,
        error_messages={"invalid_choice": "Choose release-date rules from the list"},
    )
    # "Change something" is about the whole form: the error summary links it to the first choice.
    error_anchors = {NON_FIELD_ERRORS: "id_profile"}

    def __init__(self, *args, live_profile: str, central: dict | None = None, **kwargs):
        """`central`: the official run's rates ({name: {value, source}}), which may be the history's
        estimates; without one, the file's."""
        super().__init__(*args, **kwargs)
        self.fields["profile"].choices = [
            (LIVE, f"The live rules ({live_profile})"),
            *((name, name) for name in profile_names() if name != live_profile),
        ]
        kinds = {field.name: field.type for field in fields(Rates)}
        published = published_rates()
        for source in rate_sources():
            value, where = (
                (central[source.name]["value"], central[source.name]["source"])
                if central and source.name in central
                else (getattr(published, source.name), source.source)
            )
            field = forms.FloatField if kinds[source.name] is float else forms.IntegerField
            self.fields[f"rate_{source.name}"] = field(
                label=source.words,
                required=False,
                help_text=f"Now {value}: {where}",
                error_messages={"invalid": f"Enter {source.words.lower()} as a number"},
            )

    def rate_fields(self):
        return [self[name] for name in self.fields if name.startswith("rate_")]

    def clean(self):
        cleaned = super().clean()
        changes = {
            name.removeprefix("rate_"): value
            for name, value in cleaned.items()
            if name.startswith("rate_") and value is not None
        }
        try:
            published_rates().with_changes(**changes)
        except ValueError as error:
            name, _, problem = str(error).partition(": ")
            problem = problem or str(error)
            field = f"rate_{name}" if f"rate_{name}" in self.fields else None
            self.add_error(field, problem[0].upper() + problem[1:])
        if not changes and not cleaned.get("profile"):
            raise forms.ValidationError("Choose other release-date rules or change at least one rate")
        cleaned["changes"] = changes
        return cleaned
