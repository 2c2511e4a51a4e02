"""Template helpers for GOV.UK Frontend patterns that Django's forms and paginator do not speak natively."""

from datetime import date

from django import template
from django.forms.widgets import ChoiceWidget, MultiWidget

register = template.Library()


def _input_id(bound) -> str:
    """The input an error about `bound` links to: the first option of a radio or checkbox group, the
    first box (the day) of a date."""
    widget = bound.field.widget
    if isinstance(widget, ChoiceWidget):
        return widget.id_for_label(bound.auto_id, "0")
    if isinstance(widget, MultiWidget):
        return f"{bound.auto_id}{widget.widgets_names[0]}"
    return bound.auto_id


@register.filter
def error_summary_items(form) -> list[dict]:
    """The GOV.UK error summary's list: each message with a link to the input it is about.

    A form may name other targets in `error_anchors`, for errors without an input of their own. A page of
    several forms offers `error_parts()`, each form with the words that say which part an error is in
    ("Sentence 2: enter the sentence date").
    """
    parts = form.error_parts() if hasattr(form, "error_parts") else [("", form)]
    items = []
    for prefix, part in parts:
        anchors = getattr(part, "error_anchors", {})
        for name, messages in part.errors.items():
            target = anchors[name] if name in anchors else _input_id(part[name])
            items.extend(
                {
                    "text": f"{prefix}: {message[:1].lower()}{message[1:]}" if prefix else message,
                    "href": f"#{target}",
                }
                for message in messages
            )
    return items


@register.filter
def date_parts(bound) -> list[dict]:
    """The day, month and year boxes of a GOV.UK date input for a DateField, with what was typed in them."""
    value = bound.value()
    typed = [value.day, value.month, value.year] if isinstance(value, date) else (value or ["", "", ""])
    widget = bound.field.widget
    return [
        {
            "id": f"{bound.auto_id}{suffix}",
            "name": f"{bound.html_name}{suffix}",
            "label": suffix.removeprefix("_").capitalize(),
            "value": "" if part is None else part,
            "width": 4 if suffix == "_year" else 2,
        }
        for suffix, part in zip(widget.widgets_names, typed, strict=True)
    ]


@register.inclusion_tag("core/includes/pagination.html", takes_context=True)
def keyset_pagination(context, page, *, newer: str, older: str):
    """GOV.UK previous and next links for a keyset page (core.keyset), keeping the rest of the query."""

    def href(name, key):
        params = context["request"].GET.copy()
        for stale in ("before", "after", "page"):
            params.pop(stale, None)
        params[name] = key
        return f"?{params.urlencode()}"

    return {
        "items": [],
        "previous": href("after", page.newer) if page.newer else None,
        "previous_title": newer,
        "next": href("before", page.older) if page.older else None,
        "next_title": older,
    }


@register.inclusion_tag("core/includes/pagination.html", takes_context=True)
def pagination(context, page, *, parameter: str = "page", section: str = ""):
    """GOV.UK pagination for a Django page, keeping the rest of the query string in every link. A page with
    two lists pages each by its own `parameter`, each link returning to its list's `section` (an id)."""
    params = context["request"].GET.copy()

    def href(number):
        params[parameter] = number
        return f"?{params.urlencode()}" + (f"#{section}" if section else "")

    paginator = page.paginator
    items = [
        {"ellipsis": True}
        if number == paginator.ELLIPSIS
        else {"number": number, "href": href(number), "current": number == page.number}
        for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    return {
        "items": items if paginator.num_pages > 1 else [],
        "previous": href(page.previous_page_number()) if page.has_previous() else None,
        "next": href(page.next_page_number()) if page.has_next() else None,
    }
