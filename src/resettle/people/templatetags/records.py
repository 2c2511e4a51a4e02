"""Template helpers for showing a person's record: lengths, risk levels and sortable caseload columns."""

from django import template

from resettle.people.selectors import KEY_DATE_NAMES
from resettle.people.vocabulary import EarlyReleaseExclusion
from resettle.rules.release import is_release_date

register = template.Library()

# RoSH levels as GOV.UK tag colours: the brighter the tag, the higher the risk.
ROSH_TAG_COLOURS = {"VERY_HIGH": "red", "HIGH": "orange", "MEDIUM": "yellow", "LOW": "green"}

# Columns whose most useful first view is highest first.
DESCENDING_FIRST = {"rosh", "mappa_level"}


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def _length(years: int, months: int, weeks: int, days: int) -> str:
    parts = [
        _plural(n, unit)
        for n, unit in ((years, "year"), (months, "month"), (weeks, "week"), (days, "day"))
        if n
    ]
    return " ".join(parts) or "No length recorded"


@register.filter
def sentence_length(sentence) -> str:
    """'4 years 6 months': the custodial term for an extended sentence, the whole length otherwise."""
    return _length(sentence.years, sentence.months, sentence.weeks, sentence.days)


@register.filter
def extension_length(sentence) -> str:
    return _length(
        sentence.extension_years, sentence.extension_months, sentence.extension_weeks, sentence.extension_days
    )


@register.filter
def rosh_colour(level: str) -> str:
    return ROSH_TAG_COLOURS.get(level, "grey")


@register.inclusion_tag("core/includes/sortable_header.html", takes_context=True)
def sortable_header(context, label, key, query, classes=""):
    """A table header that sorts the list by `key` on the server, keeping the filters in its link."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    current = query.sort == key
    descending_next = not query.descending if current else key in DESCENDING_FIRST
    params["sort"] = key
    params["order"] = "desc" if descending_next else "asc"
    return {
        "label": label,
        "href": f"?{params.urlencode()}",
        "aria_sort": ("descending" if query.descending else "ascending") if current else "none",
        "classes": classes,
    }


@register.filter
def key_date_name(abbreviation: str) -> str:
    return KEY_DATE_NAMES.get(abbreviation, abbreviation)


@register.filter(name="is_release_date")
def is_release_date_filter(kind: str) -> bool:
    return is_release_date(kind)


@register.filter
def awaits_parole(planned) -> bool:
    """Whether the date he is planned to (an ExplainedDate, or None) is a TED or THD: a date the Parole
    Board may direct his release from, never his release date."""
    return planned is not None and not is_release_date(planned.kind)


@register.filter
def exclusion_name(code: str) -> str:
    return EarlyReleaseExclusion(code).label if code in EarlyReleaseExclusion.values else code
