"""Reading a booking in CRDS's JSON shape (the fixtures' `booking`, plus `userInputs`).

Every problem is reported with the path of the field at fault, e.g. "sentences[1].duration: ...", so a
bad import can be corrected without reading code."""

import uuid
from typing import Any

from ..field_input import FieldInvalid, a_date, a_list, a_whole_number, an_object, one_of
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


# The one field error of every input Resettle reads (rules.field_input), by the name a reader of a booking
# catches.
BookingInvalid = FieldInvalid


def _duration(value: Any, field: str) -> Duration:
    elements = an_object(value, field).get("durationElements")
    elements = an_object(elements, f"{field}.durationElements")
    amounts = {}
    for unit, amount in elements.items():
        if unit not in UNITS:
            raise BookingInvalid(
                f"{field}.durationElements.{unit}", "unknown unit (YEARS, MONTHS, WEEKS or DAYS)"
            )
        amounts[UNITS[unit]] = a_whole_number(
            amount, f"{field}.durationElements.{unit}", of=unit.lower(), at_least=0
        )
    duration = Duration(**amounts)
    if duration.is_zero():
        raise BookingInvalid(field, "a sentence must have a length")
    return duration


def _sentence(raw: Any, field: str) -> Sentence:
    raw = an_object(raw, field)
    kind = one_of(SentenceKind, raw.get("type", SentenceKind.STANDARD.value), f"{field}.type")
    offence = an_object(raw.get("offence"), f"{field}.offence")
    arrangements = raw.get("releaseArrangements") or {}
    recall = raw.get("recall")
    extended = kind in (SentenceKind.EXTENDED, SentenceKind.SOPC)
    consecutive = raw.get("consecutiveSentenceUUIDs") or []
    return Sentence(
        kind=kind,
        offence=Offence(
            a_date(offence.get("committedAt"), f"{field}.offence.committedAt"), offence.get("offenceCode")
        ),
        sentenced_at=a_date(raw.get("sentencedAt"), f"{field}.sentencedAt"),
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
        latest_tused=a_date(raw.get("latestTusedDate"), f"{field}.latestTusedDate", required=False),
        consecutive_to=str(consecutive[0]) if consecutive else None,
        recall=None
        if recall is None
        else Recall(
            one_of(
                RecallType,
                an_object(recall, f"{field}.recall").get("recallType"),
                f"{field}.recall.recallType",
            ),
            a_date(recall.get("revocationDate"), f"{field}.recall.revocationDate", required=False),
            a_date(recall.get("returnToCustodyDate"), f"{field}.recall.returnToCustodyDate", required=False),
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
    for type_name, entries in an_object(raw or {}, "adjustments").items():
        kind = one_of(AdjustmentType, type_name, f"adjustments.{type_name}")
        for index, entry in enumerate(a_list(entries, f"adjustments.{type_name}")):
            field = f"adjustments.{type_name}[{index}]"
            entry = an_object(entry, field)
            days = entry.get("numberOfDays", 0)  # CRDS reads a missing count as none
            if days is None:
                days = 0
            adjustments.append(
                Adjustment(
                    kind,
                    a_whole_number(days, f"{field}.numberOfDays", of="days", at_least=0),
                    a_date(
                        entry.get("appliesToSentencesFrom"), f"{field}.appliesToSentencesFrom", required=False
                    ),
                    a_date(entry.get("fromDate"), f"{field}.fromDate", required=False),
                    a_date(entry.get("toDate"), f"{field}.toDate", required=False),
                    reason=str((entry.get("additionalInfo") or {}).get("reason") or ""),
                )
            )
    return tuple(adjustments)


def parse_booking(raw: Any, user_inputs: dict | None = None) -> Booking:
    """A `Booking` from CRDS's JSON booking; raises `BookingInvalid` naming the field at fault."""
    raw = an_object(raw, "booking")
    offender = an_object(raw.get("offender"), "offender")
    sentences = raw.get("sentences")
    if not isinstance(sentences, list) or not sentences:
        raise BookingInvalid("sentences", "at least one sentence is required")
    ftr = raw.get("fixedTermRecallDetails") or {}
    tused = raw.get("historicalTusedData") or {}
    movements = raw.get("externalMovements") or []
    return Booking(
        offender=Offender(
            a_date(offender.get("dateOfBirth"), "offender.dateOfBirth"),
            bool(offender.get("isActiveSexOffender", False)),
            str(offender.get("reference", "")),
        ),
        sentences=tuple(_sentence(s, f"sentences[{i}]") for i, s in enumerate(sentences)),
        adjustments=_adjustments(raw.get("adjustments")),
        return_to_custody_date=a_date(raw.get("returnToCustodyDate"), "returnToCustodyDate", required=False),
        ftr_return_to_custody_date=a_date(
            ftr.get("returnToCustodyDate"), "fixedTermRecallDetails.returnToCustodyDate", required=False
        ),
        external_movements=tuple(
            ExternalMovement(
                a_date(m.get("movementDate"), f"externalMovements[{i}].movementDate"),
                str(m.get("movementReason")),
                str(m.get("direction")),
            )
            for i, m in enumerate(movements)
        ),
        historical_tused=a_date(tused.get("tused"), "historicalTusedData.tused", required=False),
        calculate_ersed=bool((user_inputs or {}).get("calculateErsed", False)),
    )
