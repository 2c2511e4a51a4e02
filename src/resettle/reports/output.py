"""A report's charts, PDF and CSV, for the pages and the command alike."""

import csv
import io

from django.template.loader import render_to_string

from resettle.rules.inspection.measures import Kind

from .charts import bar_chart, trend_chart
from .report import Report, csv_rows


def charts_for(report: Report) -> dict:
    """Measure id -> its chart: bars for a distribution, a trend line for a share with snapshots to show."""
    charts = {}
    for _, lines in report.themes:
        for line in lines:
            if line.measure.kind == Kind.DISTRIBUTION:
                charts[line.measure.id] = bar_chart([(words, count) for _, words, count in line.categories])
            elif line.trend:
                charts[line.measure.id] = trend_chart(line.trend)
    return charts


def pdf(report: Report) -> bytes:
    from weasyprint import CSS, HTML  # imported here: it loads Pango, which only the PDF needs

    html = render_to_string("reports/report_pdf.html", {"report": report, "charts": charts_for(report)})
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=render_to_string("reports/report_pdf.css"))])


def csv_text(report: Report) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(csv_rows(report))
    return out.getvalue()
