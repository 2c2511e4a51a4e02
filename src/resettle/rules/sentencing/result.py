"""What a calculation returns: the booking's dates, each with the reasons that produced it."""

from dataclasses import dataclass
from datetime import date

from ..explained import ExplainedDate
from .durations import Period

# The order CRDS lists dates in, for stable output.
DATE_ORDER = (
    "SLED",
    "SED",
    "LED",
    "CRD",
    "ARD",
    "PRRD",
    "PED",
    "HDCED",
    "ERSED",
    "MTD",
    "ETD",
    "LTD",
    "TUSED",
    "ESED",
)


class Refused(Exception):
    """The engine will not calculate this booking (CRDS sends such cases to manual calculation)."""

    def __init__(self, code: str, reason: str):
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class Calculation:
    breakdown: dict[str, ExplainedDate]
    effective_sentence_length: Period

    @property
    def dates(self) -> dict[str, date]:
        return {kind: explained.on for kind, explained in self.breakdown.items()}

    def explain(self) -> list[str]:
        lines = []
        for kind in sorted(self.breakdown, key=DATE_ORDER.index):
            explained = self.breakdown[kind]
            lines.append(f"{kind} {explained.on.isoformat()}")
            lines.extend(f"  {reason}" for reason in explained.because)
        lines.append(f"Effective sentence length {self.effective_sentence_length.iso()}")
        return lines
