"""The projection chart's geometry: an axis of whole numbers reaching the largest figure, and one point a
month for each line."""

from hypothesis import given
from hypothesis import strategies as st

from resettle.projections.charts import TICKS, band_chart, nice_top


@given(st.floats(min_value=0, max_value=10**7, allow_nan=False))
def test_the_axis_top_reaches_the_value_in_whole_ticks(value):
    top = nice_top(value)
    assert top >= value and top % TICKS == 0
    assert top <= max(2 * value, TICKS) * 1.5  # never more than half as high again as needed


def test_each_line_has_a_point_a_month_and_history_comes_first():
    figures = {key: [10, 20, 30] for key in ("mean", "p10", "p90", "low", "high")}
    chart = band_chart(
        ["Jan", "Feb", "Mar"], figures, history_labels=["Nov", "Dec"], history=[5, 6], capacity=25
    )
    assert len(chart.central.split()) == 3 and len(chart.history.split()) == 2
    assert len(chart.band.split()) == 6  # the 90th percentile across, the 10th back
    assert chart.now_x == float(chart.central.split()[0].split(",")[0])
    assert [tick.value for tick in chart.ticks] == [0, 8, 16, 24, 32]
    assert chart.capacity_y is not None and chart.ticks[-1].y < chart.capacity_y < chart.ticks[0].y
