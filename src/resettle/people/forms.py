from datetime import date
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from resettle.rules.sentencing import model as engine

from .booking_input import KIND, RECALL_OF_TYPE
from .calculator import PROFILES, PastedBookingInvalid, booking_from_form, booking_from_json, rules_under
from .models import PRISON_NUMBER
from .release_dates import Rules, live_rules
from .selectors import MAPPA_NO_LEVEL, RAG_CODES, ROSH_NOT_RECORDED, CaseloadQuery
from .vocabulary import EarlyReleaseExclusion, RecallType, RoshLevel, SentenceCalcType

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
    rag = forms.MultipleChoiceField(
        label="Readiness",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(
            zip(
                RAG_CODES,
                ["Red: a step overdue", "Amber: a step due in 4 weeks", "Green: on track"],
                strict=True,
            )
        ),
        error_messages={"invalid_choice": "Select readiness from the list: red, amber or green"},
    )
    # Reached from a bar of the dashboard's releases chart, never typed: kept as a hidden field.
    release_month = forms.RegexField(
        label="Release month",
        required=False,
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        widget=forms.HiddenInput,
        error_messages={"invalid": "Release month must be a year and month, like 2027-03"},
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
    error_anchors = {
        "sort": "caseload-results",
        "order": "caseload-results",
        "release_month": "caseload-results",
    }
    filter_fields = ("release", "rag", "release_month", "rosh", "mappa_category", "mappa_level", "q")

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
            rag=frozenset(data.get("rag", ())),
            release_month=_first_of(data.get("release_month")),
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
            if name == "release_month":
                labels = {chosen: f"{_first_of(chosen):%B %Y}"}
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


class PrisonNumberField(forms.CharField):
    """An optional prison number to look for, typed in any case: like A1234BC, or an error saying so."""

    default_error_messages = {
        "invalid": "Enter a prison number like A1234BC",
        "max_length": "Prison number must be 7 characters, like A1234BC",
    }

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=7, **kwargs)

    def to_python(self, value) -> str:
        return super().to_python(value).upper()

    def validate(self, value) -> None:
        super().validate(value)
        # Longer than a prison number is the length's error (run next), which says how long one is.
        if value and len(value) <= self.max_length and not PRISON_NUMBER.regex.match(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")


def _first_of(month: str | None) -> date | None:
    """The first day of a month written 2027-03."""
    return date.fromisoformat(f"{month}-01") if month else None


class DateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes, posted as name_day, name_month and name_year."""

    def __init__(self):
        super().__init__({"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput})

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]


class DateField(forms.Field):
    """A date typed as GOV.UK asks for one, with the design system's error messages.

    `noun` names the date in those messages: "Enter the sentence date", "Sentence date must be a real date".
    """

    widget = DateInput

    def __init__(self, noun: str, **kwargs):
        self.noun = noun
        kwargs.setdefault("error_messages", {"required": f"Enter the {noun}"})
        super().__init__(**kwargs)

    def to_python(self, value) -> date | None:
        parts = [str(part or "").strip() for part in value or ()]
        if not any(parts):
            return None
        subject = self.noun[0].upper() + self.noun[1:]
        missing = [unit for unit, part in zip(("day", "month", "year"), parts, strict=True) if not part]
        if missing:
            raise ValidationError(f"{subject} must include a {' and '.join(missing)}")
        day, month, year = parts
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(f"{subject} must be a real date, in numbers")
        if len(year) != 4:
            raise ValidationError(f"Year of the {self.noun} must include 4 numbers")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{subject} must be a real date") from None


def _days(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=36500,
        error_messages={
            "invalid": f"{label} must be a whole number",
            "min_value": f"{label} must be 0 or more",
            "max_value": f"{label} must be 36,500 or fewer",
        },
    )


def _count(label: str, unit: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=unit.capitalize(),
        required=False,
        min_value=0,
        max_value=1200,
        error_messages={
            "invalid": f"{label} {unit} must be a whole number",
            "min_value": f"{label} {unit} must be 0 or more",
            "max_value": f"{label} {unit} must be 1,200 or fewer",
        },
    )


class RulesChoiceForm(forms.Form):
    """The rule profile to calculate under: the one in force unless the user is checking a CRDS case that
    was calculated under another."""

    profile = forms.ChoiceField(
        label="Rules",
        choices=[(name, name) for name in PROFILES],
        error_messages={"required": "Choose the rules", "invalid_choice": "Choose rules from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].initial = live_rules().profile_name

    def rules(self) -> Rules:
        return rules_under(self.cleaned_data["profile"])


class BookingDetailsForm(RulesChoiceForm):
    date_of_birth = DateField("date of birth", label="Date of birth")
    subject_to_notification = forms.BooleanField(label="Subject to sex-offender notification", required=False)
    remand_days = _days("Remand days")
    tagged_bail_days = _days("Tagged bail days")
    ual_days = _days("Unlawfully at large (UAL) days")
    ada_days = _days("Additional days awarded (ADA)")
    rada_days = _days("Restored additional days (RADA)")


DETERMINATE_TYPES = [(code, label) for code, label in SentenceCalcType.choices if code in KIND]
EXTENDED_KINDS = (engine.SentenceKind.EXTENDED, engine.SentenceKind.SOPC)
SENTENCE_NUMBERS = [("", "Not consecutive"), *((str(n), f"Sentence {n}") for n in range(1, 5))]


class SentenceForm(forms.Form):
    calc_type = forms.ChoiceField(
        label="Sentence type",
        choices=[("", "Choose a sentence type"), *DETERMINATE_TYPES],
        error_messages={
            "required": "Choose the sentence type",
            "invalid_choice": "Choose a determinate sentence type from the list",
        },
    )
    sentence_date = DateField("sentence date", label="Sentence date")
    offence_date = DateField("offence date", label="Offence date")
    years = _count("Sentence", "years")
    months = _count("Sentence", "months")
    weeks = _count("Sentence", "weeks")
    days = _count("Sentence", "days")
    extension_years = _count("Extension", "years")
    extension_months = _count("Extension", "months")
    consecutive_to = forms.ChoiceField(
        label="Consecutive to",
        required=False,
        choices=SENTENCE_NUMBERS,
        error_messages={"invalid_choice": "Choose a sentence from the list"},
    )
    is_sds_plus = forms.BooleanField(label="SDS+ (released at two-thirds)", required=False)
    early_release_exclusions = forms.MultipleChoiceField(
        label="Early-release exclusions",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=EarlyReleaseExclusion.choices,
        error_messages={"invalid_choice": "Choose early-release exclusions from the list"},
    )
    recall_type = forms.ChoiceField(
        label="Recall type",
        required=False,
        choices=[("", "As the sentence type implies"), *RecallType.choices],
        error_messages={"invalid_choice": "Choose a recall type from the list"},
    )
    return_to_custody_date = DateField(
        "return to custody date", label="Return to custody date", required=False
    )

    length_fields = ("years", "months", "weeks", "days")
    extension_fields = ("extension_years", "extension_months")

    def clean(self):
        data = super().clean()
        calc_type = data.get("calc_type")
        lengths_typed = any(data.get(name) or name in self.errors for name in self.length_fields)
        if not lengths_typed:
            self._problem("years", "Enter the sentence length")
        extended = calc_type and KIND[calc_type] in EXTENDED_KINDS
        has_extension = any(data.get(name) or name in self.errors for name in self.extension_fields)
        if extended and not has_extension:
            self._problem("extension_years", "Enter the extension period of an extended sentence or SOPC")
        if calc_type and not extended and has_extension:
            self._problem("extension_years", "Only an extended sentence or SOPC has an extension period")
        sentenced, offended = data.get("sentence_date"), data.get("offence_date")
        if sentenced and offended and offended > sentenced:
            self._problem("offence_date", "Offence date must be on or before the sentence date")
        recall = calc_type in RECALL_OF_TYPE
        if recall and not data.get("return_to_custody_date"):
            self._problem("return_to_custody_date", "Enter the return to custody date of a recall")
        if calc_type and not recall:
            for name in ("recall_type", "return_to_custody_date"):
                if data.get(name):
                    self._problem(name, "Only a recall sentence has a recall type and return to custody date")
        return data

    def _problem(self, name: str, message: str) -> None:
        """A problem found across fields, shown on `name` unless its own value is already wrong: one error
        a field, the first to put right (a number typed as a word is not also "enter the length")."""
        if name not in self.errors:
            self.add_error(name, message)


class BaseSentenceFormSet(forms.BaseFormSet):
    """Up to four sentences; the first is required and the rest count only if something is typed in them."""

    def used(self) -> dict[int, dict]:
        """The cleaned sentences by the number the page shows them under (from 1)."""
        return {number: form.cleaned_data for number, form in enumerate(self.forms, 1) if form.cleaned_data}

    def clean(self):
        if any(form.errors for form in self.forms):
            return
        used = self.used()
        for number, row in used.items():
            target = row.get("consecutive_to")
            if target == str(number):
                self.forms[number - 1].add_error(
                    "consecutive_to", "A sentence cannot be consecutive to itself"
                )
            elif target and int(target) not in used:
                self.forms[number - 1].add_error("consecutive_to", f"Enter sentence {target} first")


SentenceFormSet = forms.formset_factory(
    SentenceForm, formset=BaseSentenceFormSet, extra=3, min_num=1, max_num=4, validate_max=True
)


class EnteredBookingForm:
    """A booking typed in: its details and up to four sentences, validated and summarised as one form."""

    def __init__(self, data: QueryDict | None = None):
        self.details = BookingDetailsForm(data)
        self.sentences = SentenceFormSet(data, prefix="sentence")

    def is_valid(self) -> bool:
        # Both are validated whatever the first says, so every error is shown at once.
        return all([self.details.is_valid(), self.sentences.is_valid()])

    @property
    def errors(self) -> bool:
        return bool(self.details.errors or any(form.errors for form in self.sentences))

    def error_parts(self) -> list[tuple[str, forms.Form]]:
        """Each form with the words its errors are prefixed by in the error summary."""
        return [
            ("", self.details),
            *((f"Sentence {number}", form) for number, form in enumerate(self.sentences, 1)),
        ]

    def rules(self) -> Rules:
        return self.details.rules()

    def engine_booking(self) -> engine.Booking:
        return booking_from_form(self.details.cleaned_data, self.sentences.used())


# One booking of CRDS JSON is a few kilobytes; a national extract pasted by mistake is megabytes. The page
# posts it as multipart, so that a paste up to Django's limit on a form (2.5 MB) arrives unswollen by URL
# encoding and is refused here, with the form, rather than by resettle.core.errors' page.
PASTED_BOOKING_MAX_KB = 100


def pasted_booking_too_large(text: str) -> bool:
    return len(text.encode()) > PASTED_BOOKING_MAX_KB * 1024


class PastedBookingForm(RulesChoiceForm):
    booking = forms.CharField(
        label="Booking in CRDS JSON",
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=(
            "The booking object of a CRDS request or test fixture, or the whole fixture with its booking and "
            f"user inputs. It must be smaller than {PASTED_BOOKING_MAX_KB} KB."
        ),
        error_messages={"required": "Paste a booking in CRDS JSON"},
    )

    def clean_booking(self) -> engine.Booking:
        text = self.cleaned_data["booking"]
        if pasted_booking_too_large(text):
            raise ValidationError(f"The booking must be smaller than {PASTED_BOOKING_MAX_KB} KB")
        try:
            return booking_from_json(text)
        except PastedBookingInvalid as error:
            raise ValidationError(str(error)) from None

    def engine_booking(self) -> engine.Booking:
        return self.cleaned_data["booking"]
