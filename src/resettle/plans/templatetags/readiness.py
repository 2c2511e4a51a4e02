"""Template helpers for the readiness pages."""

from django import forms, template

from resettle.core.clock import today
from resettle.people.forms import DateInput
from resettle.rules.policy import in_words
from resettle.rules.readiness.settings import settings_in_force

register = template.Library()

STATUS_TAGS = {
    "overdue": ("red", "Overdue"),
    "due": ("blue", "Due"),
    "done": ("green", "Done"),
    "not_applicable": ("grey", "Not applicable"),
}
RAG_TAGS = {"RED": "red", "AMBER": "orange", "GREEN": "green"}
# Who holds the case, in the words Manage POM Cases shows for its `responsibility` values (anchors §1).
RESPONSIBILITY_LABELS = {
    "CustodyOnly": "POM responsible",
    "CustodyWithCom": "POM responsible, COM supporting",
    "Community": "COM responsible, POM supporting",
}


@register.simple_tag
def policy_period(name: str) -> str:
    """A period of the readiness numbers in force today, as words ("4 weeks"): copy names the policy's
    number rather than writing it again (rules.policy)."""
    return in_words(getattr(settings_in_force(today()), name))


@register.filter
def field_kind(bound) -> str:
    """Which GOV.UK include renders this form field."""
    widget = bound.field.widget
    if isinstance(widget, DateInput):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


@register.filter
def percent_of(n: int, total: int) -> str:
    """`n` as a whole percentage of `total` ("35%"), or nothing when there is nothing to be a share of. A
    share that rounds to 0 or 100 but is not says "less than 1%" or "more than 99%"."""
    if not total:
        return ""
    share = 100 * n / total
    if 0 < share < 1:
        return "less than 1%"
    if 99 < share < 100:
        return "more than 99%"
    return f"{round(share)}%"


@register.filter
def counted_in(n: int, worklist) -> str:
    """`n` rows of `worklist` with their unit: "1 man", "1,149 steps"."""
    return worklist.counted(n)


@register.filter
def status_colour(status) -> str:
    return STATUS_TAGS.get(str(status), ("grey", ""))[0]


@register.filter
def status_label(status) -> str:
    return STATUS_TAGS.get(str(status), ("grey", str(status)))[1]


@register.filter
def rag_colour(rag: str) -> str:
    return RAG_TAGS.get(rag, "grey")


@register.filter
def responsibility_label(responsibility) -> str:
    return RESPONSIBILITY_LABELS.get(str(responsibility), str(responsibility))


@register.filter
def bar_height(count: int, busiest: int) -> int:
    """A bar's height in the 160-unit chart."""
    return round(160 * count / busiest) if busiest else 0


@register.simple_tag
def bar_y(red: int, amber: int, green: int, busiest: int, layer: str) -> int:
    """The top of one layer of a stacked bar: green at the bottom, then amber, then red on top."""
    below = {"green": 0, "amber": green, "red": green + amber}[layer]
    own = {"green": green, "amber": amber, "red": red}[layer]
    return 180 - bar_height(below + own, busiest)


@register.simple_tag
def layer_height(red: int, amber: int, green: int, busiest: int, layer: str) -> int:
    below = {"green": 0, "amber": green, "red": green + amber}[layer]
    own = {"green": green, "amber": amber, "red": red}[layer]
    return bar_height(below + own, busiest) - bar_height(below, busiest)


@register.simple_tag
def bar_x(index: int, offset: int = 0) -> int:
    """The left edge of the index-th bar (60 units a month, the bar 36 wide), plus `offset`."""
    return index * 60 + 12 + offset


@register.filter
def get_title(sections: dict, slug: str) -> str:
    section = sections.get(slug)
    return section.title if section else ""


@register.filter
def get_action(sections: dict, slug: str) -> str:
    section = sections.get(slug)
    return section.action if section else ""
