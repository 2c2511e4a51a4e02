"""Template helpers for GOV.UK Frontend patterns that Django's forms and paginator do not speak natively."""

from django import template
from django.forms.widgets import ChoiceWidget

register = template.Library()


@register.filter
def error_summary_items(form) -> list[dict]:
    """The GOV.UK error summary's list: each message with a link to the input it is about.

    A radio or checkbox group is reached through its first option. A form may name other targets in
    `error_anchors`, for errors without an input of their own.
    """
    anchors = getattr(form, "error_anchors", {})
    items = []
    for name, messages in form.errors.items():
        if name in anchors:
            target = anchors[name]
        else:
            bound = form[name]
            widget = bound.field.widget
            target = (
                widget.id_for_label(bound.auto_id, "0") if isinstance(widget, ChoiceWidget) else bound.auto_id
            )
        items.extend({"text": message, "href": f"#{target}"} for message in messages)
    return items


@register.inclusion_tag("core/includes/pagination.html", takes_context=True)
def pagination(context, page):
    """GOV.UK pagination for a Django page, keeping the rest of the query string in every link."""
    params = context["request"].GET.copy()

    def href(number):
        params["page"] = number
        return f"?{params.urlencode()}"

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
