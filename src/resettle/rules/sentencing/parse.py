"""Reading a booking in CRDS's JSON shape (the fixtures' `booking`, plus `userInputs`).

Every problem is reported with the path of the field at fault, e.g. "sentences[1].duration: ...", so a
bad import can be corrected without reading code."""

import uuid
from datetime import date
from typing import Any

from .durations import Duration
from .model import (
    Adjustment,
    AdjustmentType,
    Booking,
    ExternalMovement,
    Offence,
    Offender,
    Recall,
    RecallType,
    ReleaseArrangements,
    Sentence,
    SentenceKind,
)

UNITS = {"YEARS": "years", "MONTHS": "months", "WEEKS": "weeks", "DAYS": "days"}


class BookingInvalid(ValueError):
    """The booking cannot be read; `field` names where, the message says what is wrong."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def _date(value: Any, field: str, *, required: bool = True) -> date | None:
    if value is None:
        if required:
            raise BookingInvalid(field, "is required")
        return None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise BookingInvalid(field, f"{value!r} is not a date (YYYY-MM-DD)") from None


def _object(value: Any, field: str) -> dict:
    if not isinstance(value, dict):
        raise BookingInvalid(field, "must be an object")
    return value


def _duration(value: Any, field: str) -> Duration:
    elements = _object(value, field).get("durationElements")
    elements = _object(elements, f"{field}.durationElements")
    amounts = {}
    for unit, amount in elements.items():
        if unit not in UNITS:
            raise BookingInvalid(
                f"{field}.durationElements.{unit}", "unknown unit (YEARS, MONTHS, WEEKS or DAYS)"
            )
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
            raise BookingInvalid(
                f"{field}.durationElements.{unit}", f"{amount!r} is not a whole number of {unit.lower()}"
            )
        amounts[UNITS[unit]] = amount
    duration = Duration(**amounts)
    if duration.is_zero():
        raise BookingInvalid(field, "a sentence must have a length")
    return duration


def _enum(enum, value: Any, field: str):
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise BookingInvalid(field, f"{value!r} is not one of {allowed}") from None


def _sentence(raw: Any, field: str) -> Sentence:
    raw = _object(raw, field)
    kind = _enum(SentenceKind, raw.get("type", SentenceKind.STANDARD.value), f"{field}.type")
    offence = _object(raw.get("offence"), f"{field}.offence")
    arrangements = raw.get("releaseArrangements") or {}
    recall = raw.get("recall")
    extended = kind in (SentenceKind.EXTENDED, SentenceKind.SOPC)
    consecutive = raw.get("consecutiveSentenceUUIDs") or []
    return Sentence(
        kind=kind,
        offence=Offence(
            _date(offence.get("committedAt"), f"{field}.offence.committedAt"), offence.get("offenceCode")
        ),
        sentenced_at=_date(raw.get("sentencedAt"), f"{field}.sentencedAt"),
        identifier=str(raw.get("identifier") or uuid.uuid4()),
        duration=Duration() if extended else _duration(raw.get("duration"), f"{field}.duration"),
        custodial_duration=_duration(raw.get("custodialDuration"), f"{field}.custodialDuration")
        if extended
        else Duration(),
        extension_duration=_duration(raw.get("extensionDuration"), f"{field}.extensionDuration")
        if extended
        else Duration(),
        automatic_release=bool(raw.get("automaticRelease", False)),
        sdopcu18=bool(raw.get("sdopcu18", False)),
        fine_amount=raw.get("fineAmount"),
        latest_tused=_date(raw.get("latestTusedDate"), f"{field}.latestTusedDate", required=False),
        consecutive_to=str(consecutive[0]) if consecutive else None,
        recall=None
        if recall is None
        else Recall(
            _enum(
                RecallType, _object(recall, f"{field}.recall").get("recallType"), f"{field}.recall.recallType"
            ),
            _date(recall.get("revocationDate"), f"{field}.recall.revocationDate", required=False),
            _date(recall.get("returnToCustodyDate"), f"{field}.recall.returnToCustodyDate", required=False),
        ),
        release_arrangements=ReleaseArrangements(
            is_sds_plus=bool(arrangements.get("isSDSPlus", False)),
            is_sds_plus_eligible=bool(
                arrangements.get("isSDSPlusEligibleSentenceTypeLengthAndOffence", False)
            ),
            is_section_250=bool(arrangements.get("isSection250", False)),
            early_release_exclusions=frozenset(arrangements.get("sdsEarlyReleaseExclusions") or ()),
        ),
    )


def _adjustments(raw: Any) -> tuple[Adjustment, ...]:
    adjustments = []
    for type_name, entries in _object(raw or {}, "adjustments").items():
        kind = _enum(AdjustmentType, type_name, f"adjustments.{type_name}")
        if not isinstance(entries, list):
            raise BookingInvalid(f"adjustments.{type_name}", "must be a list")
        for index, entry in enumerate(entries):
            field = f"adjustments.{type_name}[{index}]"
            entry = _object(entry, field)
            days = entry.get("numberOfDays", 0)  # CRDS reads a missing count as none
            if days is None:
                days = 0
            if not isinstance(days, int) or isinstance(days, bool) or days < 0:
                raise BookingInvalid(f"{field}.numberOfDays", f"{days!r} is not a whole number of days")
            adjustments.append(
                Adjustment(
                    kind,
                    days,
                    _date(
                        entry.get("appliesToSentencesFrom"), f"{field}.appliesToSentencesFrom", required=False
                    ),
                    _date(entry.get("fromDate"), f"{field}.fromDate", required=False),
                    _date(entry.get("toDate"), f"{field}.toDate", required=False),
                    reason=str((entry.get("additionalInfo") or {}).get("reason") or ""),
                )
            )
    return tuple(adjustments)


def parse_booking(raw: Any, user_inputs: dict | None = None) -> Booking:
    """A `Booking` from CRDS's JSON booking; raises `BookingInvalid` naming the field at fault."""
    raw = _object(raw, "booking")
    offender = _object(raw.get("offender"), "offender")
    sentences = raw.get("sentences")
    if not isinstance(sentences, list) or not sentences:
        raise BookingInvalid("sentences", "at least one sentence is required")
    ftr = raw.get("fixedTermRecallDetails") or {}
    tused = raw.get("historicalTusedData") or {}
    movements = raw.get("externalMovements") or []
    return Booking(
        offender=Offender(
            _date(offender.get("dateOfBirth"), "offender.dateOfBirth"),
            bool(offender.get("isActiveSexOffender", False)),
            str(offender.get("reference", "")),
        ),
        sentences=tuple(_sentence(s, f"sentences[{i}]") for i, s in enumerate(sentences)),
        adjustments=_adjustments(raw.get("adjustments")),
        return_to_custody_date=_date(raw.get("returnToCustodyDate"), "returnToCustodyDate", required=False),
        ftr_return_to_custody_date=_date(
            ftr.get("returnToCustodyDate"), "fixedTermRecallDetails.returnToCustodyDate", required=False
        ),
        external_movements=tuple(
            ExternalMovement(
                _date(m.get("movementDate"), f"externalMovements[{i}].movementDate"),
                str(m.get("movementReason")),
                str(m.get("direction")),
            )
            for i, m in enumerate(movements)
        ),
        historical_tused=_date(tused.get("tused"), "historicalTusedData.tused", required=False),
        calculate_ersed=bool((user_inputs or {}).get("calculateErsed", False)),
    )
