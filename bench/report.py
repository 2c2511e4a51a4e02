"""The benchmark table: every figure next to the baseline it is measured against."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    benchmark: str
    measure: str
    value: str
    baseline: str
    ratio: str


def print_table(title: str, setup: list[str], rows: list[Row]) -> None:
    print(f"\n{title}")
    for line in setup:
        print(f"  {line}")
    headers = Row("benchmark", "measure", "value", "baseline (same run)", "ratio")
    table = [headers, *rows]
    widths = [max(len(getattr(row, field)) for row in table) for field in Row.__dataclass_fields__]
    for index, row in enumerate(table):
        cells = [
            getattr(row, field).ljust(width)
            for field, width in zip(Row.__dataclass_fields__, widths, strict=True)
        ]
        print("| " + " | ".join(cells) + " |")
        if index == 0:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
