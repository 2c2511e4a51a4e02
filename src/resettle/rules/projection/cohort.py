"""The men to project, as NumPy arrays of day offsets from the projection's first day.

Each man has one release route, decided from his dates as the release-date rules give them:

- AUTOMATIC: released at the CRD or ARD (the earlier), or earlier on HDC from an HDCED still ahead;
- PAROLE: a determinate sentence with a PED (EDS, SOPC, pre-2022 DCR): released at the first parole hearing
  that directs it (the PED, then reviews), and at the CRD at the latest;
- RECALLED: released at the post-recall release date;
- INDETERMINATE: released at a parole hearing from the tariff expiry (TED) or the next target hearing (THD);
- UNDATED: no release date to project from (remanded, unsentenced, or a calculation refused): counted,
  never projected.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum

import numpy as np

# A day offset no horizon reaches: "never" for a release, a licence end or a handover.
NEVER = np.int32(1_000_000)
# A handover that has always happened: the COM was responsible from sentence.
ALWAYS = np.int32(-1_000_000)


class Route(IntEnum):
    AUTOMATIC = 0
    PAROLE = 1
    RECALLED = 2
    INDETERMINATE = 3
    UNDATED = 4


class Rosh(IntEnum):
    NOT_KNOWN = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    VERY_HIGH = 4


class Mappa(IntEnum):
    NOT_MAPPA = 0
    LEVEL_1 = 1
    LEVEL_2 = 2
    LEVEL_3 = 3
    LEVEL_NOT_SET = 4


ROSH_WORDS = {
    Rosh.NOT_KNOWN: "RoSH not known",
    Rosh.LOW: "Low",
    Rosh.MEDIUM: "Medium",
    Rosh.HIGH: "High",
    Rosh.VERY_HIGH: "Very high",
}
MAPPA_WORDS = {
    Mappa.NOT_MAPPA: "Not MAPPA",
    Mappa.LEVEL_1: "Level 1",
    Mappa.LEVEL_2: "Level 2",
    Mappa.LEVEL_3: "Level 3",
    Mappa.LEVEL_NOT_SET: "Level not set",
}


@dataclass(frozen=True)
class Man:
    """One man's facts for the projection. `released_by` is the automatic release (CRD/ARD, or the PRRD
    after recall); `hearing_on` the first parole hearing (PED, TED or THD); `hdced` only where it is before
    `released_by`. `handover_on` None means no handover in custody: see `com_from_start`."""

    prison: int
    route: Route
    released_by: date | None = None
    hearing_on: date | None = None
    hdced: date | None = None
    licence_ends: date | None = None
    handover_on: date | None = None
    com_from_start: bool = False
    rosh: Rosh = Rosh.NOT_KNOWN
    mappa: Mappa = Mappa.NOT_MAPPA
    sexual_offence: bool = False

    @property
    def approved_premises(self) -> bool:
        """Referred for approved premises: high or very high RoSH, or MAPPA level 2 or 3 (rulebook §5)."""
        return self.rosh >= Rosh.HIGH or self.mappa in (Mappa.LEVEL_2, Mappa.LEVEL_3)


def _offset(day: date | None, as_of: date, missing: np.int32) -> int:
    return int(missing) if day is None else (day - as_of).days


@dataclass
class Cohort:
    """Struct of arrays, one element a man."""

    as_of: date
    prisons: int
    prison: np.ndarray
    route: np.ndarray
    released_by: np.ndarray
    hearing_on: np.ndarray
    hdced: np.ndarray
    licence_ends: np.ndarray
    handover_on: np.ndarray
    rosh: np.ndarray
    mappa: np.ndarray
    sexual_offence: np.ndarray
    approved_premises: np.ndarray
    undated_by_prison: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    @classmethod
    def of(cls, men: list[Man], *, as_of: date, prisons: int) -> "Cohort":
        def days(values, missing=NEVER):
            return np.array([_offset(v, as_of, missing) for v in values], dtype=np.int32)

        dated = [man for man in men if man.route != Route.UNDATED]
        undated = np.bincount([man.prison for man in men if man.route == Route.UNDATED], minlength=prisons)
        return cls(
            as_of=as_of,
            prisons=prisons,
            prison=np.array([m.prison for m in dated], dtype=np.int32),
            route=np.array([int(m.route) for m in dated], dtype=np.int8),
            released_by=days(m.released_by for m in dated),
            hearing_on=days(m.hearing_on for m in dated),
            hdced=days(m.hdced for m in dated),
            licence_ends=days(m.licence_ends for m in dated),
            handover_on=np.array(
                [int(ALWAYS) if m.com_from_start else _offset(m.handover_on, as_of, NEVER) for m in dated],
                dtype=np.int32,
            ),
            rosh=np.array([int(m.rosh) for m in dated], dtype=np.int8),
            mappa=np.array([int(m.mappa) for m in dated], dtype=np.int8),
            sexual_offence=np.array([m.sexual_offence for m in dated], dtype=bool),
            approved_premises=np.array([m.approved_premises for m in dated], dtype=bool),
            undated_by_prison=undated.astype(np.int64),
        )

    def subset(self, men: np.ndarray) -> "Cohort":
        """The men selected by a boolean mask, as a cohort of their own (undated counts stay here)."""
        arrays = {
            name: getattr(self, name)[men]
            for name in (
                "prison",
                "route",
                "released_by",
                "hearing_on",
                "hdced",
                "licence_ends",
                "handover_on",
                "rosh",
                "mappa",
                "sexual_offence",
                "approved_premises",
            )
        }
        return Cohort(as_of=self.as_of, prisons=self.prisons, **arrays)

    def __len__(self) -> int:
        return len(self.prison)

    def held_by_prison(self) -> np.ndarray:
        return np.bincount(self.prison, minlength=self.prisons)
