"""How an audit entry's details read on the audit trail page.

An entry keeps what was asked exactly as the view handed it over: a query string's lists, a prison's
code, a caseload's staff id or None. The page shows each as `name: value`, in words a person reads, and
cuts a value too long for a table cell (a pasted search can run to thousands of characters) so that the
table fits the page; the whole value stays one click away.
"""

from dataclasses import dataclass

# Characters of a value shown in the table before the rest is folded away.
SHOWN_CHARACTERS = 80


@dataclass(frozen=True)
class Detail:
    name: str
    value: str

    @property
    def shortened(self) -> str:
        """The start of a long value, to show in the table; the whole of a short one."""
        if len(self.value) <= SHOWN_CHARACTERS:
            return self.value
        return self.value[:SHOWN_CHARACTERS].rstrip() + "…"

    @property
    def is_shortened(self) -> bool:
        return len(self.value) > SHOWN_CHARACTERS


def _as_text(value) -> str:
    # A string is one value, never the letters of one; a list (a query string's repeated parameter) is
    # its values, without the empty ones.
    if isinstance(value, list | tuple):
        return ", ".join(text for text in (_as_text(item) for item in value) if text)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def asked_for(query: dict) -> list[Detail]:
    """What a list or search asked for, one detail a parameter, leaving out those with no value (None,
    an empty string or list): "my_caseload=None" says nothing an auditor can use."""
    details = (Detail(str(name), _as_text(value)) for name, value in query.items())
    return [detail for detail in details if detail.value]


def long_text(text: str) -> Detail:
    """Any other text of an entry (its path, its detail) as one value, shortened like a query's."""
    return Detail("", text)
