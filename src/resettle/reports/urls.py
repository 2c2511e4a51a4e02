from django.urls import path

from . import views

urlpatterns = [
    path("reports/", views.national, name="reports"),
    path("reports/national.csv", views.national, {"output": "csv"}, name="report-national-csv"),
    path("reports/national.pdf", views.national, {"output": "pdf"}, name="report-national-pdf"),
    path("reports/snapshot/", views.snapshot, name="report-snapshot"),
    path("reports/regions/<str:region_code>/", views.region, name="report-region"),
    path(
        "reports/regions/<str:region_code>/report.csv",
        views.region,
        {"output": "csv"},
        name="report-region-csv",
    ),
    path(
        "reports/regions/<str:region_code>/report.pdf",
        views.region,
        {"output": "pdf"},
        name="report-region-pdf",
    ),
    path("prisons/<str:prison_code>/report/", views.prison, name="report-prison"),
    path("prisons/<str:prison_code>/report.csv", views.prison, {"output": "csv"}, name="report-prison-csv"),
    path("prisons/<str:prison_code>/report.pdf", views.prison, {"output": "pdf"}, name="report-prison-pdf"),
    path("prisons/<str:prison_code>/report/<str:measure_id>/", views.men_behind, name="report-men-behind"),
]
