from django.urls import path

from . import views

urlpatterns = [
    path("transfers/", views.national_plan, name="transfer-plan"),
    path("transfers/run/", views.run_plan, name="transfer-plan-run"),
    path("transfers/unplaced/", views.unplaced, name="transfers-unplaced"),
    path("transfers/<int:transfer_id>/decide/", views.decide, name="transfer-decide"),
    path("prisons/<str:prison_code>/transfers/", views.prison_transfers, name="prison-transfers"),
    path("people/<str:prison_number>/", views.person, name="person"),
    path("people/<str:prison_number>/transfer-hold/", views.hold, name="transfer-hold"),
]
