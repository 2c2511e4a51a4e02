"""The report's charts as plain geometry for server-side SVG (the page and the PDF draw the same): a bar
per category of a distribution, and a share's trend over the snapshots kept (0 to 100%)."""

from dataclasses import dataclass
from datetime import date

BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, BAR_WIDTH = 22, 8, 320, 340
TREND_WIDTH, TREND_HEIGHT, TREND_LEFT, TREND_TOP, TREND_BOTTOM = 480, 140, 44, 8, 24


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    label: str
    count: int


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int = LABEL_WIDTH + BAR_WIDTH + 60
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return len(self.bars) * (BAR_HEIGHT + BAR_GAP)


def bar_chart(categories: list[tuple[str, int]]) -> BarChart | None:
    """None when every count is 0: a chart of nothing says nothing."""
    largest = max((count for _, count in categories), default=0)
    if not largest:
        return None
    return BarChart(
        [
            Bar(i * (BAR_HEIGHT + BAR_GAP), BAR_WIDTH * count / largest, label, count)
            for i, (label, count) in enumerate(categories)
        ]
    )


@dataclass(frozen=True)
class TrendChart:
    points: str
    dots: list[tuple[float, float]]
    labels: list[tuple[float, str]]
    ticks: list[tuple[float, int]]
    width: int = TREND_WIDTH
    height: int = TREND_TOP + TREND_HEIGHT + TREND_BOTTOM
    left: int = TREND_LEFT
    bottom: int = TREND_TOP + TREND_HEIGHT


def trend_chart(trend: list[tuple[date, float | None]]) -> TrendChart | None:
    """None with fewer than two values: one point is not a trend."""
    known = [(end, value) for end, value in trend if value is not None]
    if len(known) < 2:
        return None
    step = (TREND_WIDTH - TREND_LEFT - 10) / (len(known) - 1)

    def y(value: float) -> float:
        return TREND_TOP + TREND_HEIGHT * (1 - value)

    dots = [(TREND_LEFT + i * step, y(value)) for i, (_, value) in enumerate(known)]
    every = max(1, len(known) // 6)
    return TrendChart(
        points=" ".join(f"{x:.1f},{v:.1f}" for x, v in dots),
        dots=dots,
        labels=[(dots[i][0], known[i][0].strftime("%b %Y")) for i in range(0, len(known), every)],
        ticks=[(y(share / 100), share) for share in (0, 50, 100)],
    )
