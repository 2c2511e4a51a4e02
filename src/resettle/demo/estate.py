"""The prison and probation estate of England and Wales, read from the data files beside this module.

The files are the source of truth so that a reviewer can correct a capacity or a NOMIS code without
reading code; see docs/demo-data.md for where the figures come from.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from resettle.estate.models import Prison, ProbationDeliveryUnit, Region

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class RegionSpec:
    code: str
    name: str
    prefix: str


@dataclass(frozen=True)
class PduSpec:
    code: str
    name: str
    region: str  # region prefix, such as SW
    latitude: float
    longitude: float


@dataclass(frozen=True)
class PrisonSpec:
    code: str
    name: str
    region: str
    category: str
    estate: str
    operational_capacity: int
    is_resettlement_prison: bool
    accepts_sexual_offences: bool
    is_private: bool
    sexual_offence_share: float
    serves: tuple[str, ...]  # PDU codes; a resettlement prison with none listed serves its whole region
    latitude: float
    longitude: float


@dataclass
class Estate:
    """The saved estate, looked up by code."""

    regions: dict[str, Region]  # by prefix
    pdus: dict[str, ProbationDeliveryUnit]
    prisons: dict[str, Prison]


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@cache
def region_specs() -> tuple[RegionSpec, ...]:
    return tuple(RegionSpec(**row) for row in _rows("regions.csv"))


@cache
def pdu_specs() -> tuple[PduSpec, ...]:
    return tuple(
        PduSpec(
            code=row["code"],
            name=row["name"],
            region=row["region"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
        )
        for row in _rows("pdus.csv")
    )


@cache
def prison_specs() -> tuple[PrisonSpec, ...]:
    return tuple(
        PrisonSpec(
            code=row["code"],
            name=row["name"],
            region=row["region"],
            category=row["category"],
            estate=row["estate"],
            operational_capacity=int(row["operational_capacity"]),
            is_resettlement_prison=row["resettlement"] == "Y",
            accepts_sexual_offences=row["holds_sexual_offences"] == "Y",
            is_private=row["private"] == "Y",
            sexual_offence_share=int(row["sexual_offence_percent"]) / 100,
            serves=tuple(code for code in row["serves"].split(";") if code),
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
        )
        for row in _rows("prisons.csv")
    )


def pdus_served(prison: PrisonSpec) -> tuple[str, ...]:
    """The release areas a resettlement prison serves; none for any other prison."""
    if not prison.is_resettlement_prison:
        return ()
    return prison.serves or tuple(pdu.code for pdu in pdu_specs() if pdu.region == prison.region)


def pdu_email(name: str) -> str:
    slug = "".join(ch if ch.isalnum() else "-" for ch in name.lower())
    return "-".join(part for part in slug.split("-") if part) + ".pdu@justice.gov.uk"


def estate_rows() -> Estate:
    """The estate as unsaved rows, linked to each other."""
    regions = {spec.prefix: Region(code=spec.code, name=spec.name) for spec in region_specs()}
    pdus = {
        spec.code: ProbationDeliveryUnit(
            code=spec.code,
            name=spec.name,
            region=regions[spec.region],
            email=pdu_email(spec.name),
            latitude=spec.latitude,
            longitude=spec.longitude,
        )
        for spec in pdu_specs()
    }
    prisons = {
        spec.code: Prison(
            code=spec.code,
            name=spec.name,
            region=regions[spec.region],
            category=spec.category,
            estate=spec.estate,
            operational_capacity=spec.operational_capacity,
            is_resettlement_prison=spec.is_resettlement_prison,
            accepts_sexual_offences=spec.accepts_sexual_offences,
            is_private=spec.is_private,
            latitude=spec.latitude,
            longitude=spec.longitude,
        )
        for spec in prison_specs()
    }
    return Estate(regions=regions, pdus=pdus, prisons=prisons)


def build_estate() -> Estate:
    """Write regions, PDUs and prisons (with the release areas they serve); a few hundred rows."""
    estate = estate_rows()
    Region.objects.bulk_create(estate.regions.values())
    ProbationDeliveryUnit.objects.bulk_create(estate.pdus.values())
    Prison.objects.bulk_create(estate.prisons.values())
    Served = Prison.release_areas_served.through
    Served.objects.bulk_create(
        Served(prison_id=estate.prisons[spec.code].pk, probationdeliveryunit_id=estate.pdus[code].pk)
        for spec in prison_specs()
        for code in pdus_served(spec)
    )
    return estate
