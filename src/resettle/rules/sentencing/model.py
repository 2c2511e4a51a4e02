"""The booking a calculation starts from: what the court passed, the time already served and the
adjustments, as frozen values. Field names follow CRDS's booking so the two can be compared."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .durations import Duration


class SentenceKind(StrEnum):
    STANDARD = "StandardSentence"
    EXTENDED = "ExtendedDeterminateSentence"
    SOPC = "SopcSentence"
    A_FINE = "AFineSentence"
    DTO = "DetentionAndTrainingOrderSentence"
    BOTUS = "BotusSentence"


class RecallType(StrEnum):
    STANDARD = "STANDARD_RECALL"
    STANDARD_255 = "STANDARD_RECALL_255"
    FTR_14 = "FIXED_TERM_RECALL_14"
    FTR_28 = "FIXED_TERM_RECALL_28"
    FTR_56 = "FIXED_TERM_RECALL_56"


class AdjustmentType(StrEnum):
    REMAND = "REMAND"
    TAGGED_BAIL = "TAGGED_BAIL"
    UNLAWFULLY_AT_LARGE = "UNLAWFULLY_AT_LARGE"
    ADDITIONAL_DAYS_AWARDED = "ADDITIONAL_DAYS_AWARDED"
    RESTORATION_OF_ADDITIONAL_DAYS_AWARDED = "RESTORATION_OF_ADDITIONAL_DAYS_AWARDED"
    RECALL_REMAND = "RECALL_REMAND"
    RECALL_TAGGED_BAIL = "RECALL_TAGGED_BAIL"
    # Kinds CRDS cannot calculate and routes to manual entry (validation/ValidationCode.kt).
    LAWFULLY_AT_LARGE = "LAWFULLY_AT_LARGE"
    SPECIAL_REMISSION = "SPECIAL_REMISSION"
    TIME_SPENT_IN_CUSTODY_ABROAD = "TIME_SPENT_IN_CUSTODY_ABROAD"
    TIME_SPENT_AS_AN_APPEAL_APPLICANT = "TIME_SPENT_AS_AN_APPEAL_APPLICANT"


MANUAL_ADJUSTMENTS = frozenset(
    {
        AdjustmentType.LAWFULLY_AT_LARGE,
        AdjustmentType.SPECIAL_REMISSION,
        AdjustmentType.TIME_SPENT_IN_CUSTODY_ABROAD,
        AdjustmentType.TIME_SPENT_AS_AN_APPEAL_APPLICANT,
    }
)


@dataclass(frozen=True)
class Offender:
    date_of_birth: date
    is_active_sex_offender: bool = False
    reference: str = ""


@dataclass(frozen=True)
class Offence:
    committed_at: date
    offence_code: str | None = None


@dataclass(frozen=True)
class ReleaseArrangements:
    is_sds_plus: bool = False
    is_sds_plus_eligible: bool = False  # isSDSPlusEligibleSentenceTypeLengthAndOffence
    is_section_250: bool = False
    early_release_exclusions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Recall:
    recall_type: RecallType
    revocation_date: date | None = None
    return_to_custody_date: date | None = None


@dataclass(frozen=True)
class Sentence:
    kind: SentenceKind
    offence: Offence
    sentenced_at: date
    identifier: str
    duration: Duration = Duration()
    custodial_duration: Duration = Duration()  # EDS and SOPC
    extension_duration: Duration = Duration()  # EDS and SOPC
    automatic_release: bool = False  # EDS (LASPO_AR)
    sdopcu18: bool = False
    fine_amount: float | None = None
    latest_tused: date | None = None  # BOTUS
    consecutive_to: str | None = None
    recall: Recall | None = None
    release_arrangements: ReleaseArrangements = ReleaseArrangements()

    @property
    def terms(self) -> tuple[Duration, ...]:
        """What is served, in order: the custodial term then any extended licence."""
        if self.kind in (SentenceKind.EXTENDED, SentenceKind.SOPC):
            return (self.custodial_duration, self.extension_duration)
        return (self.duration,)

    @property
    def custodial_terms(self) -> tuple[Duration, ...]:
        if self.kind in (SentenceKind.EXTENDED, SentenceKind.SOPC):
            return (self.custodial_duration,)
        return (self.duration,)


@dataclass(frozen=True)
class Adjustment:
    type: AdjustmentType
    number_of_days: int
    applies_to_sentences_from: date | None = None
    from_date: date | None = None
    to_date: date | None = None
    reason: str = ""  # UAL: why he was at large (ESCAPE, RELEASE_IN_ERROR...), "" not recorded

    @property
    def on(self) -> date | None:
        """When it happened on the timeline: the start of the period, else the sentence it attaches to."""
        return self.from_date or self.applies_to_sentences_from


@dataclass(frozen=True)
class ExternalMovement:
    movement_date: date
    reason: str
    direction: str  # IN or OUT


@dataclass(frozen=True)
class Booking:
    offender: Offender
    sentences: tuple[Sentence, ...]
    adjustments: tuple[Adjustment, ...] = ()
    return_to_custody_date: date | None = None
    ftr_return_to_custody_date: date | None = None  # fixedTermRecallDetails
    external_movements: tuple[ExternalMovement, ...] = ()
    historical_tused: date | None = None
    calculate_ersed: bool = False

    def returned_to_custody(self, sentence: Sentence) -> date | None:
        """The one answer to "when did he come back on this recall": the recall's own date, else the
        booking's, else the fixed-term recall details' (every rule asks here, so none reads it otherwise)."""
        if sentence.recall is None:
            return None
        return (
            sentence.recall.return_to_custody_date
            or self.return_to_custody_date
            or self.ftr_return_to_custody_date
        )

    def adjustments_of(self, *types: AdjustmentType) -> tuple[Adjustment, ...]:
        return tuple(a for a in self.adjustments if a.type in types)
