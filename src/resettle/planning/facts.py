"""Reading the transfer problem's facts from the database in a fixed number of queries (values_list, not
model instances), however large the estate: prisons, release areas, populations, the men releasing
within the horizon, their sexual offences, holds, rejections and agreed transfers."""

from collections import defaultdict
from datetime import date

from django.db.models import Count, F

from resettle.estate.models import Prison, ProbationDeliveryUnit
from resettle.people.models import Offence, Person
from resettle.people.vocabulary import CustodyStatus
from resettle.rules.planning.estate import ManFacts, Point, PrisonFacts
from resettle.rules.planning.needs import Horizon
from resettle.rules.planning.problem import AgreedTransfer, InCustody, build_problem
from resettle.rules.planning.transfers import Problem

from .models import PLANNED, Transfer, TransferHold, TransferStatus

IN_CUSTODY = (CustodyStatus.IN_CUSTODY, CustodyStatus.RECALLED)
# Releases that free a place on their date for certain (rules.release): not PED, TED or THD.
AUTOMATIC_RELEASES = frozenset({"CRD", "ARD", "PRRD"})
SEX = {"male": "MALE", "female": "FEMALE"}


def _point(latitude, longitude) -> Point | None:
    return None if latitude is None or longitude is None else Point(latitude, longitude)


def prison_facts() -> tuple[dict[str, PrisonFacts], dict[int, str], dict[str, int]]:
    """The prisons, their codes by id, and their reported rolls."""
    served = defaultdict(set)
    for prison_id, pdu_code in Prison.release_areas_served.through.objects.values_list(
        "prison_id", "probationdeliveryunit__code"
    ):
        served[prison_id].add(pdu_code)
    prisons, codes, rolls = {}, {}, {}
    for row in Prison.objects.values(
        "id",
        "code",
        "name",
        "region__code",
        "category",
        "estate",
        "is_resettlement_prison",
        "accepts_sexual_offences",
        "latitude",
        "longitude",
        "operational_capacity",
        "roll",
    ):
        codes[row["id"]] = row["code"]
        rolls[row["code"]] = row["roll"] or 0
        prisons[row["code"]] = PrisonFacts(
            code=row["code"],
            name=row["name"],
            region=row["region__code"],
            category=row["category"],
            estate=row["estate"],
            is_resettlement_prison=row["is_resettlement_prison"],
            serves=frozenset(served[row["id"]]),
            holds_sexual_offences=row["accepts_sexual_offences"],
            location=_point(row["latitude"], row["longitude"]),
            operational_capacity=row["operational_capacity"] or None,
        )
    return prisons, codes, rolls


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def transfer_problem(horizon: Horizon) -> tuple[Problem, list[str]]:
    prisons, codes, rolls = prison_facts()
    pdus = {
        row[0]: (row[1], row[2], _point(row[3], row[4]))
        for row in ProbationDeliveryUnit.objects.values_list(
            "id", "code", "region__code", "latitude", "longitude"
        )
    }
    held = Person.objects.filter(status__in=IN_CUSTODY)
    listed = {
        codes[row["current_prison_id"]]: row["n"]
        for row in held.values("current_prison_id").annotate(n=Count("id"))
        if row["current_prison_id"] is not None
    }
    # The roll counts men held whose records are not (yet) here; the records count any the roll missed.
    population = {code: max(listed.get(code, 0), rolls[code]) for code in prisons}
    releasing_qs = held.filter(earliest_release_date__lte=horizon.ends_on, current_prison__isnull=False)
    sexual = set(
        Offence.objects.filter(
            is_sexual=True, sentence__booking__is_active=True, sentence__booking__person__in=releasing_qs
        ).values_list("sentence__booking__person_id", flat=True)
    )
    releasing = []
    for pk, number, prison_id, area_id, gender, born, category, release_on, kind in releasing_qs.values_list(
        "id",
        "prison_number",
        "current_prison_id",
        "release_area_id",
        "gender",
        "date_of_birth",
        "security_category",
        "earliest_release_date",
        "earliest_release_type",
    ):
        area, region, location = pdus.get(area_id, (None, None, None))
        releasing.append(
            InCustody(
                ManFacts(
                    prison_number=number,
                    current_prison=codes[prison_id],
                    sex=SEX.get((gender or "").lower(), gender or ""),
                    age=_age(born, horizon.as_of),
                    security_category=category or "",
                    convicted_of_sexual_offence=pk in sexual,
                    release_area=area,
                    release_region=region,
                    release_area_location=location,
                ),
                release_on,
                release_is_certain=kind in AUTOMATIC_RELEASES,
            )
        )
    holds = dict(
        TransferHold.objects.filter(lifted_on__isnull=True, person__in=releasing_qs)
        .order_by("recorded_on")
        .values_list("person__prison_number", "reason")
    )
    rejected = defaultdict(set)
    for number, code in Transfer.objects.filter(status=TransferStatus.REJECTED).values_list(
        "person__prison_number", "to_prison__code"
    ):
        rejected[number].add(code)
    agreed = [
        AgreedTransfer(*row)
        # Only moves still to be made: he is held, and still where the move starts.
        for row in Transfer.objects.filter(
            status__in=PLANNED, person__status__in=IN_CUSTODY, person__current_prison=F("from_prison")
        ).values_list("person__prison_number", "from_prison__code", "to_prison__code", "proposed_on")
    ]
    return build_problem(
        horizon=horizon,
        prisons=prisons,
        population=population,
        releasing=releasing,
        agreed=agreed,
        holds={number: f"Held from transfer: {reason}" for number, reason in holds.items()},
        rejected={number: frozenset(codes_) for number, codes_ in rejected.items()},
    )
