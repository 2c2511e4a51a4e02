"""A projection chart as plain geometry for a server-side SVG: the months that happened (a line), then the
projection's central line inside its band (each month's 10th to 90th percentile of the paths), the low and
high scenarios as dashed lines, an optional capacity (what the staff on file can hold) across it, and an
optional other projection's central line (a what-if's chart shows the official run's)."""

from dataclasses import dataclass

WIDTH, HEIGHT = 720, 220
LEFT, TOP, BOTTOM = 48, 8, 28  # room for the value axis, and for the month labels under the chart
TICKS = 4
NICE_STEPS = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class BandChart:
    band: str  # polygon points
    central: str  # polyline points
    low: str
    high: str
    history: str
    other: str
    capacity_y: float | None
    now_x: float | None  # where the history ends and the projection starts
    ticks: list[Tick]
    labels: list[tuple[float, str]]
    width: int = WIDTH
    height: int = TOP + HEIGHT + BOTTOM
    left: int = LEFT
    right: int = WIDTH
    bottom: int = TOP + HEIGHT


def nice_top(value: float) -> int:
    """The top of the value axis: TICKS steps of a round whole number (a NICE_STEPS multiple of a power of
    ten), reaching at least `value`, so every tick reads as a whole count."""
    need = max(value, 1) / TICKS
    magnitude = 10 ** max(len(str(int(need))) - 1, 0)
    steps = (step * magnitude for step in NICE_STEPS if float(step * magnitude).is_integer())
    return TICKS * int(next(step for step in steps if step >= need))


def _points(xs: list[float], values: list[float], y) -> str:
    return " ".join(f"{x:.1f},{y(v):.1f}" for x, v in zip(xs, values, strict=True))


def band_chart(
    labels: list[str],
    figures: dict,
    *,
    history_labels: list[str] = (),
    history: list[float] = (),
    capacity: float | None = None,
    other: list[float] = (),
) -> BandChart:
    """`figures` is one measure's stored series: mean, p10, p90, low and high per month."""
    months = len(history) + len(labels)
    step = (WIDTH - LEFT) / max(months - 1, 1)
    xs = [LEFT + i * step for i in range(months)]
    past, ahead = xs[: len(history)], xs[len(history) :]
    highest = max(
        [*figures["p90"], *figures["high"], *history, *other, *([capacity] if capacity else [])],
        default=0,
    )
    top = nice_top(highest)

    def y(value: float) -> float:
        return TOP + HEIGHT - (value / top) * HEIGHT

    all_labels = [*history_labels, *labels]
    return BandChart(
        band=_points(ahead + ahead[::-1], [*figures["p90"], *figures["p10"][::-1]], y),
        central=_points(ahead, figures["mean"], y),
        low=_points(ahead, figures["low"], y),
        high=_points(ahead, figures["high"], y),
        history=_points(past, list(history), y),
        other=_points(ahead, list(other), y) if other else "",
        capacity_y=y(capacity) if capacity else None,
        now_x=ahead[0] if history else None,
        ticks=[Tick(y(top * i // TICKS), top * i // TICKS) for i in range(TICKS + 1)],
        labels=[(xs[i], all_labels[i]) for i in range(0, months, 3 if months <= 24 else 6)],
    )
