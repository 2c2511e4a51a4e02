from django.urls import path

from . import views

urlpatterns = [
    path("projections/", views.national, name="projections"),
    path("projections/national.csv", views.national_csv, name="projections-csv"),
    path("projections/run/", views.run, name="projection-run"),
    path("projections/what-if/", views.what_if, name="projection-what-if"),
    path("projections/regions/<str:region_code>/", views.region, name="projection-region"),
    path(
        "projections/regions/<str:region_code>/projection.csv", views.region_csv, name="projection-region-csv"
    ),
    path("prisons/<str:prison_code>/projection/", views.prison, name="projection-prison"),
    path("prisons/<str:prison_code>/projection.csv", views.prison_csv, name="projection-prison-csv"),
]
