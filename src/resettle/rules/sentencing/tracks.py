"""The release tracks a sentence can be on, and the date types CRDS uses (`model/ReleaseDateTypes.kt`)."""

from dataclasses import dataclass
from enum import StrEnum

from .model import Sentence
from .multipliers import Multiplier


class Track(StrEnum):
    SDS = "Standard determinate sentence"
    SDS_PLUS = "Standard determinate sentence (SDS+)"
    EDS_AUTOMATIC = "Extended determinate sentence (automatic release)"
    EDS_DISCRETIONARY = "Extended determinate sentence"
    SOPC = "Sentence for offenders of particular concern"
    DTO = "Detention and training order"
    BOTUS = "Breach of top-up supervision"
    A_FINE = "Imprisonment in default of a fine"


class DateType(StrEnum):
    CRD = "CRD"
    ARD = "ARD"
    PED = "PED"
    HDCED = "HDCED"
    SLED = "SLED"
    SED = "SED"
    LED = "LED"
    TUSED = "TUSED"
    PRRD = "PRRD"
    ERSED = "ERSED"
    ESED = "ESED"
    MTD = "MTD"
    ETD = "ETD"
    LTD = "LTD"


RELEASE_TYPES = (DateType.CRD, DateType.ARD, DateType.PRRD)
TERM_TRACKS = frozenset({Track.DTO, Track.BOTUS, Track.A_FINE})  # "Term" sentences: no ADAs, no HDC


@dataclass(frozen=True)
class Identified:
    """A sentence with its track and its release fraction under the default legislation."""

    sentence: Sentence
    track: Track
    multiplier: Multiplier
    ped_multiplier: Multiplier | None = None  # parole eligibility, EDS and SOPC

    @property
    def is_recall(self) -> bool:
        return self.sentence.recall is not None
