"""The audit trail page's reading of an entry's details (resettle.audit.display)."""

from django import template

from resettle.audit import display

register = template.Library()

register.filter("asked_for", display.asked_for)
register.filter("long_text", display.long_text)
