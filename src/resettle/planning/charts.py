"""The bed-pressure chart as plain geometry for a server-side SVG: free places per week before the plan,
and the places left after its arrivals. Heights are scaled to the largest figure; negative figures (a
prison already over its capacity) sit below the axis."""

from dataclasses import dataclass

from resettle.rules.explained import day_and_month

from .selectors import WeekPressure

WIDTH, HEIGHT, AXIS_GAP, BAR = 724, 180, 20, 11
LEFT = 24  # room for the first week's label, which is centred under its bars


@dataclass(frozen=True)
class Bar:
    x: int
    y: float
    height: float
    value: int


@dataclass(frozen=True)
class PressureChart:
    free: list[Bar]
    left: list[Bar]
    labels: list[tuple[int, str]]
    axis_y: float
    width: int = WIDTH
    height: int = HEIGHT + AXIS_GAP + 14


def pressure_chart(weeks: list[WeekPressure]) -> PressureChart | None:
    if not weeks:
        return None
    top = max(1, *(max(w.free, w.left) for w in weeks))
    bottom = min(0, *(min(w.free, w.left) for w in weeks))
    scale = HEIGHT / (top - bottom)
    axis = top * scale
    step = (WIDTH - LEFT) // len(weeks)

    def bar(i: int, value: int, offset: int) -> Bar:
        height = abs(value) * scale
        return Bar(LEFT + i * step + offset, axis - height if value >= 0 else axis, height, value)

    return PressureChart(
        free=[bar(i, w.free, 1) for i, w in enumerate(weeks)],
        left=[bar(i, w.left, 1 + BAR) for i, w in enumerate(weeks)],
        labels=[(i * step + BAR, day_and_month(w.week_starting)) for i, w in enumerate(weeks) if i % 4 == 0],
        axis_y=axis,
    )
