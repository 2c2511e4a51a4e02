"""Conformance against CRDS's own test cases: runs every case in a directory laid out like CRDS's
`test_data` (overall_calculation/, overall_calculation_response/, params/) and reports agreement.

A date case passes when the whole `dates` map and the effective sentence length equal CRDS's. A refusal
case (`error` or `expectedValidationException`) passes when the engine refuses it for the same reason:
its code is one of CRDS's (an exception name is read as the code it spells). Cases whose refusal
depends on state not in the input (a stored earlier calculation), and inputs with neither a response nor
an expected error, are "not applicable" and not counted.

It reads files, so it sits beside the `crd-conformance` command, not in the pure rules it exercises."""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from resettle.rules.sentencing.engine import calculate
from resettle.rules.sentencing.legislation import BASE_PROFILE, Toggles, load_profile
from resettle.rules.sentencing.parse import BookingInvalid, parse_booking
from resettle.rules.sentencing.result import Refused

# CRDS's test bank holidays (TestUtil.defaultBankHolidays): England and Wales.
FIXTURE_BANK_HOLIDAYS = (date(2021, 12, 27), date(2021, 12, 28))
# Refusals that need a stored previous calculation to decide.
STATEFUL_ERRORS = frozenset({"BreakdownChangedSinceLastCalculation"})
INPUTS, RESPONSES, PARAMS = "overall_calculation", "overall_calculation_response", "params"


class FixturesMissing(Exception):
    pass


@dataclass
class Outcome:
    name: str  # group/case
    group: str
    profile: str
    status: str  # passed, failed, not applicable
    expects_refusal: bool = False
    expected_codes: tuple[str, ...] = ()  # CRDS's validation codes or exception name
    detail: str = ""


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def counted(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status != "not applicable"]

    @property
    def passed(self) -> int:
        return sum(o.status == "passed" for o in self.outcomes)

    @property
    def failed(self) -> int:
        return sum(o.status == "failed" for o in self.outcomes)

    @property
    def rate(self) -> float:
        counted = len(self.counted())
        return self.passed / counted if counted else 0.0

    def lines(self, *, verbose: bool = False) -> list[str]:
        lines = []
        for title, key in (("group", "group"), ("profile", "profile")):
            lines.append(f"By {title}:")
            totals, passes = Counter(), Counter()
            for o in self.counted():
                totals[getattr(o, key)] += 1
                passes[getattr(o, key)] += o.status == "passed"
            for name in sorted(totals):
                lines.append(
                    f"  {name:<32} {passes[name]:>4}/{totals[name]:<4} {passes[name] / totals[name]:6.1%}"
                )
        na = [o for o in self.outcomes if o.status == "not applicable"]
        if na:
            lines.append(f"Not applicable ({len(na)}): " + ", ".join(f"{o.name} ({o.detail})" for o in na))
        failing = [o for o in self.outcomes if o.status == "failed"]
        if failing:
            lines.append(f"Failing ({len(failing)}):")
            lines.extend(f"  {o.name}" + (f": {o.detail}" if verbose else "") for o in failing)
        lines.append(f"Overall {self.rate:.1%}")
        lines.append(f"{self.passed} passed, {self.failed} failed")
        return lines


def _check_layout(root: Path) -> None:
    if not root.is_dir():
        raise FixturesMissing(f"fixture directory not found: {root}")
    for name in (INPUTS, RESPONSES, PARAMS):
        if not (root / name).is_dir():
            raise FixturesMissing(f"fixture directory {root} has no {name}/ folder")
    if not (root / PARAMS / f"application-{BASE_PROFILE}.yml").is_file():
        raise FixturesMissing(f"fixture directory {root} has no {PARAMS}/application-{BASE_PROFILE}.yml")


def run(root: Path) -> Report:
    root = Path(root)
    _check_layout(root)
    report = Report()
    for path in sorted((root / INPUTS).rglob("*.json")):
        report.outcomes.append(run_case(root, path))
    return report


def code_of(expected: str) -> str:
    """CRDS's validation code, or the code an exception's name spells: NoValidReturnToCustodyDateException
    is NO_VALID_RETURN_TO_CUSTODY_DATE."""
    if not expected.endswith("Exception"):
        return expected
    return re.sub(r"(?<!^)(?=[A-Z])", "_", expected.removesuffix("Exception")).upper()


def _days_apart(want: str | None, got: str | None) -> str:
    if not want or not got:
        return ""
    days = (date.fromisoformat(got) - date.fromisoformat(want)).days
    return f" ({days:+d} day{'s' if abs(days) != 1 else ''})"


def _differences(expected: dict, actual: dict) -> str:
    keys = sorted(set(expected) | set(actual))
    return ", ".join(
        f"{k} want {expected.get(k)} got {actual.get(k)}{_days_apart(expected.get(k), actual.get(k))}"
        for k in keys
        if expected.get(k) != actual.get(k)
    )


def run_case(root: Path, path: Path) -> Outcome:
    relative = path.relative_to(root / INPUTS)
    name = str(relative.with_suffix(""))
    group = relative.parts[0] if len(relative.parts) > 1 else ""
    case = json.loads(path.read_text())
    profile_name = case.get("params") or BASE_PROFILE
    outcome = Outcome(name, group, profile_name, "failed")
    expected_error = case.get("error") or case.get("expectedValidationException")
    response_path = root / RESPONSES / relative
    if expected_error in STATEFUL_ERRORS:
        outcome.status, outcome.detail = "not applicable", f"needs stored state: {expected_error}"
        return outcome
    if not expected_error and not response_path.is_file():
        outcome.status, outcome.detail = "not applicable", "no expected response"
        return outcome
    outcome.expects_refusal = bool(expected_error)
    outcome.expected_codes = tuple(expected_error.split("|")) if expected_error else ()
    try:
        booking = parse_booking(case.get("booking"), case.get("userInputs"))
        profile = load_profile(profile_name, root / PARAMS)
        result = calculate(
            booking, profile, Toggles.from_mapping(case.get("featureToggles")), FIXTURE_BANK_HOLIDAYS
        )
    except (Refused, BookingInvalid) as refusal:
        code = getattr(refusal, "code", "INVALID_BOOKING")
        same = code in {code_of(expected) for expected in outcome.expected_codes}
        outcome.status = "passed" if same else "failed"
        outcome.detail = f"refused: {refusal}" + (
            "" if same or not expected_error else f"; CRDS refuses with {expected_error}"
        )
        return outcome
    except Exception as crash:  # a crash is a failure of the engine, reported, not hidden
        outcome.detail = f"crashed: {type(crash).__name__}: {crash}"
        return outcome
    if expected_error:
        outcome.detail = f"calculated, expected refusal {expected_error}"
        return outcome
    expected = json.loads(response_path.read_text())
    want = {k: str(v).strip() for k, v in expected.get("dates", {}).items()}
    got = {k: v.isoformat() for k, v in result.dates.items()}
    want_length = expected.get("effectiveSentenceLength")
    got_length = result.effective_sentence_length.iso()
    if want == got and want_length == got_length:
        outcome.status = "passed"
    else:
        outcome.detail = _differences(want, got)
        if want_length != got_length:
            outcome.detail += f" ESL want {want_length} got {got_length}"
    return outcome
