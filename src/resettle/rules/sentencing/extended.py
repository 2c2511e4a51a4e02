"""Extended determinate sentences and sentences for offenders of particular concern.

EDS (CJA 2003 s.226A/s.246A): automatic release (LASPO_AR) at two thirds of the custodial term; otherwise
parole eligibility at two thirds and release at the end of the custodial term. SOPC (s.236A): release at
the end of the custodial term, parole eligibility at one half if sentenced before the PCSC Act
(28 June 2022, and not an under-18 SDOPC), else two thirds. The licence is custodial term plus extension."""

from .legislation import PCSC_COMMENCEMENT_DATE
from .model import Sentence
from .multipliers import FULL, ONE_HALF, TWO_THIRDS
from .tracks import Identified, Track


def identify_eds(sentence: Sentence) -> Identified:
    if sentence.automatic_release:
        return Identified(sentence, Track.EDS_AUTOMATIC, TWO_THIRDS)
    return Identified(sentence, Track.EDS_DISCRETIONARY, FULL, ped_multiplier=TWO_THIRDS)


def identify_sopc(sentence: Sentence) -> Identified:
    halfway = sentence.sentenced_at < PCSC_COMMENCEMENT_DATE and not sentence.sdopcu18
    return Identified(sentence, Track.SOPC, FULL, ped_multiplier=ONE_HALF if halfway else TWO_THIRDS)
