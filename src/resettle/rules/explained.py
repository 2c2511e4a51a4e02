"""A value together with the reasons that produced it, so a page can say how without recomputing."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ExplainedDate:
    kind: str  # the date's field name: CRD, PED, TED...
    on: date
    because: tuple[str, ...]
