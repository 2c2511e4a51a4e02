"""RAG against the targets in targets.yml: one file of targets, each with its source, read once."""

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml

from .measures import BY_ID, Kind

TARGETS_FILE = Path(__file__).with_name("targets.yml")


class Rag(StrEnum):
    GREEN = "GREEN"
    AMBER = "AMBER"
    RED = "RED"


@dataclass(frozen=True)
class Target:
    measure: str
    higher_is_better: bool
    green: float
    amber: float
    source: str

    def rag(self, value: float | None) -> Rag | None:
        """None with no value (no men): nothing to rate."""
        if value is None:
            return None
        sign = 1 if self.higher_is_better else -1
        if sign * value >= sign * self.green:
            return Rag.GREEN
        if sign * value >= sign * self.amber:
            return Rag.AMBER
        return Rag.RED


@cache
def targets() -> dict[str, Target]:
    raw = yaml.safe_load(TARGETS_FILE.read_text())
    found = {}
    for name, entry in raw.items():
        if name not in BY_ID or BY_ID[name].kind != Kind.SHARE:
            raise ValueError(f"targets.yml: {name!r} is not a share measure in the catalogue")
        higher = entry["better"] == "higher"
        if entry["better"] not in ("higher", "lower") or (entry["green"] < entry["amber"]) == higher:
            raise ValueError(f"targets.yml: {name}: green must be beyond amber in the better direction")
        found[name] = Target(name, higher, float(entry["green"]), float(entry["amber"]), entry["source"])
    return found
