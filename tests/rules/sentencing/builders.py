"""Bookings for tests, written in CRDS's JSON shape so they read like the fixtures."""

from resettle.rules.sentencing import Toggles, calculate, load_profile, parse_booking

NO_BANK_HOLIDAYS = ()


def sentence(sentenced_at, *, offence=None, type="StandardSentence", **fields):
    units = {k.upper(): fields.pop(k) for k in ("years", "months", "weeks", "days") if k in fields}
    raw = {"type": type, "offence": {"committedAt": offence or sentenced_at}, "sentencedAt": sentenced_at}
    if units:
        raw["duration"] = {"durationElements": units}
    raw.update(fields)
    return raw


def booking(*sentences, adjustments=None, dob="1990-01-01", sex_offender=False, **extra):
    return {
        "offender": {"reference": "A1234BC", "dateOfBirth": dob, "isActiveSexOffender": sex_offender},
        "sentences": list(sentences),
        "adjustments": adjustments or {},
        **extra,
    }


def remand(days, applies_from, kind="REMAND", **dates):
    return {kind: [{"appliesToSentencesFrom": applies_from, "numberOfDays": days, **dates}]}


def dates(raw_booking, profile="sds-50", toggles=None, user_inputs=None):
    result = run(raw_booking, profile, toggles, user_inputs)
    return {kind: day.isoformat() for kind, day in result.dates.items()}


def run(raw_booking, profile="sds-50", toggles=None, user_inputs=None):
    return calculate(
        parse_booking(raw_booking, user_inputs),
        load_profile(profile),
        Toggles.from_mapping(toggles),
        NO_BANK_HOLIDAYS,
    )


DTO = "DetentionAndTrainingOrderSentence"
# The progression-model profile and the toggles CRDS runs it with.
PM = "sds-progression-model-october"
PM_TOGGLES = {"applyPostRecallRepealRules": True, "routePreProgressionExtinguishedSentenceToManual": True}


def extended(kind, sentenced_at, custodial, extension, **fields):
    """An extended sentence (EDS, SOPC): a custodial term and an extension, each as durationElements."""
    return sentence(
        sentenced_at,
        type=kind,
        custodialDuration={"durationElements": custodial},
        extensionDuration={"durationElements": extension},
        **fields,
    )


def dto(sentenced_at, months, **fields):
    return sentence(sentenced_at, type=DTO, months=months, **fields)
