from django.urls import path

from . import views

urlpatterns = [
    path("prisons/", views.prison_list, name="prison-list"),
    path("prisons/<str:prison_code>/caseload/", views.caseload, name="caseload"),
    path("calculate/", views.calculate, name="calculate"),
    path("calculate/json/", views.calculate_json, name="calculate-json"),
]
