from django.urls import path

from . import views

urlpatterns = [
    path("prisons/readiness/", views.overview, name="prisons-overview"),
    path("prisons/<str:prison_code>/dashboard/", views.dashboard, name="dashboard"),
    path("prisons/<str:prison_code>/worklists/<slug:name>/", views.worklist, name="worklist"),
    path("my-caseload/", views.my_caseload, name="my-caseload"),
    path("people/<str:prison_number>/readiness/", views.readiness, name="readiness"),
    path(
        "people/<str:prison_number>/readiness/mappa/meetings/new/",
        views.add_mappa_meeting,
        name="readiness-mappa-meeting",
    ),
    path(
        "people/<str:prison_number>/readiness/interventions/new/",
        views.edit_intervention,
        name="readiness-intervention-new",
    ),
    path(
        "people/<str:prison_number>/readiness/interventions/<int:offer_id>/",
        views.edit_intervention,
        name="readiness-intervention",
    ),
    path("people/<str:prison_number>/readiness/<slug:section>/", views.edit_section, name="readiness-edit"),
]
