"""Sentence identification (CRDS `SentenceIdentificationService`): which track a sentence is on, its release
fraction under the default legislation, and which dates it gets."""

from datetime import date

from . import botus, dto, extended, fines, sds
from .legislation import Profile
from .model import Offender, Sentence, SentenceKind
from .tracks import DateType, Identified, Track


def identify(sentence: Sentence, profile: Profile) -> Identified:
    kind = sentence.kind
    if kind is SentenceKind.STANDARD:
        track = Track.SDS_PLUS if sentence.release_arrangements.is_sds_plus else Track.SDS
        return Identified(sentence, track, sds.default_multiplier(track, profile))
    if kind is SentenceKind.EXTENDED:
        return extended.identify_eds(sentence)
    if kind is SentenceKind.SOPC:
        return extended.identify_sopc(sentence)
    if kind is SentenceKind.DTO:
        return Identified(sentence, Track.DTO, dto.MULTIPLIER)
    if kind is SentenceKind.BOTUS:
        return Identified(sentence, Track.BOTUS, botus.MULTIPLIER)
    return Identified(sentence, Track.A_FINE, fines.multiplier(sentence))


def unit_date_types(
    parts: tuple[Identified, ...],
    sentenced_at: date,
    total_days: int,
    offender: Offender,
    release_estimate: date,
    progression_model: bool = False,
) -> frozenset[DateType]:
    """The date types of a single sentence or consecutive chain."""
    if any(p.is_recall for p in parts):
        # On recall the release dates give way to the post-recall release; the expiry dates remain.
        base = _types(parts, sentenced_at, total_days, offender, release_estimate, progression_model)
        return frozenset(base - {DateType.CRD, DateType.ARD, DateType.PED} | {DateType.PRRD})
    return _types(parts, sentenced_at, total_days, offender, release_estimate, progression_model)


def _types(
    parts, sentenced_at, total_days, offender, release_estimate, progression_model
) -> frozenset[DateType]:
    tracks = {p.track for p in parts}
    if tracks == {Track.DTO}:
        return dto.DATE_TYPES
    if tracks <= {Track.BOTUS, Track.A_FINE}:
        return frozenset({DateType.ARD, DateType.SED})
    types = {DateType.CRD, DateType.SLED}
    if any(p.ped_multiplier for p in parts):
        return frozenset(types | {DateType.PED})
    if tracks & {Track.EDS_AUTOMATIC, Track.EDS_DISCRETIONARY, Track.SOPC}:
        return frozenset(types)
    return sds.date_types(parts, sentenced_at, total_days, offender, release_estimate, progression_model)
