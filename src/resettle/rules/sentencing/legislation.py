"""Legislation as dated data: the rule profiles CRDS runs under, loaded from its own YAML.

`calculation-params` is the base; `sds-50` (pre-SDS40 rules, with the 40% dates moved to 2054) and
`sds-progression-model-october` (the 2026 progression model, which production runs) sit on top of it.
Feature toggles are separate and explicit: every one is off unless it is given.
"""

import hashlib
import re
from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from .multipliers import BY_NAME, Multiplier

PROFILE_DIR = Path(__file__).parent / "profiles"
BASE_PROFILE = "calculation-params"

# Fixed commencement dates (CRDS service/ImportantDates.kt); they are statute, not configuration.
CJA_DATE = date(2005, 4, 4)
LASPO_DATE = date(2012, 12, 3)
ORA_DATE = date(2015, 2, 1)
A_FINE_TEN_MILLION_FULL_RELEASE_DATE = date(2015, 6, 1)
SDS_PLUS_COMMENCEMENT_DATE = date(2020, 4, 1)
PCSC_COMMENCEMENT_DATE = date(2022, 6, 28)
HDC_365_COMMENCEMENT_DATE = date(2025, 6, 3)
ERS30_COMMENCEMENT_DATE = date(2025, 9, 23)
HDC_CLEAN_STOP_DATE = date(2026, 9, 2)


@dataclass(frozen=True)
class Toggles:
    """CRDS `config/FeatureToggles.kt`. Production (August 2026) turns on the first five."""

    applyPostRecallRepealRules: bool = False
    applyPostHdcedRepealRules: bool = False
    routePreProgressionExtinguishedSentenceToManual: bool = False
    progressionModelScheduleExclusionEnabled: bool = False
    routeProgressionModelScheduleExclusionToManual: bool = False
    adultHdcSuspended: bool = False
    progressionTrancheOneManualJourney: bool = False
    useLatestErsedFromPreErs30Snapshot: bool = False
    storeSentenceLevelDates: bool = False

    @classmethod
    def from_mapping(cls, values: dict | None) -> "Toggles":
        """CRDS's feature toggles by name; a name CRDS has but the engine does not read is ignored (the
        fixtures carry them all). For a toggle Resettle is set to, see `unknown_names`."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: bool(v) for k, v in (values or {}).items() if k in known})

    @classmethod
    def unknown_names(cls, names) -> list[str]:
        known = {f.name for f in fields(cls)}
        return sorted(set(names) - known)


PRODUCTION_TOGGLES = Toggles(
    applyPostRecallRepealRules=True,
    applyPostHdcedRepealRules=True,
    routePreProgressionExtinguishedSentenceToManual=True,
    progressionModelScheduleExclusionEnabled=True,
    routeProgressionModelScheduleExclusionToManual=True,
)


@dataclass(frozen=True)
class Tranche:
    """A commencement step: sentences up to `max_days` long (or under `years_less_than` years) move on
    `date`; the final tranche takes the rest."""

    name: str
    date: date
    max_days: int | None = None
    years_less_than: int | None = None

    @property
    def is_final(self) -> bool:
        return self.max_days is None and self.years_less_than is None


@dataclass(frozen=True)
class EarlyRelease:
    """An early-release scheme: SDS40 (2024) or the progression model (2026)."""

    name: str
    sds: Multiplier
    sds_plus: Multiplier | None
    tranches: tuple[Tranche, ...]

    @property
    def commencement(self) -> date:
        return self.tranches[0].date


@dataclass(frozen=True)
class Hdc:
    minimum_custodial_days: int
    midpoint_days_pre_365: int
    below_midpoint_minimum_days: int
    above_midpoint_deduction_pre_365: int
    minimum_days_on_hdc: int
    midpoint_days_post_365: int
    above_midpoint_deduction_post_365: int


@dataclass(frozen=True)
class Ers:
    ers50_max_days: int
    ers50_release_point: Multiplier
    ers30_max_years: int
    ers30_release_point: Multiplier


@dataclass(frozen=True)
class Profile:
    name: str
    sds40: EarlyRelease
    sds40_additional_exclusions_from: date
    progression_model: EarlyRelease | None
    ftr56_tranches: tuple[Tranche, ...]
    hdc: Hdc
    ers: Ers
    default_sds: Multiplier = BY_NAME["ONE_HALF"]
    default_sds_plus: Multiplier = BY_NAME["TWO_THIRDS"]


def _merge(base: dict, overlay: dict) -> dict:
    merged = dict(base)
    for key, value in overlay.items():
        merged[key] = (
            _merge(merged[key], value)
            if isinstance(value, dict) and isinstance(merged.get(key), dict)
            else value
        )
    return merged


def _lookup(tree: dict, dotted: str):
    for part in dotted.split("."):
        tree = tree[part]
    return tree


def _resolve(value, tree: dict):
    """Spring-style `${a.b.c}` placeholders, resolved against the merged profile."""
    if isinstance(value, dict):
        return {k: _resolve(v, tree) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, tree) for v in value]
    if isinstance(value, str):
        match = re.fullmatch(r"\$\{([^}]+)\}", value.strip())
        if match:
            return _resolve(_lookup(tree, match.group(1)), tree)
    return value


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _tranches(raw: list) -> tuple[Tranche, ...]:
    tranches = []
    for item in raw:
        kind = item["type"]
        tranche = Tranche(item["name"], _as_date(item["date"]))
        if kind == "SENTENCE_LENGTH_LESS_THAN" and item["unit"] == "YEARS":
            tranche = Tranche(item["name"], tranche.date, years_less_than=int(item["duration"]))
        elif kind == "SENTENCE_LENGTH_LESS_THAN_OR_EQUAL_TO" and item["unit"] == "DAYS":
            tranche = Tranche(item["name"], tranche.date, max_days=int(item["duration"]))
        elif kind != "FINAL":
            raise ValueError(f"unsupported tranche rule {kind} {item.get('unit')}")
        tranches.append(tranche)
    return tuple(tranches)


def _scheme(name: str, raw: dict) -> EarlyRelease:
    multipliers = raw["release-multiplier"]
    return EarlyRelease(
        name,
        BY_NAME[multipliers["SDS"]],
        BY_NAME[multipliers["SDS_PLUS"]] if "SDS_PLUS" in multipliers else None,
        _tranches(raw["tranches"]),
    )


@cache
def profile_digest(name: str, directory: Path = PROFILE_DIR) -> str:
    """A hash of the profile's rules as written (its file over `calculation-params`): it changes whenever
    a number in them does, so dates calculated under the old numbers are calculated again."""
    files = [directory / f"application-{BASE_PROFILE}.yml", directory / f"application-{name}.yml"]
    return hashlib.sha256(b"".join(path.read_bytes() for path in dict.fromkeys(files))).hexdigest()


@cache
def engine_digest() -> str:
    """A hash of the engine's own source: a rule fixed in code reaches the dates already stored."""
    sources = sorted(Path(__file__).parent.glob("*.py"))
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()


