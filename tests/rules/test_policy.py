"""Policy numbers as dated data (rules/policy.py): one way to pick a version, one way to write a period,
and no policy number written a second time where titles and copy should render it from the table."""

import ast
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta

from resettle.rules.approved_premises import NOTICE_RULES
from resettle.rules.handover import HANDOVER_RULES
from resettle.rules.policy import in_force, in_words
from resettle.rules.readiness.settings import READINESS_POLICY

RULES = Path(__file__).resolve().parents[2] / "src" / "resettle" / "rules"


@dataclass(frozen=True)
class Version:
    effective_from: date
    value: int


VERSIONS = (Version(date(2023, 4, 1), 8), Version(date(2023, 11, 23), 12))


def test_the_version_in_force_is_the_latest_to_have_started_by_the_day():
    assert in_force(VERSIONS, date(2023, 11, 22)).value == 8
    assert in_force(VERSIONS, date(2023, 11, 23)).value == 12  # in force on the day it comes in


def test_before_the_first_version_the_first_is_used():
    assert in_force(VERSIONS, date(2020, 1, 1)).value == 8


@pytest.mark.parametrize(
    ("offset", "words"),
    [
        (relativedelta(months=6), "6 months"),
        (84, "12 weeks"),  # the resettlement-prison notice: 12 weeks, however it is counted
        (relativedelta(weeks=8), "8 weeks"),
        (relativedelta(months=8, days=14), "8 months 14 days"),  # MPC's determinate handover
        (relativedelta(days=7), "7 days"),
        (relativedelta(days=1), "1 day"),
        (relativedelta(months=12), "12 months"),  # relativedelta's 1 year
        (relativedelta(months=18), "18 months"),  # MPC's early-allocation referral window
        (relativedelta(years=2), "2 years"),
    ],
)
def test_a_period_is_written_as_policy_writes_it(offset, words):
    assert in_words(offset) == words


@pytest.mark.parametrize("table", [HANDOVER_RULES, NOTICE_RULES, READINESS_POLICY])
def test_each_table_is_in_the_order_its_versions_came_in(table):
    starts = [version.effective_from for version in table]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


# A number of days, weeks, months or years written into a string. Titles, reasons and sources in these modules
# render such numbers from the tables, so a change of policy changes them too.
PERIOD = re.compile(r"\b\d+(?:\s|-)(?:hours?|days?|weeks?|months?|years?)\b")
# Where the numbers are used: the checks, the inspection measures and the transfer plan that count against
# them, and the rules with dated tables of their own.
RENDERED_FROM_THE_TABLES = (
    *sorted((RULES / "readiness" / "checks").glob("*.py")),
    RULES / "inspection" / "measures.py",
    RULES / "planning" / "needs.py",
    RULES / "handover.py",
    RULES / "approved_premises.py",
)


def _strings_and_durations(path: Path):
    """Each string constant outside docstrings and check ids, and each call of relativedelta or timedelta
    with a literal number, as (line, text)."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    # A check's id is a stable key that findings and worklists are stored under, not copy.
    check_ids = {
        id(keyword.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg == "id"
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings | check_ids
        ):
            yield node.lineno, node.value
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("relativedelta", "timedelta"):
            literal = [k for k in node.keywords if isinstance(k.value, ast.Constant)]
            if literal:
                yield node.lineno, ast.unparse(node)


def _written_periods(path: Path) -> list[str]:
    return [
        f"{path.name}:{line}: {text}"
        for line, text in _strings_and_durations(path)
        if PERIOD.search(text) or text.startswith(("relativedelta(", "timedelta("))
    ]


def test_the_scan_finds_a_period_written_into_a_title(tmp_path):
    # The test below could pass by finding nothing at all; show that it finds what it looks for.
    module = tmp_path / "check.py"
    module.write_text(
        '"""Due 6 months before."""\nTITLE = "Applied 6 months before release"\nN = relativedelta(weeks=6)\n'
    )
    assert _written_periods(module) == [
        "check.py:2: Applied 6 months before release",
        "check.py:3: relativedelta(weeks=6)",
    ]


def test_no_policy_number_is_written_outside_the_tables():
    # The versions themselves are the one place a number is written (`HandoverRules(...)`, `NoticeRules(...)`,
    # `READINESS_POLICY`): the tables' own modules are scanned only outside them.
    found = [
        entry
        for path in RENDERED_FROM_THE_TABLES
        for entry in _written_periods(path)
        if not _inside_a_version(path, entry)
    ]
    assert found == []


def _inside_a_version(path: Path, entry: str) -> bool:
    line = int(entry.split(":")[1])
    tree = ast.parse(path.read_text())
    return any(
        isinstance(node, ast.Call)
        and getattr(node.func, "id", None) in ("HandoverRules", "NoticeRules")
        and node.lineno <= line <= node.end_lineno
        for node in ast.walk(tree)
    )
