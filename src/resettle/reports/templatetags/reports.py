"""How a report's figures read: a share as "12 of 40 (30%)", no men as "no men", never 0% of nothing."""

from django import template

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    if value is None:
        return "no men"
    shown = value * 100
    return f"{shown:.1f}%" if 0 < shown < 10 else f"{shown:.0f}%"


@register.filter
def figure_words(figure: dict | None, kind: str) -> str:
    """The figure in words without links (the PDF, the comparison columns)."""
    if figure is None:
        return "–"
    if kind == "share":
        if not figure["men"]:
            return "no men"
        return f"{figure['numerator']:,} of {figure['men']:,} ({percent(figure['value'])})"
    if kind == "count":
        return f"{figure['men']:,}"
    if kind == "median":
        if figure["value"] is None:
            return "no men"
        return f"{figure['value']:,.0f} days ({figure['men']:,} men)"
    return f"{figure['men']:,} men"


@register.filter
def rag_words(rag: str | None) -> str:
    return {"GREEN": "Green", "AMBER": "Amber", "RED": "Red"}.get(rag or "", "Not rated")


@register.filter
def rag_tag(rag: str | None) -> str:
    """The GOV.UK tag colour for a RAG rating."""
    return {"GREEN": "govuk-tag--green", "AMBER": "govuk-tag--yellow", "RED": "govuk-tag--red"}.get(
        rag or "", "govuk-tag--grey"
    )


@register.filter
def rag_card(rag: str | None) -> str:
    return {"GREEN": "app-rag-card--green", "AMBER": "app-rag-card--amber", "RED": "app-rag-card--red"}.get(
        rag or "", ""
    )


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key)
