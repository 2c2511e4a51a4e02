"""Differences between projections, signed so a rise and a fall read apart."""

from django import template

register = template.Library()


@register.filter
def minus(value: float, other: float) -> float:
    return value - other


@register.filter
def signed(value: float) -> str:
    """A whole-number difference with its sign: +12, −3 (a true minus sign), 0."""
    rounded = round(value)
    if rounded > 0:
        return f"+{rounded:,}"
    if rounded < 0:
        return f"\u2212{-rounded:,}"
    return "0"