def profile_names(directory: Path = PROFILE_DIR) -> list[str]:
    """The rule profiles held, by name (`application-NAME.yml`)."""
    return sorted(path.stem.removeprefix("application-") for path in directory.glob("application-*.yml"))


def _read(name: str, directory: Path) -> dict:
    path = directory / f"application-{name}.yml"
    if not path.is_file():
        raise FileNotFoundError(f"rule profile {name!r} not found: {path}")
    return yaml.safe_load(path.read_text()) or {}


@cache
def load_profile(name: str = BASE_PROFILE, directory: Path = PROFILE_DIR) -> Profile:
    """The named profile on top of `calculation-params`, read from `directory`."""
    tree = _read(BASE_PROFILE, directory)
    if name != BASE_PROFILE:
        tree = _merge(tree, _read(name, directory))
    tree = _resolve(tree, tree)
    legislations = tree["sds-legislations"]
    hdc, ers = tree["hdced"], tree["ersed"]
    progression = legislations.get("progression-model-legislation")
    return Profile(
        name=name,
        sds40=_scheme("SDS40", legislations["sds40-legislation"]),
        sds40_additional_exclusions_from=_as_date(
            legislations["sds40-additional-excluded-offences-legislation"]["commencement-date"]
        ),
        progression_model=_scheme("Progression model", progression) if progression else None,
        ftr56_tranches=_tranches(tree["ftr-legislations"]["ftr56-legislation"]["tranches"]),
        hdc=Hdc(
            hdc["minimum-custodial-period-days"],
            hdc["custodial-period-mid-point-days-pre-hdc-365"],
            hdc["custodial-period-below-midpoint-minimum-deduction-days"],
            hdc["custodial-period-above-midpoint-deduction-days-pre-hdc-365"],
            hdc["minimum-days-on-hdc"],
            hdc["custodial-period-mid-point-days-post-hdc-365"],
            hdc["custodial-period-above-midpoint-deduction-days-post-hdc-365"],
        ),
        ers=Ers(
            ers["ers-50-max-period-amount"],
            BY_NAME[ers["ers-50-release-point"]],
            ers["ers-30-max-period-amount"],
            BY_NAME[ers["ers-30-release-point"]],
        ),
    )
