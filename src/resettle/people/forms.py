from urllib.parse import urlencode

from django import forms
from django.http import QueryDict

from .selectors import MAPPA_NO_LEVEL, ROSH_NOT_RECORDED, CaseloadQuery
from .vocabulary import RoshLevel

RELEASE_WINDOWS = {"12-weeks": 84, "24-weeks": 168}

SORT_CHOICES = [
    ("name", "Name"),
    ("prison_number", "Prison number"),
    ("release_date", "Release date"),
    ("rosh", "RoSH"),
    ("mappa_level", "MAPPA level"),
]


class CaseloadFilterForm(forms.Form):
    """The caseload's query string. The page is reached by links as well as by this form, so any value
    may arrive hand-edited: a bad one becomes an error message and is left out of the query."""

    release = forms.ChoiceField(
        label="Release date",
        required=False,
        widget=forms.RadioSelect,
        choices=[("12-weeks", "Within 12 weeks"), ("24-weeks", "Within 24 weeks"), ("all", "All")],
        error_messages={
            "invalid_choice": "Select a release date filter: within 12 weeks, within 24 weeks or all"
        },
    )
    rosh = forms.MultipleChoiceField(
        label="RoSH",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[*reversed(RoshLevel.choices), (ROSH_NOT_RECORDED, "Not recorded")],
        error_messages={"invalid_choice": "Select RoSH levels from the list"},
    )
    mappa_category = forms.TypedMultipleChoiceField(
        label="MAPPA category",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        choices=[(1, "Category 1"), (2, "Category 2"), (3, "Category 3")],
        error_messages={"invalid_choice": "Select MAPPA categories from the list"},
    )
    mappa_level = forms.MultipleChoiceField(
        label="MAPPA level",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("1", "Level 1"),
            ("2", "Level 2"),
            ("3", "Level 3"),
            (MAPPA_NO_LEVEL, "MAPPA eligible but no level"),
        ],
        error_messages={"invalid_choice": "Select MAPPA levels from the list"},
    )
    q = forms.CharField(
        label="Name or prison number",
        required=False,
        max_length=100,
        error_messages={"max_length": "Name or prison number must be 100 characters or fewer"},
    )
    sort = forms.ChoiceField(
        required=False,
        widget=forms.HiddenInput,
        choices=SORT_CHOICES,
        error_messages={"invalid_choice": "Sort by name, prison number, release date, RoSH or MAPPA level"},
    )
    order = forms.ChoiceField(
        required=False,
        widget=forms.HiddenInput,
        choices=[("asc", "Ascending"), ("desc", "Descending")],
        error_messages={"invalid_choice": "Sort order must be ascending or descending"},
    )

    # The sort fields have no visible input; their errors point at the results.
    error_anchors = {"sort": "caseload-results", "order": "caseload-results"}
    filter_fields = ("release", "rosh", "mappa_category", "mappa_level", "q")

    def __init__(self, data: QueryDict, **kwargs):
        super().__init__(data, auto_id="%s", **kwargs)
        self.is_valid()

    def query(self) -> CaseloadQuery:
        """The valid part of the request; a field with an error counts as not given."""
        data = self.cleaned_data
        return CaseloadQuery(
            release_within_days=RELEASE_WINDOWS.get(data.get("release", "")),
            rosh=frozenset(data.get("rosh", ())),
            mappa_categories=frozenset(data.get("mappa_category", ())),
            mappa_levels=frozenset(data.get("mappa_level", ())),
            search=data.get("q", ""),
            sort=data.get("sort") or "release_date",
            descending=data.get("order") == "desc",
        )

    def is_filtered(self) -> bool:
        return any(self.cleaned_data.get(name) not in (None, "", [], "all") for name in self.filter_fields)

    def selected_filters(self) -> list[dict]:
        """The MoJ filter's "Selected filters": each chosen value, with a link that removes only it."""
        categories = []
        for name in self.filter_fields:
            chosen = self.cleaned_data.get(name)
            if not chosen or chosen == "all":
                continue
            labels = dict(self.fields[name].choices) if hasattr(self.fields[name], "choices") else {}
            values = chosen if isinstance(chosen, list) else [chosen]
            items = [
                {"text": labels.get(value, value), "href": self._without(name, str(value))}
                for value in values
            ]
            categories.append({"heading": self.fields[name].label, "items": items})
        return categories

    def _without(self, name: str, value: str) -> str:
        pairs = [
            (key, item)
            for key, items in self.data.lists()
            for item in items
            if key != "page" and not (key == name and item == value)
        ]
        return "?" + urlencode(pairs)
